package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages of the staff question column: a colleague reading a question is a logged view of the asker's data (the
 * asker is the case's internal customer), the asker's own reading is not; askers and experts who have left are still
 * named; "my questions" shows each question's state.
 */
@AspaTest
class QuestionPagesTest {
    @Autowired Fixtures fixtures;
    @Autowired Questions questions;
    @Autowired Cases cases;
    @Autowired StaffPages pages;
    @Autowired PersonalDataLog accessLog;
    @Autowired JdbcClient db;

    @Test
    void aColleaguesViewOfAQuestionIsLoggedTheAskersOwnIsNot() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Questions.Question q = questions.ask(org.id(), org.agent().id(), "Miten kirjaan asiakkaan muutoksenhaun?", null, Language.FI);
        UUID customer = cases.summary(org.id(), q.caseId()).orElseThrow().customerId();
        String reference = cases.summary(org.id(), q.caseId()).orElseThrow().reference();

        assertThat(pages.page(org.agent(), "/workspace/questions/" + q.id())).contains("Miten kirjaan asiakkaan muutoksenhaun?")
                .as("the asker answers back where they follow their requests")
                .contains("<a id=\"follow-up\" href=\"/workspace/order/" + q.caseId() + "\">");
        assertThat(pages.page(org.agent(), "/workspace/order/" + q.caseId())).as("and that page is theirs").contains("Miten kirjaan");
        assertThat(accessLog.forCustomer(org.id(), customer, 10)).as("one's own question").isEmpty();

        assertThat(pages.page(org.colleague(), "/workspace/questions/" + q.id())).contains("Miten kirjaan asiakkaan muutoksenhaun?")
                .doesNotContain("id=\"follow-up\"");
        assertThat(accessLog.forCustomer(org.id(), customer, 10)).singleElement().satisfies(e -> {
            assertThat(e.staffUserId()).isEqualTo(org.colleague().id());
            assertThat(e.purpose()).isEqualTo(QuestionPages.PURPOSE);
            assertThat(e.detail()).isEqualTo(reference);
        });

        Fixtures.Org other = fixtures.organization();
        assertThat(pages.send(other.agent(), get("/workspace/questions/" + q.id())).getStatus()).isEqualTo(404);
    }

    @Test
    void askersAndExpertsWhoHaveLeftAreStillNamedAndMyQuestionsShowsTheirState() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Questions.Question answered = questions.ask(org.id(), org.agent().id(), "Saako kokoushuoneen varata koko päiväksi?", null, Language.FI);
        Questions.Question open = questions.ask(org.id(), org.agent().id(), "Kuka tilaa uudet käyntikortit?", null, Language.FI);
        cases.reply(org.id(), answered.caseId(), Actor.staff(org.colleague().id()), "Saa, kun varaa viikkoa ennen.", null);

        String mine = pages.page(org.agent(), "/workspace/questions");
        assertThat(row(mine, "Saako kokoushuoneen")).contains("Vastattu");
        assertThat(row(mine, "Kuka tilaa uudet")).doesNotContain("Vastattu");

        db.sql("update staff_user set enabled = false where id in (:ids)")
                .param("ids", java.util.List.of(org.agent().id(), org.colleague().id())).update();
        String page = pages.page(org.manager(), "/workspace/questions/" + answered.id());
        assertThat(page).doesNotContain("null").contains(org.agent().displayName()).contains(org.colleague().displayName())
                .contains("Saa, kun varaa viikkoa ennen.");
    }

    /** The table row of the question that starts so. */
    private static String row(String page, String start) {
        int at = page.indexOf(start);
        assertThat(at).as(start).isPositive();
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }
}
