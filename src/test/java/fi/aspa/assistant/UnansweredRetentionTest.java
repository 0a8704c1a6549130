package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A question the chatbot could not answer is kept 180 days after it was last asked, in every organization, and the
 * page says so; asking it again keeps it.
 */
@AspaTest
class UnansweredRetentionTest {
    @Autowired Fixtures fixtures;
    @Autowired BotStore store;
    @Autowired UnansweredRetention retention;
    @Autowired StaffPages pages;

    @Test
    void questionsNotAskedForTheRetentionPeriodAreDeletedInEveryOrganization() {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        Instant start = Instant.parse("2020-01-01T10:00:00Z");
        store.unanswered(org.id(), Language.FI, "koirat rannalla", "Koirat rannalla?", null, start);
        store.unanswered(org.id(), Language.FI, "grillaus puistossa", "Grillaus puistossa?", null, start);
        store.unanswered(org.id(), Language.FI, "grillaus puistossa", "Grillaus puistossa?", null, start.plus(Duration.ofDays(100)));
        store.unanswered(other.id(), Language.SV, "hundar på stranden", "Hundar på stranden?", null, start);

        assertThat(retention.keep()).isEqualTo(Duration.ofDays(180));
        Instant justBefore = start.plus(Duration.ofDays(180));
        assertThat(retention.run(justBefore)).as("180 days to the minute: still kept").isZero();
        assertThat(store.unanswered(org.id(), null, 10)).hasSize(2);

        assertThat(retention.run(justBefore.plusSeconds(1))).isEqualTo(2);
        assertThat(store.unanswered(org.id(), null, 10)).singleElement()
                .satisfies(q -> assertThat(q.question()).as("asked again on day 100: kept").isEqualTo("Grillaus puistossa?"));
        assertThat(store.unanswered(other.id(), null, 10)).as("the other organization's old question too").isEmpty();

        assertThat(retention.run(start.plus(Duration.ofDays(281)))).isEqualTo(1);
        assertThat(store.unanswered(org.id(), null, 10)).isEmpty();
    }

    @Test
    void thePageSaysHowLongQuestionsAreKept() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String page = pages.send(MockMvcRequestBuilders.get("/workspace/bot/unanswered").with(pages.as(org.agent().username())))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Kysymys poistetaan, kun kukaan ei ole kysynyt sitä 180 päivään.");
    }
}
