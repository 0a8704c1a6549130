package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The staff question column: similar answers first, a question is an internal case, a resolved one feeds a draft. */
@AspaTest
class QuestionsTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Questions questions;
    @Autowired
    Knowledge knowledge;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    SearchIndex index;

    @Test
    void aQuestionIsAnInternalCaseAndItsAnswerBecomesAnInternalDraft() {
        Fixtures.Org org = fixtures.organization();
        Questions.Question q = questions.ask(org.id(), org.agent().id(),
                "Miten käsittelen asiakkaan pyynnön saada omat tietonsa?", null, Language.FI);
        CaseSummary summary = cases.summary(org.id(), q.caseId()).orElseThrow();
        assertThat(summary.tags()).contains(Questions.TAG);
        assertThat(summary.channel()).as("a staff question is an internal contact").isEqualTo(fi.aspa.cases.Channel.INTERNAL);
        assertThat(customers.find(org.id(), summary.customerId()).orElseThrow().kind()).isEqualTo(CustomerKind.INTERNAL);
        assertThat(customers.find(org.id(), summary.customerId()).orElseThrow().staffUserId()).isEqualTo(org.agent().id());

        cases.reply(org.id(), q.caseId(), Actor.staff(org.colleague().id()),
                "Siirrä pyyntö tietosuojavastaavalle samana päivänä. Vastaus annetaan kuukauden kuluessa.", null);
        assertThat(questions.answers(org.id(), q)).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("tietosuojavastaavalle"));
        cases.changeStatus(org.id(), q.caseId(), Actor.staff(org.colleague().id()), CaseStatus.RESOLVED);

        await().atMost(Duration.ofSeconds(30)).until(() -> questions.find(org.id(), q.id()).orElseThrow().articleId() != null);
        Article draft = knowledge.find(org.id(), questions.find(org.id(), q.id()).orElseThrow().articleId()).orElseThrow();
        assertThat(draft.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(draft.visibility()).isEqualTo(ArticleVisibility.INTERNAL);
        assertThat(draft.current().text(Language.FI).title()).isEqualTo("Miten käsittelen asiakkaan pyynnön saada omat tietonsa?");
        assertThat(draft.current().text(Language.FI).body()).contains("omat tietonsa", "tietosuojavastaavalle");
        assertThat(questions.draftFromResolved(org.id(), q.caseId())).as("only once").isEmpty();
    }

    @Test
    void similarArticlesAndRepeatedQuestionsAreShownBeforeSending() {
        Fixtures.Org org = fixtures.organization();
        Editor manager = new Editor(org.manager().id(), true);
        Article article = knowledge.create(org.id(), manager, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI,
                "Kassakoneen sulkeminen", "Kassakone suljetaan iltaisin kello 16 ja tilitys tehdään heti."));
        knowledge.transition(org.id(), article.id(), manager, Transition.SUBMIT);
        knowledge.transition(org.id(), article.id(), manager, Transition.PUBLISH);
        await().atMost(Duration.ofSeconds(30)).until(() -> !index.search(SearchQuery.staffSearch(org.id(), "kassakone", Language.FI)).hits().isEmpty());

        List<Questions.Similar> before = questions.similar(org.id(), "Milloin kassakone suljetaan?", Language.FI);
        assertThat(before).anySatisfy(s -> assertThat(s.href()).isEqualTo("/workspace/knowledge/read/" + article.id()));
        assertThat(before).noneMatch(Questions.Similar::repeat);

        Questions.Question first = questions.ask(org.id(), org.agent().id(), "Milloin kassakone suljetaan lauantaisin?", null, Language.FI);
        List<Questions.Similar> again = questions.similar(org.id(), "Kassakone suljetaan lauantaisin milloin?", Language.FI);
        assertThat(again.getFirst().repeat()).isTrue();
        assertThat(again.getFirst().href()).isEqualTo("/workspace/questions/" + first.id());
        assertThat(questions.similar(org.id(), "Miten haen rakennuslupaa?", Language.FI)).noneMatch(Questions.Similar::repeat);

        Fixtures.Org other = fixtures.organization();
        assertThat(questions.find(other.id(), first.id())).isEmpty();
        assertThat(questions.similar(other.id(), "Milloin kassakone suljetaan lauantaisin?", Language.FI)).isEmpty();
    }

    @Test
    void theDraftAndTheRepeatListLeaveOutTheAskersPersonalData() {
        Fixtures.Org org = fixtures.organization();
        String asker = org.agent().displayName();
        String firstName = asker.split(" ")[0];
        Questions.Question q = questions.ask(org.id(), org.agent().id(),
                "Asiakas 131052-308T soitti numerosta 040 123 4567: voiko päätöksen lähettää sähköpostilla?", null, Language.FI);
        cases.reply(org.id(), q.caseId(), Actor.staff(org.colleague().id()),
                "Hei " + firstName + ", päätöksen voi lähettää sähköpostilla vain turvapostina.", null);
        cases.changeStatus(org.id(), q.caseId(), Actor.staff(org.colleague().id()), CaseStatus.RESOLVED);

        await().atMost(Duration.ofSeconds(30)).until(() -> questions.find(org.id(), q.id()).orElseThrow().articleId() != null);
        ArticleText text = knowledge.find(org.id(), questions.find(org.id(), q.id()).orElseThrow().articleId()).orElseThrow()
                .current().text(Language.FI);
        assertThat(text.title()).contains("voiko päätöksen lähettää sähköpostilla").doesNotContain("131052-308T")
                .doesNotContain("040 123 4567");
        assertThat(text.body()).contains("turvapostina").doesNotContain("131052-308T").doesNotContain("040 123 4567")
                .as("the expert greeted the asker by name").doesNotContain(firstName);

        assertThat(questions.similar(org.id(), "Voiko päätöksen lähettää asiakkaalle sähköpostilla?", Language.FI))
                .filteredOn(Questions.Similar::repeat).singleElement()
                .satisfies(s -> assertThat(s.title()).contains("sähköpostilla").doesNotContain("131052-308T"));
    }

    @Test
    void emptyQuestionsAreRefused() {
        Fixtures.Org org = fixtures.organization();
        assertThatThrownBy(() -> questions.ask(org.id(), org.agent().id(), "  ", null, Language.FI))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("question-missing"));
    }
}
