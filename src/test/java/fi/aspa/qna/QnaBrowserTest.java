package fi.aspa.qna;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.platform.LocalizedText;
import fi.aspa.qna.QnaStore.Audience;
import fi.aspa.qna.QnaStore.Event;
import fi.aspa.qna.QnaStore.Question;
import fi.aspa.qna.QnaStore.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident asks in advance at a pre-moderated residents' evening, a moderator approves the question in the console
 * and it appears on the resident's page without a reload (polling), without disturbing what the resident is typing;
 * the resident votes; the pages in Finnish and Swedish pass a WCAG 2.1 AA scan at every step.
 */
@AspaTest
class QnaBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    QnaStore store;

    @Test
    void aResidentAsksTheModeratorApprovesAndTheQuestionAppearsWithoutReload() {
        Fixtures.Org org = fixtures.publicOrganization();
        Instant starts = Instant.now().plus(Duration.ofDays(2));
        Event event = store.create(org.id(), org.manager().id(), new QnaStore.NewEvent(
                new LocalizedText("Asukasilta: kirjaston remontti", "Invånarkväll: bibliotekets renovering", null),
                new LocalizedText("Kerromme remontista.", "Vi berättar om renoveringen.", null),
                starts, starts.plus(Duration.ofHours(2)), Audience.PUBLIC, true));

        try (Browser resident = Browser.start(port); Browser moderator = Browser.start(port)) {
            resident.open("/events/" + event.code() + "?lang=fi").assertAccessible("event page fi");
            assertThat(resident.text("h1")).isEqualTo("Asukasilta: kirjaston remontti");
            resident.clickAndWaitForNewPage("#send");
            resident.waitFor(".error-summary");
            assertThat(resident.title()).startsWith("Virhe:");
            resident.assertAccessible("event page error fi");
            resident.type("#text", "Onko kirjasto kiinni koko remontin ajan?").type("#name", "Liisa Lukija");
            resident.clickAndWaitForNewPage("#send");
            assertThat(resident.text("#asked")).contains("kun moderaattori on hyväksynyt");
            assertThat(resident.text("#questions")).doesNotContain("Onko kirjasto kiinni");
            resident.assertAccessible("asked fi");

            Question asked = store.questions(event, List.of(Status.PENDING), false).getFirst();
            moderator.logIn(null, org.manager().username(), Fixtures.PASSWORD);
            moderator.open("/workspace/events?lang=fi").assertAccessible("events fi");
            moderator.open("/workspace/events/" + event.id() + "/moderate?lang=fi").assertAccessible("moderate fi");
            assertThat(moderator.text("#questions-PENDING")).contains("Onko kirjasto kiinni", "Kysyjä: Liisa Lukija");

            // the resident starts typing another question; the approval reaches the page by polling, and the
            // half-written question and the focus stay where they were
            resident.type("#text", "Toinen kysymys kesken");
            moderator.clickAndWaitForNewPage("#approve-" + asked.id());
            assertThat(moderator.text("#done")).isEqualTo("Kysymys hyväksyttiin.");
            resident.waitForText("#questions", "Onko kirjasto kiinni koko remontin ajan?");
            assertThat(resident.find("#text").getAttribute("value")).isEqualTo("Toinen kysymys kesken");
            assertThat(resident.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("text");
            assertThat(resident.find("#questions").getAttribute("aria-live")).isEqualTo("polite");

            resident.click("#vote-" + asked.id());
            resident.waitForText("#votes-" + asked.id(), "Ääniä: 1");
            assertThat(resident.text("#vote-" + asked.id())).isEqualTo("Äänestit tätä");
            resident.assertAccessible("voted fi");

            moderator.clickAndWaitForNewPage("#highlight-" + asked.id());
            moderator.type("#answer-" + asked.id(), "Lainaus toimii väistötiloissa.");
            moderator.clickAndWaitForNewPage("#answer-button-" + asked.id());
            assertThat(moderator.text("#questions-ANSWERED")).contains("Onko kirjasto kiinni");
            moderator.assertAccessible("answered fi");
            moderator.open("/workspace/events/" + event.id() + "/moderate?lang=sv").assertAccessible("moderate sv");
            assertThat(moderator.text("h1")).startsWith("Moderering:");
            moderator.open("/workspace/events?lang=sv").assertAccessible("events sv");

            resident.waitForText("#questions", "Lainaus toimii väistötiloissa.");
            resident.open("/events/" + event.code() + "/screen?lang=fi").assertAccessible("screen fi");
            assertThat(resident.text("#screen-now")).contains("Onko kirjasto kiinni");
            resident.open("/events/" + event.code() + "?lang=sv").assertAccessible("event page sv");
            assertThat(resident.text("h1")).isEqualTo("Invånarkväll: bibliotekets renovering");
            assertThat(resident.text("#questions")).contains("Besvarad", "Du röstade på den här");
            resident.clickAndWaitForNewPage("#send");
            resident.waitFor(".error-summary");
            assertThat(resident.title()).startsWith("Fel:");
            resident.assertAccessible("event page error sv");
            resident.type("#text", "Kan man låna böcker under renoveringen?");
            resident.clickAndWaitForNewPage("#send");
            assertThat(resident.find("#asked").isDisplayed()).isTrue();
            resident.assertAccessible("asked sv");
            resident.open("/events/" + event.code() + "/screen?lang=sv").assertAccessible("screen sv");
        }
    }
}
