package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bot's confidence in an article does not depend on the staff's cases: twenty staff-only cases quoting the
 * article's words (as chats handed over about it would) change neither the article's score nor the collection its
 * score is normalised by, and the bot still answers.
 */
@AspaTest
class BotConfidenceTest {
    @Autowired Fixtures fixtures;
    @Autowired SearchIndex index;
    @Autowired Chatbot bot;

    @Test
    void twentyStaffOnlyCasesWithTheArticlesWordsChangeNeitherItsScoreNorTheBotsConfidence() {
        Fixtures.Org org = fixtures.organization();
        Articles articles = new Articles().index(index, org.id());
        AnswerFinder finder = new AnswerFinder(index, AnswerFinder.Thresholds.DEFAULT);
        String question = "När töms sopkärlet för blandavfall?";
        AnswerFinder.Candidate before = finder.candidates(org.id(), Language.SV, question, null).getFirst();
        assertThat(before.hit().id()).isEqualTo(articles.waste);
        float confidenceBefore = finder.confidence(org.id(), before);

        List<SearchDocument> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cases.add(new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.CASE, Language.SV, "Chatt: sopkärl " + i,
                    "Invånaren frågade när kärlet för blandavfall töms. Sopkärlet töms varannan vecka.", List.of(), Map.of(),
                    Visibility.STAFF_ONLY, Instant.now()));
        }
        index.indexAll(cases);
        assertThat(index.count(org.id(), Language.SV)).as("the cases are indexed").isGreaterThanOrEqualTo(20);

        AnswerFinder.Candidate after = finder.candidates(org.id(), Language.SV, question, null).getFirst();
        assertThat(after.hit().id()).isEqualTo(articles.waste);
        assertThat(after.score()).isEqualTo(before.score());
        assertThat(finder.confidence(org.id(), after)).isEqualTo(confidenceBefore).isGreaterThanOrEqualTo(AnswerFinder.Thresholds.DEFAULT.minScore());
        assertThat(bot.reply(org.id(), Language.SV, question, null).kind()).isEqualTo(BotReply.Kind.ANSWER);
    }
}
