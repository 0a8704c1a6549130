package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.Priority;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rules on real PostgreSQL: a new case is routed by the first matching enabled rule before the classifier, its
 * actions applied, the decision names the rule; the preview counts seeded cases; rules stay in their organization.
 */
@AspaTest
class RoutingRulesIntegrationTest {
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Routing routing;
    @Autowired RuleStore rules;
    @Autowired RulePreview preview;
    @Autowired Cases cases;
    @Autowired Customers customers;

    Fixtures.Org org;
    CatalogueService graffiti;
    CatalogueService signs;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        graffiti = catalogue.byOpen311Code(org.id(), "176").orElseThrow();
        signs = catalogue.byOpen311Code(org.id(), "198").orElseThrow();
    }

    static RoutingRule.Conditions when(Channel channel, String mailbox, String code, List<String> keywords, Language language,
                                       CustomerKind kind) {
        return new RoutingRule.Conditions(channel, mailbox, code, keywords, language, kind);
    }

    OpenedCase open(Channel channel, Set<String> tags, String subject, String body, Language language, ContactDetails who) {
        UUID customer = customers.resolve(org.id(), who);
        return cases.open(org.id(), new NewCase(channel, customer, subject, body, language, null, null, null, tags, List.of(),
                Actor.customer()));
    }

    OpenedCase open(Channel channel, Set<String> tags, String subject, String body) {
        return open(channel, tags, subject, body, Language.FI,
                ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
    }

    RoutingDecision decided(OpenedCase opened) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        return routing.decisions(org.id(), opened.id()).getFirst();
    }

    @Test
    void aMatchingRuleDecidesBeforeTheClassifierAndAppliesItsActions() {
        RoutingRule rule = rules.create(org.id(), "Graffiti by email", true,
                when(Channel.EMAIL, null, null, List.of("töhry"), null, null),
                new RoutingRule.Actions(graffiti.id(), null, org.colleague().id(), Priority.HIGH, List.of("graffiti")));
        // the text speaks of a traffic sign: the classifier would say 198, the rule says graffiti
        OpenedCase opened = open(Channel.EMAIL, Set.of(), "Liikennemerkki töhritty", "Liikennemerkissä on töhryjä.");

        RoutingDecision decision = decided(opened);
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.ROUTED);
        assertThat(decision.ruleId()).isEqualTo(rule.id());
        assertThat(decision.model()).isEqualTo(RoutingDecision.BY_RULE);
        assertThat(decision.serviceId()).isEqualTo(graffiti.id());
        assertThat(decision.unitId()).as("the service's unit").isEqualTo(org.building().id());
        assertThat(decision.reason()).isEqualTo("Rule 1 'Graffiti by email' matched: channel EMAIL, keyword 'töhry'.");
        await().atMost(Duration.ofSeconds(60)).until(() -> org.colleague().id().equals(
                cases.summary(org.id(), opened.id()).orElseThrow().assigneeId()));
        CaseSummary summary = cases.summary(org.id(), opened.id()).orElseThrow();
        assertThat(summary.unitId()).isEqualTo(org.building().id());
        assertThat(summary.priority()).isEqualTo(Priority.HIGH);
        assertThat(summary.tags()).contains("graffiti");
    }

    @Test
    void rulesAreTriedInOrderAndDisabledOnesSkipped() {
        RoutingRule off = rules.create(org.id(), "Off", false, when(Channel.WEB_FORM, null, null, null, null, null),
                new RoutingRule.Actions(null, org.service().id(), null, null, List.of()));
        RoutingRule first = rules.create(org.id(), "Signs", true, when(null, null, null, List.of("merkki"), null, null),
                new RoutingRule.Actions(signs.id(), null, null, null, List.of()));
        RoutingRule second = rules.create(org.id(), "Everything on the web", true, when(Channel.WEB_FORM, null, null, null, null, null),
                new RoutingRule.Actions(null, org.service().id(), null, null, List.of()));
        assertThat(rules.list(org.id())).extracting(RoutingRule::id).containsExactly(off.id(), first.id(), second.id());

        assertThat(decided(open(Channel.WEB_FORM, Set.of(), "Merkki kaatui", "Stop-merkki on kaatunut.")).ruleId()).isEqualTo(first.id());

        rules.move(org.id(), second.id(), -1);
        assertThat(rules.list(org.id())).extracting(RoutingRule::id).containsExactly(off.id(), second.id(), first.id());
        assertThat(rules.list(org.id())).extracting(RoutingRule::position).containsExactly(1, 2, 3);
        assertThat(decided(open(Channel.WEB_FORM, Set.of(), "Merkki kaatui", "Stop-merkki on kaatunut.")).ruleId()).isEqualTo(second.id());

        rules.setEnabled(org.id(), second.id(), false);
        rules.setEnabled(org.id(), first.id(), false);
        RoutingDecision classifier = decided(open(Channel.WEB_FORM, Set.of(), "Merkki kaatui", "Stop-merkki on kaatunut."));
        assertThat(classifier.ruleId()).as("no enabled rule matches: the classifier decides").isNull();
        assertThat(classifier.model()).isEqualTo(ServiceClassifier.MODEL);
    }

    @Test
    void mailboxOpen311LanguageAndCustomerKindRules() {
        RoutingRule mailbox = rules.create(org.id(), "Building mailbox", true,
                when(null, "rava@example.fi", null, null, null, null),
                new RoutingRule.Actions(null, org.building().id(), null, null, List.of()));
        RoutingRule open311 = rules.create(org.id(), "Open311 graffiti", true,
                when(Channel.OPEN311, null, "176", null, null, null),
                new RoutingRule.Actions(graffiti.id(), null, null, null, List.of()));
        RoutingRule businessSv = rules.create(org.id(), "Swedish businesses", true,
                when(null, null, null, null, Language.SV, CustomerKind.BUSINESS),
                new RoutingRule.Actions(null, org.service().id(), null, Priority.HIGH, List.of()));

        assertThat(decided(open(Channel.EMAIL, Set.of("mailbox:rava@example.fi"), "Kysymys", "Hei")).ruleId()).isEqualTo(mailbox.id());
        assertThat(decided(open(Channel.OPEN311, Set.of("open311:176"), "Töhryjä", "Seinässä")).ruleId()).isEqualTo(open311.id());
        OpenedCase business = open(Channel.WEB_FORM, Set.of(), "Fråga", "Hej", Language.SV,
                new ContactDetails(CustomerKind.BUSINESS, "Fabrik Ab", "info@fabrik.fi", null, null, "0112038-9", null, Language.SV, false));
        assertThat(decided(business).ruleId()).isEqualTo(businessSv.id());
        RoutingDecision person = decided(open(Channel.WEB_FORM, Set.of(), "Fråga", "Hej", Language.SV,
                ContactDetails.resident("Anna Andersson", "anna@example.fi", null, Language.SV)));
        assertThat(person.ruleId()).as("a person is not a business").isNull();
    }

    @Test
    void thePreviewCountsTheLatestCasesTheRuleWouldHaveMatched() {
        open(Channel.WEB_FORM, Set.of(), "Kuoppa kadulla", "Syvä kuoppa.");
        open(Channel.EMAIL, Set.of(), "Kuopat", "Kadulla on kuoppia.");
        open(Channel.WEB_FORM, Set.of(), "Roskia", "Puistossa on roskia.");
        open(Channel.EMAIL, Set.of(), "Graffiti", "Seinässä töhryjä.");

        RulePreview.Result holes = preview.preview(org.id(), when(null, null, null, List.of("kuoppa"), null, null));
        assertThat(holes.examined()).isEqualTo(4);
        assertThat(holes.matched()).isEqualTo(2);
        assertThat(holes.samples()).extracting(RulePreview.Sample::subject).containsExactlyInAnyOrder("Kuoppa kadulla", "Kuopat");
        assertThat(preview.preview(org.id(), when(Channel.EMAIL, null, null, List.of("kuoppa"), null, null)).matched()).isEqualTo(1);
        assertThat(preview.preview(org.id(), when(Channel.PHONE, null, null, null, null, null)).matched()).isZero();

        Fixtures.Org other = fixtures.organization();
        assertThat(preview.preview(other.id(), when(null, null, null, List.of("kuoppa"), null, null)).examined())
                .as("another organization's cases are not counted").isZero();
    }

    @Test
    void rulesBelongToTheirOrganization() {
        RoutingRule rule = rules.create(org.id(), "Everything", true, when(null, null, null, null, null, null),
                new RoutingRule.Actions(null, org.service().id(), null, null, List.of()));
        Fixtures.Org other = fixtures.organization();
        assertThat(rules.list(other.id())).isEmpty();
        assertThat(rules.find(other.id(), rule.id())).isEmpty();
        UUID customer = customers.resolve(other.id(), ContactDetails.resident("Ulla Muu", "ulla@example.fi", null, Language.FI));
        OpenedCase theirs = cases.open(other.id(), new NewCase(Channel.WEB_FORM, customer, "Kysymys", "Hei", Language.FI, null,
                null, null, Set.of(), List.of(), Actor.customer()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(other.id(), theirs.id()).isEmpty());
        assertThat(routing.decisions(other.id(), theirs.id()).getFirst().ruleId()).isNull();
    }
}
