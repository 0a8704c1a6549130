package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.Language;
import fi.aspa.routing.RoutingReason.Condition;
import fi.aspa.routing.RoutingReason.Condition.Kind;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each rule condition on its own, their combination, keyword inflection and the order of rules. */
class RuleMatcherTest {
    static final RuleSubject EMAIL = new RuleSubject(Channel.EMAIL, Set.of("mailbox:rava@example.fi"),
            "Kuopat kadulla\nKadulla on syviä kuoppia.", Language.FI, CustomerKind.PERSON);
    static final RuleSubject OPEN311 = new RuleSubject(Channel.OPEN311, Set.of("open311:172"), "Graffiti seinässä",
            Language.FI, CustomerKind.PERSON);
    static final RuleSubject BUSINESS_SV = new RuleSubject(Channel.WEB_FORM, Set.of(), "Bygglov för vår fabrik",
            Language.SV, CustomerKind.BUSINESS);

    static RoutingRule.Conditions when(Channel channel, String mailbox, String code, List<String> keywords, Language language,
                                       CustomerKind kind) {
        return new RoutingRule.Conditions(channel, mailbox, code, keywords, language, kind);
    }

    static RoutingRule rule(int position, boolean enabled, RoutingRule.Conditions when) {
        return new RoutingRule(UUID.randomUUID(), position, "rule " + position, enabled, when,
                new RoutingRule.Actions(null, UUID.randomUUID(), null, Priority.HIGH, List.of("x")));
    }

    @Test
    void channel() {
        assertThat(RuleMatcher.match(when(Channel.EMAIL, null, null, null, null, null), EMAIL)).hasValueSatisfying(
                why -> assertThat(why).containsExactly(new Condition(Kind.CHANNEL, "EMAIL")));
        assertThat(RuleMatcher.match(when(Channel.PHONE, null, null, null, null, null), EMAIL)).isEmpty();
    }

    @Test
    void mailboxFromTheEmailModulesTag() {
        assertThat(RuleMatcher.match(when(null, "RAVA@example.fi", null, null, null, null), EMAIL)).hasValueSatisfying(
                why -> assertThat(why).as("the rule's address, as written in the rule")
                        .containsExactly(new Condition(Kind.MAILBOX, "RAVA@example.fi")));
        assertThat(RuleMatcher.match(when(null, "kirjaamo@example.fi", null, null, null, null), EMAIL)).isEmpty();
        assertThat(RuleMatcher.match(when(null, "rava@example.fi", null, null, null, null), OPEN311)).isEmpty();
    }

    @Test
    void open311CodeFromTheCaseTag() {
        assertThat(RuleMatcher.match(when(Channel.OPEN311, null, "172", null, null, null), OPEN311)).hasValueSatisfying(
                why -> assertThat(why).containsExactly(new Condition(Kind.CHANNEL, "OPEN311"), new Condition(Kind.OPEN311_CODE, "172")));
        assertThat(RuleMatcher.match(when(null, null, "198", null, null, null), OPEN311)).isEmpty();
        assertThat(RuleMatcher.match(when(null, null, "172", null, null, null), EMAIL)).isEmpty();
    }

    @Test
    void languageAndCustomerKind() {
        assertThat(RuleMatcher.match(when(null, null, null, null, Language.SV, CustomerKind.BUSINESS), BUSINESS_SV)).hasValueSatisfying(
                why -> assertThat(why).containsExactly(new Condition(Kind.LANGUAGE, "sv"), new Condition(Kind.CUSTOMER_KIND, "BUSINESS")));
        assertThat(RuleMatcher.match(when(null, null, null, null, Language.FI, null), BUSINESS_SV)).isEmpty();
        assertThat(RuleMatcher.match(when(null, null, null, null, null, CustomerKind.PERSON), BUSINESS_SV)).isEmpty();
        assertThat(RuleMatcher.match(when(null, null, null, null, null, CustomerKind.INTERNAL), EMAIL)).isEmpty();
    }

    @Test
    void keywordsTolerateFinnishInflectionAndCompounds() {
        assertThat(RuleMatcher.match(when(null, null, null, List.of("kuoppa"), null, null), EMAIL)).hasValueSatisfying(
                why -> assertThat(why).as("the keyword of the rule, not the inflected word of the text")
                        .containsExactly(new Condition(Kind.KEYWORD, "kuoppa")));
        assertThat(KeywordMatcher.firstMatch(List.of("liikennemerkki"), "Liikennemerkin pylväs vinossa")).isEqualTo("liikennemerkki");
        assertThat(KeywordMatcher.firstMatch(List.of("merkki"), "Opastemerkit puuttuvat")).isEqualTo("merkki");
        assertThat(KeywordMatcher.firstMatch(List.of("bygglov"), "Ansökan om bygglovet")).isEqualTo("bygglov");
        assertThat(KeywordMatcher.firstMatch(List.of("katuvalo", "roska"), "Roskia puistossa")).isEqualTo("roska");
        assertThat(KeywordMatcher.firstMatch(List.of("puisto penkki"), "Puiston penkit rikki")).isEqualTo("puisto penkki");
        assertThat(KeywordMatcher.firstMatch(List.of("puisto penkki"), "Puistossa roskia")).isNull();
        assertThat(KeywordMatcher.firstMatch(List.of("kuoppa"), "Katu on kunnossa")).isNull();
        assertThat(KeywordMatcher.firstMatch(List.of("sää"), "Sähkökatko")).as("short words match only at the start, whole")
                .isNull();
    }

    @Test
    void everyConditionSetMustHold() {
        var both = when(Channel.EMAIL, null, null, List.of("kuoppa"), Language.FI, CustomerKind.PERSON);
        assertThat(RuleMatcher.match(both, EMAIL)).hasValueSatisfying(why -> assertThat(why).containsExactly(
                new Condition(Kind.CHANNEL, "EMAIL"), new Condition(Kind.LANGUAGE, "fi"), new Condition(Kind.CUSTOMER_KIND, "PERSON"),
                new Condition(Kind.KEYWORD, "kuoppa")));
        assertThat(RuleMatcher.match(when(Channel.EMAIL, null, null, List.of("graffiti"), null, null), EMAIL)).isEmpty();
    }

    @Test
    void aRuleWithoutConditionsMatchesEveryCaseAndSaysSo() {
        var any = when(null, null, null, null, null, null);
        assertThat(RuleMatcher.match(any, OPEN311)).hasValueSatisfying(why -> assertThat(why).containsExactly(new Condition(Kind.NONE, null)));
        assertThat(RuleMatcher.first(List.of(rule(2, true, any)), BUSINESS_SV)).hasValueSatisfying(m ->
                assertThat(m.reason()).isEqualTo("Rule 2 'rule 2' matched: no conditions (matches every case)."));
    }

    @Test
    void theEnglishReasonNamesEveryConditionWithTheCasesValue() {
        var all = when(Channel.OPEN311, null, "172", List.of("graffiti"), Language.FI, CustomerKind.PERSON);
        assertThat(RuleMatcher.first(List.of(rule(5, true, all)), OPEN311)).hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo(
                "Rule 5 'rule 5' matched: channel OPEN311, Open311 service code 172, language fi, customer PERSON, keyword 'graffiti'."));
        assertThat(RuleMatcher.first(List.of(rule(1, true, when(null, "rava@example.fi", null, null, null, null))), EMAIL))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("Rule 1 'rule 1' matched: mailbox rava@example.fi."));
    }

    @Test
    void theFirstEnabledMatchingRuleInOrderWins() {
        RoutingRule disabled = rule(1, false, when(Channel.EMAIL, null, null, null, null, null));
        RoutingRule other = rule(2, true, when(Channel.PHONE, null, null, null, null, null));
        RoutingRule first = rule(3, true, when(null, null, null, List.of("kuoppa"), null, null));
        RoutingRule second = rule(4, true, when(Channel.EMAIL, null, null, null, null, null));
        assertThat(RuleMatcher.first(List.of(disabled, other, first, second), EMAIL)).hasValueSatisfying(m -> {
            assertThat(m.rule()).isEqualTo(first);
            assertThat(m.reason()).isEqualTo("Rule 3 'rule 3' matched: keyword 'kuoppa'.");
            assertThat(m.structured()).isEqualTo(new RoutingReason(RoutingReason.Code.RULE, 3, "rule 3",
                    List.of(new Condition(Kind.KEYWORD, "kuoppa")), null, null, null, null, null, null, null, null, null, null));
        });
        assertThat(RuleMatcher.first(List.of(disabled, other), EMAIL)).isEmpty();
    }
}
