package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /workspace/bot/unanswered}: the questions the bot handed over for want of an answer, most asked first, with
 * their counts, only the organization's own; marking one done removes it; only an administrator turns the bot on or
 * off, and the chat then starts (or not) with it.
 */
@AspaTest
class UnansweredPageTest {
    @Autowired Fixtures fixtures;
    @Autowired Chatbot bot;
    @Autowired BotStore store;
    @Autowired Staff staff;
    @Autowired StaffPages pages;

    MockHttpServletResponse send(String username, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request.with(pages.as(username)));
    }

    @Test
    void listsUnansweredQuestionsWithCountsAndTheyCanBeMarkedDone() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        for (int i = 0; i < 3; i++) bot.reply(org.id(), Language.FI, "Saako uimarannalle tuoda koiran?", null);
        bot.reply(org.id(), Language.SV, "Får man grilla i parken?", "https://www.example.fi/sv/parker");
        bot.reply(other.id(), Language.FI, "Toisen kunnan kysymys sirkuksesta", null);

        MockHttpServletResponse response = send(org.agent().username(), get("/workspace/bot/unanswered"));
        assertThat(response.getStatus()).isEqualTo(200);
        String page = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<h1>Vastaamattomat kysymykset</h1>").contains("2 kysymystä")
                .contains("Saako uimarannalle tuoda koiran?").contains("Får man grilla i parken?")
                .contains("https://www.example.fi/sv/parker").doesNotContain("sirkuksesta");
        assertThat(page.indexOf("Saako uimarannalle")).isLessThan(page.indexOf("Får man grilla"));
        assertThat(page).contains("<td class=\"unanswered-count\">3</td>");

        String swedishOnly = send(org.agent().username(), get("/workspace/bot/unanswered?lang=sv")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(swedishOnly).contains("Får man grilla i parken?").doesNotContain("Saako uimarannalle");

        BotStore.Unanswered dog = store.unanswered(org.id(), Language.FI, 10).getFirst();
        assertThat(send(other.agent().username(), post("/workspace/bot/unanswered/" + dog.id() + "/done").with(csrf())).getStatus())
                .as("another organization's question is not found, as every other page of another organization's").isEqualTo(404);
        assertThat(store.unanswered(org.id(), Language.FI, 10)).as("another organization cannot remove it").hasSize(1);
        assertThat(send(org.agent().username(), post("/workspace/bot/unanswered/" + dog.id() + "/done").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(store.unanswered(org.id(), Language.FI, 10)).isEmpty();
        assertThat(send(org.agent().username(), get("/workspace/bot/unanswered")).getContentAsString(StandardCharsets.UTF_8))
                .as("the page passes the count as a number, so one question left reads in the singular")
                .contains(">1 kysymys<");
    }

    @Test
    void theListKeepsTheQuestionButNotThePersonalDataInIt() throws Exception {
        Fixtures.Org org = fixtures.organization();
        bot.reply(org.id(), Language.FI, "Hetuni on 131052-308T ja numero 040 123 4567, miksi verokortti ei tullut osoitteeseen "
                + "Mannerheimintie 5 B 12? Vastaus matti.meikalainen@example.fi", null);
        bot.reply(org.id(), Language.FI, "Hetuni on 010190-123M ja numero 050 765 4321, miksi verokortti ei tullut osoitteeseen "
                + "Aleksanterinkatu 3? Vastaus liisa@example.fi", null);

        assertThat(store.unanswered(org.id(), Language.FI, 10)).singleElement().satisfies(q -> {
            assertThat(q.question()).contains("miksi verokortti ei tullut").doesNotContain("131052-308T")
                    .doesNotContain("040 123 4567").doesNotContain("Mannerheimintie 5").doesNotContain("matti.meikalainen");
            assertThat(q.asked()).as("two residents asked the same thing once their details are left out").isEqualTo(2);
        });
        assertThat(send(org.agent().username(), get("/workspace/bot/unanswered")).getContentAsString(StandardCharsets.UTF_8))
                .contains("miksi verokortti ei tullut").doesNotContain("131052-308T").doesNotContain("010190-123M")
                .doesNotContain("liisa@example.fi");
    }

    @Test
    void theCountTellsAllTheQuestionsWhenTheListStops() throws Exception {
        Fixtures.Org org = fixtures.organization();
        for (int i = 0; i < 203; i++) {
            store.unanswered(org.id(), Language.FI, "kysymys " + i, "Kysymys numero " + i + "?", null, java.time.Instant.now());
        }
        String page = send(org.agent().username(), get("/workspace/bot/unanswered")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(">203 kysymystä<").contains("Näytetään 200 useimmin kysyttyä.");
        assertThat(page.split("class=\"unanswered-count\"", -1)).hasSize(201);
    }

    @Test
    void onlyAnAdministratorTurnsTheBotOnAndOff() throws Exception {
        Fixtures.Org org = fixtures.organization();
        assertThat(bot.enabled(org.id())).as("off unless the organization turns it on").isFalse();
        assertThat(send(org.agent().username(), post("/workspace/bot/settings").param("enabled", "true").with(csrf())).getStatus())
                .isEqualTo(403);
        assertThat(bot.enabled(org.id())).isFalse();
        String admin = staff.createWithHash(org.id(), null, org.organization().slug() + "-admin", "Anna Admin", null,
                staff.hash(Fixtures.PASSWORD), EnumSet.of(Role.ADMIN), Language.FI).username();
        assertThat(send(admin, post("/workspace/bot/settings").param("enabled", "true").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(bot.enabled(org.id())).isTrue();
        assertThat(send(admin, get("/workspace/bot/unanswered")).getContentAsString(StandardCharsets.UTF_8))
                .contains("Poista chatbotti käytöstä");
        assertThat(send(admin, post("/workspace/bot/settings").param("enabled", "false").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(bot.enabled(org.id())).isFalse();
    }
}
