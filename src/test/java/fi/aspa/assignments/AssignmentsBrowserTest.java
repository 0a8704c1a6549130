package fi.aspa.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.identity.StaffUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator writes a reflection task (first with a mistake, then right) and sends it to customer service; the
 * unit's agent saves a draft answer, the unit manager completes and submits it; the administrator reads it on the
 * task's page. A WCAG 2.1 AA scan of every new page (the list, the new task form and its error, the draft and the sent
 * task, the answer page as a draft and submitted), in Finnish and in Swedish.
 */
@AspaTest
class AssignmentsBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void aTaskIsSentAnsweredAndRead() {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        try (Browser browser = Browser.start(port)) {
            browser.logIn("fi", admin.username(), Fixtures.PASSWORD);
            browser.open("/workspace/assignments?lang=fi");
            assertThat(browser.text("h1")).isEqualTo("Ennakko- ja reflektiotehtävät");
            browser.assertAccessible("list fi, admin, empty");
            browser.clickAndWaitForNewPage("#new-task");
            browser.assertAccessible("new fi");

            browser.click("#kind-REFLECTION");
            browser.type("#titleFi", "Kyselyn tulokset arjessa").type("#titleSv", "Enkätens resultat i vardagen")
                    .type("#instructionsFi", "Käykää tulokset läpi yhdessä.").type("#instructionsSv", "Gå igenom resultaten tillsammans.")
                    .type("#question-1-fi", "Mitä kehitettävää tuloksista nousee?");
            browser.click("#audience-chosen");
            browser.find("input[name=units][value='" + org.service().id() + "']").click();
            browser.clickAndWaitForNewPage("#create");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Virhe:");
            assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#question-1-sv");
            assertThat(browser.find("#titleFi").getAttribute("value")).as("nothing lost").isEqualTo("Kyselyn tulokset arjessa");
            browser.assertAccessible("new fi, error");

            browser.type("#question-1-sv", "Vad behöver utvecklas?");
            browser.clickAndWaitForNewPage("#create");
            assertThat(browser.text("h1")).isEqualTo("Kyselyn tulokset arjessa");
            assertThat(browser.text("#task-status")).startsWith("Luonnos");
            browser.assertAccessible("task fi, draft");
            String task = browser.currentPath();

            browser.clickAndWaitForNewPage("#send");
            assertThat(browser.text("#saved")).isEqualTo("Tehtävä lähetetty yksiköille.");
            assertThat(browser.text("#task-counts")).isEqualTo("Yksiköitä 1: vastanneita 0, luonnoksia 0, aloittamatta 1. Myöhässä 0.");
            browser.assertAccessible("task fi, sent");

            // the unit's agent writes a draft
            browser.driver().manage().deleteAllCookies();
            browser.logIn("fi", org.agent().username(), Fixtures.PASSWORD);
            browser.open("/workspace/assignments?lang=fi");
            assertThat(browser.text("#nav-assignments")).contains("1");
            assertThat(browser.text("#mine")).contains("Kyselyn tulokset arjessa", "Ei aloitettu");
            browser.assertAccessible("list fi, agent");
            browser.clickAndWaitForNewPage(browser.find("#mine a"));
            browser.assertAccessible("answer fi, not started");
            browser.type("#answer-1", "Vastausajat");
            browser.clickAndWaitForNewPage("#save-draft");
            assertThat(browser.text("#saved")).isEqualTo("Luonnos tallennettu.");
            assertThat(browser.text("#answer-edited")).contains(org.agent().displayName());
            assertThat(browser.findAll("#submit-answer")).as("agents do not submit").isEmpty();
            String answer = browser.currentPath();

            // the manager completes and submits it
            browser.driver().manage().deleteAllCookies();
            browser.logIn("fi", org.manager().username(), Fixtures.PASSWORD);
            browser.open(answer + "?lang=fi");
            assertThat(browser.find("#answer-1").getAttribute("value")).isEqualTo("Vastausajat");
            browser.assertAccessible("answer fi, draft, manager");
            browser.type("#answer-1", "Vastausajat ja jonot maanantaisin");
            browser.clickAndWaitForNewPage("#submit-answer");
            assertThat(browser.text("#saved")).isEqualTo("Vastaus lähetetty.");
            assertThat(browser.text("#answer-state")).startsWith("Vastattu");
            browser.assertAccessible("answer fi, submitted");
            String taskTitle = browser.text("h1");
            browser.clickAndWaitForNewPage("#target-link");
            assertThat(browser.find("#title").getAttribute("value")).as("the target starts with the task's title")
                    .isEqualTo(taskTitle);
            browser.open(answer + "?lang=fi");
            browser.open(answer + "?lang=sv").assertAccessible("answer sv, submitted");
            assertThat(browser.lang()).isEqualTo("sv");
            assertThat(browser.text("#answer-state")).startsWith("Besvarad");
            browser.open("/workspace/assignments?lang=sv").assertAccessible("list sv, manager");

            // the sender reads it
            browser.driver().manage().deleteAllCookies();
            browser.logIn("fi", admin.username(), Fixtures.PASSWORD);
            browser.open(task + "?lang=fi");
            assertThat(browser.text("#task-counts")).isEqualTo("Yksiköitä 1: vastanneita 1, luonnoksia 0, aloittamatta 0. Myöhässä 0.");
            assertThat(browser.text("#answers-1")).contains("Asiakaspalvelu", "Vastausajat ja jonot maanantaisin");
            browser.assertAccessible("task fi, answered");

            browser.open(task + "?lang=sv").assertAccessible("task sv, answered");
            assertThat(browser.text("#task-counts")).isEqualTo("Enheter 1: besvarade 1, utkast 0, inte påbörjade 0. Försenade 0.");
            browser.open("/workspace/assignments").assertAccessible("list sv, admin");
            browser.clickAndWaitForNewPage("#new-task");
            assertThat(browser.text("h1")).isEqualTo("Ny uppgift");
            browser.assertAccessible("new sv");
            browser.type("#titleFi", "");
            browser.clickAndWaitForNewPage("#create");
            browser.waitFor(".error-summary");
            assertThat(browser.title()).startsWith("Fel:");
            browser.assertAccessible("new sv, error");
            browser.type("#titleFi", "Ennakkotehtävä").type("#titleSv", "Förhandsuppgift").type("#instructionsFi", "Lue")
                    .type("#instructionsSv", "Läs").type("#question-1-fi", "Mitä odotat?").type("#question-1-sv", "Vad väntar du dig?");
            browser.clickAndWaitForNewPage("#create");
            assertThat(browser.text("#task-status")).startsWith("Utkast");
            browser.assertAccessible("task sv, draft");
            browser.open(answer + "?unit=" + org.service().id()).assertAccessible("answer sv, admin");
        }
    }
}
