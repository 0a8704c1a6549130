package fi.aspa.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.platform.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident answers the survey in Finnish (from the tracking page, after a mistake) and in Swedish (from the
 * survey's own link), and a unit manager reads the results in both languages; a WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    FeedbackStore store;
    Fixtures.Org org;

    @BeforeAll
    void organization() {
        org = fixtures.organization();
    }

    @Test
    void residentsAnswerAndTheManagerSeesTheResult() {
        OpenedCase finnish = fixtures.aCase(org, "Katuvalo", "Katuvalo ei toimi.");
        cases.changeStatus(org.id(), finnish.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        fixtures.awaitSettled(org);
        OpenedCase swedish = fixtures.aCase(org, "Gatlykta", "Gatlyktan är trasig.");
        String svToken = store.invite(org.id(), swedish.id(), org.service().id(), null, Channel.EMAIL, Language.SV).orElseThrow();

        try (Browser browser = Browser.start(port)) {
            browser.open("/track/" + finnish.trackingToken() + "?lang=fi").assertAccessible("tracking page with the survey fi");
            browser.clickAndWaitForNewPage("#survey-link");
            browser.assertAccessible("survey fi");
            assertThat(browser.lang()).isEqualTo("fi");
            assertThat(browser.text("legend")).isEqualTo("Kuinka tyytyväinen olet asiasi hoitamiseen?");
            browser.clickAndWaitForNewPage("#send");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#score-1");
            browser.assertAccessible("survey error fi");
            browser.click("label[for='score-5']").type("#comment", "Nopeasti korjattu, kiitos!");
            browser.clickAndWaitForNewPage("#send");
            assertThat(browser.text("main")).contains("Kiitos vastauksestasi!");
            browser.assertAccessible("survey answered fi");

            browser.open("/feedback/" + svToken + "?lang=sv").assertAccessible("survey sv");
            assertThat(browser.lang()).isEqualTo("sv");
            assertThat(browser.text("legend")).isEqualTo("Hur nöjd är du med hur ditt ärende sköttes?");
            browser.clickAndWaitForNewPage("#send");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Fel:");
            browser.assertAccessible("survey error sv");
            browser.click("label[for='score-4']");
            browser.clickAndWaitForNewPage("#send");
            assertThat(browser.text("main")).contains("Tack för ditt svar!");
            browser.assertAccessible("survey answered sv");
        }

        try (Browser browser = Browser.start(port)) {
            browser.logIn(null, org.manager().username(), Fixtures.PASSWORD);
            browser.open("/workspace/feedback?lang=fi").assertAccessible("results fi");
            assertThat(browser.text("#total-csat")).isEqualTo("100 %");
            assertThat(browser.text("#total-answers")).isEqualTo("2");
            assertThat(browser.text("#results-comments")).contains("Nopeasti korjattu, kiitos!", finnish.reference());
            browser.open("/workspace/feedback?lang=sv&days=90").assertAccessible("results sv");
            assertThat(browser.text("h1")).isEqualTo("Kundnöjdhet");
        }
    }
}
