package fi.aspa.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.feedback.Feedback.HistoricalSurvey;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Past surveys imported with past cases ({@link Feedback#importHistorical}; the demo's history uses it): counted in
 * the figures by their own times, an answered one's comment stored without personal data, a case's survey once, and
 * a batch with a bad answer refused whole.
 */
@AspaTest
class HistoricalSurveysTest {
    static final Instant T = Instant.parse("2025-02-03T08:00:00Z");

    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Feedback feedback;
    @Autowired JdbcClient db;

    UUID aCase(Fixtures.Org org, Channel channel) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(channel, customer, "Asia", "Teksti", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer())).id();
    }

    @Test
    void pastSurveysCountByTheirOwnTimesOncePerCase() {
        Fixtures.Org org = fixtures.organization();
        UUID web = aCase(org, Channel.WEB_FORM);
        UUID email = aCase(org, Channel.EMAIL);
        UUID phone = aCase(org, Channel.PHONE);
        int written = feedback.importHistorical(org.id(), List.of(
                new HistoricalSurvey(web, org.service().id(), Channel.WEB_FORM, Language.FI, T, T.plusSeconds(3600), 5,
                        "Hyvää palvelua, soittakaa 040 123 4567 jos tarvitsette lisää"),
                new HistoricalSurvey(email, org.service().id(), Channel.EMAIL, Language.SV, T, T.plusSeconds(7200), 2, null),
                new HistoricalSurvey(phone, org.service().id(), Channel.PHONE, Language.FI, T, null, null, null)));
        assertThat(written).isEqualTo(3);

        Feedback.Satisfaction february = feedback.satisfaction(org.id(), null, T, T.plusSeconds(86_400));
        assertThat(february).isEqualTo(new Feedback.Satisfaction(3, 2, 2, 1, 2));
        assertThat(feedback.satisfaction(org.id(), null, T.plusSeconds(86_400), T.plusSeconds(2 * 86_400)).invitations())
                .as("counted by the invitation's own time").isZero();
        String comment = db.sql("select comment from feedback_invitation where case_id = ?").param(web).query(String.class).single();
        assertThat(comment).startsWith("Hyvää palvelua").doesNotContain("123 4567");

        assertThat(feedback.importHistorical(org.id(), List.of(
                new HistoricalSurvey(web, org.service().id(), Channel.WEB_FORM, Language.FI, T, T.plusSeconds(60), 1, null))))
                .as("a case's survey stays as it was").isZero();
        assertThat(feedback.satisfaction(org.id(), null, T, T.plusSeconds(86_400)).satisfied()).isEqualTo(1);
    }

    @Test
    void aBatchWithABadAnswerIsRefusedWhole() {
        Fixtures.Org org = fixtures.organization();
        UUID good = aCase(org, Channel.WEB_FORM);
        UUID bad = aCase(org, Channel.WEB_FORM);
        HistoricalSurvey fine = new HistoricalSurvey(good, null, Channel.WEB_FORM, Language.FI, T, T.plusSeconds(60), 4, null);
        for (HistoricalSurvey wrong : List.of(
                new HistoricalSurvey(bad, null, Channel.WEB_FORM, Language.FI, T, T.plusSeconds(60), 6, null),
                new HistoricalSurvey(bad, null, Channel.WEB_FORM, Language.FI, T, T.plusSeconds(60), null, null),
                new HistoricalSurvey(bad, null, Channel.WEB_FORM, Language.FI, T, null, 3, null),
                new HistoricalSurvey(bad, null, Channel.WEB_FORM, Language.FI, T, T.minusSeconds(1), 3, null),
                new HistoricalSurvey(bad, null, Channel.WEB_FORM, Language.FI, T, T.plusSeconds(60), 3, "x".repeat(2001)))) {
            assertThatThrownBy(() -> feedback.importHistorical(org.id(), List.of(fine, wrong))).isInstanceOf(AspaException.class);
        }
        assertThat(feedback.satisfaction(org.id(), null, T, T.plusSeconds(86_400)).invitations()).isZero();
    }
}
