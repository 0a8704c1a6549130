package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Make an article" from a reply: a draft without the customer's personal data, linked to the routed service. */
@AspaTest
class FromCaseTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Routing routing;
    @Autowired
    FromCase fromCase;
    @Autowired
    Knowledge knowledge;

    @Test
    void aReplyBecomesAnInternalDraftWithoutPersonalData() {
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        OpenedCase opened = fixtures.aCase(org, "Liikennemerkki kaatunut", "Liikennemerkki on kaatunut risteyksessä, Maija Meikäläinen");
        await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        UUID reply = cases.reply(org.id(), opened.id(), Actor.staff(org.agent().id()),
                "Hei Maija Meikäläinen,\n\nkiitos ilmoituksesta. Liikennemerkki korjataan viikon kuluessa. "
                        + "Lisätietoja saat numerosta 040 765 4321 tai osoitteesta maija@example.fi.", null);

        Editor editor = new Editor(org.agent().id(), false);
        Article article = fromCase.draftFromReply(org.id(), editor, opened.id(), reply);
        assertThat(article.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(article.visibility()).isEqualTo(ArticleVisibility.INTERNAL);
        assertThat(article.sourceCaseId()).isEqualTo(opened.id());
        String body = article.current().text(Language.FI).body();
        assertThat(body).contains("Liikennemerkki korjataan viikon kuluessa", "[nimi]", "[puhelinnumero]", "[sähköposti]")
                .doesNotContain("Maija", "Meikäläinen", "765 4321", "example.fi");
        assertThat(article.current().text(Language.FI).title()).isEqualTo("Liikennemerkki kaatunut");
        UUID routed = routing.decisions(org.id(), opened.id()).stream().map(RoutingDecision::serviceId)
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (routed != null) assertThat(article.serviceIds()).containsExactly(routed);
        assertThat(knowledge.published(org.id(), java.util.Set.of(ArticleVisibility.values()))).isEmpty();
    }

    @Test
    void onlyRepliesOfTheOrganizationsOwnCasesCanBecomeArticles() {
        Fixtures.Org org = fixtures.organization();
        OpenedCase opened = fixtures.aCase(org, "Kysymys", "Viesti");
        UUID inbound = cases.detail(org.id(), opened.id()).orElseThrow().messages().getFirst().id();
        Editor editor = new Editor(org.agent().id(), false);
        assertThatThrownBy(() -> fromCase.draftFromReply(org.id(), editor, opened.id(), inbound))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("not-found"));
        UUID reply = cases.reply(org.id(), opened.id(), Actor.staff(org.agent().id()), "Vastaus", null);
        Fixtures.Org other = fixtures.organization();
        assertThatThrownBy(() -> fromCase.draftFromReply(other.id(), new Editor(other.agent().id(), false), opened.id(), reply))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("not-found"));
    }
}
