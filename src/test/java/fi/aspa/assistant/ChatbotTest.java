package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.search.SearchIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bot's decisions on indexed articles in Finnish and Swedish: a confident answer quotes the source's own words
 * and names it, two close sources make a question, a question about nothing (or asking for a person) hands over, only
 * public articles of the organization itself are used, and unanswered questions are counted.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatbotTest {
    @Autowired Fixtures fixtures;
    @Autowired SearchIndex index;
    @Autowired Chatbot bot;
    @Autowired BotStore store;

    Fixtures.Org org;
    Fixtures.Org other;
    Articles articles;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        other = fixtures.organization();
        articles = new Articles().index(index, org.id());
    }

    @Test
    void answersWithThePassageAndItsSourceInFinnish() {
        BotReply reply = bot.reply(org.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);
        assertThat(reply.kind()).isEqualTo(BotReply.Kind.ANSWER);
        assertThat(reply.sources()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(articles.waste);
            assertThat(s.title()).isEqualTo("Jäteastian tyhjennys");
            assertThat(s.url()).isEqualTo("/help/" + articles.waste);
        });
        assertThat(reply.text()).contains("tyhjennetään kahden viikon välein").doesNotContain("<mark>");
        assertThat(source(articles)).contains(reply.text().replace(" … ", " ").split(" … ")[0].substring(0, 20));
    }

    private static String source(Articles a) {
        return "Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista. "
                + "Jos jäteastia jäi tyhjentämättä, ilmoita siitä jätehuoltoon seuraavana arkipäivänä.";
    }

    @Test
    void answersInSwedishFromTheSwedishVersion() {
        BotReply reply = bot.reply(org.id(), Language.SV, "När töms sopkärlet för blandavfall?", null);
        assertThat(reply.kind()).isEqualTo(BotReply.Kind.ANSWER);
        assertThat(reply.sources()).singleElement().satisfies(s -> assertThat(s.title()).isEqualTo("Tömning av sopkärl"));
        assertThat(reply.text()).contains("varannan vecka");
    }

    @Test
    void asksWhichOneWhenTwoSourcesAreClose() {
        BotReply fi = bot.reply(org.id(), Language.FI, "pysäköintitunnus", null);
        assertThat(fi.kind()).isEqualTo(BotReply.Kind.CLARIFY);
        assertThat(fi.sources()).extracting(BotSource::id).containsExactlyInAnyOrder(articles.parkingResidents, articles.parkingBusinesses);
        assertThat(fi.text()).startsWith("Tarkoititko").contains("Asukaspysäköintitunnus").contains("Yrityspysäköintitunnus");

        BotReply sv = bot.reply(org.id(), Language.SV, "parkeringstillstånd", null);
        assertThat(sv.kind()).isEqualTo(BotReply.Kind.CLARIFY);
        assertThat(sv.text()).startsWith("Menade du").contains("Boendeparkeringstillstånd");
    }

    @Test
    void thePageTheResidentIsOnDecidesBetweenCloseSources() {
        BotReply reply = bot.reply(org.id(), Language.FI, "pysäköintitunnus", "https://www.example.fi/help/" + articles.parkingBusinesses);
        assertThat(reply.kind()).isEqualTo(BotReply.Kind.ANSWER);
        assertThat(reply.sources()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(articles.parkingBusinesses));
    }

    @Test
    void handsOverWhenNothingMatchesAndCountsTheQuestion() {
        String question = "Saako koiran tuoda uimarannalle kesällä?";
        BotReply reply = bot.reply(org.id(), Language.FI, question, "https://www.example.fi/vapaa-aika");
        assertThat(reply.kind()).isEqualTo(BotReply.Kind.HANDOVER);
        assertThat(reply.reason()).isEqualTo(BotReply.Reason.NOT_CONFIDENT);
        assertThat(reply.sources()).isEmpty();
        assertThat(reply.text()).isEqualTo("En löytänyt tähän varmaa vastausta. Ohjaan sinut asiakaspalvelijalle.");
        bot.reply(org.id(), Language.FI, "  saako KOIRAN tuoda uimarannalle kesällä ", null);

        assertThat(store.unanswered(org.id(), Language.FI, 50)).filteredOn(u -> u.question().equals(question)).singleElement()
                .satisfies(u -> {
                    assertThat(u.asked()).isEqualTo(2);
                    assertThat(u.pageUrl()).isEqualTo("https://www.example.fi/vapaa-aika");
                });
        assertThat(store.unanswered(other.id(), null, 50)).noneMatch(u -> u.question().equals(question));
    }

    @Test
    void handsOverWhenTheResidentAsksForAPersonWithoutCountingIt() {
        for (var q : new Object[][] {{Language.FI, "Haluan puhua ihmisen kanssa"}, {Language.FI, "asiakaspalvelija kiitos"},
                {Language.SV, "Kan jag få prata med en människa?"}, {Language.EN, "I want to talk to an agent"}}) {
            BotReply reply = bot.reply(org.id(), (Language) q[0], (String) q[1], null);
            assertThat(reply.kind()).as((String) q[1]).isEqualTo(BotReply.Kind.HANDOVER);
            assertThat(reply.reason()).isEqualTo(BotReply.Reason.ASKED_FOR_PERSON);
        }
        assertThat(store.unanswered(org.id(), null, 50)).noneMatch(u -> u.question().contains("ihmisen"));
        assertThat(AnswerFinder.asksForPerson("Can I visit in person?")).isFalse();
        assertThat(AnswerFinder.asksForPerson("Mistä saan henkilökortin?")).isFalse();
    }

    @Test
    void neverQuotesInternalArticlesOrAnotherOrganization() {
        BotReply internal = bot.reply(org.id(), Language.FI, "Rikkoutuneen jäteastian korvaaminen esihenkilö", null);
        assertThat(internal.sources()).extracting(BotSource::id).doesNotContain(articles.internalWaste);
        assertThat(internal.text()).doesNotContain("esihenkilö");

        BotReply elsewhere = bot.reply(other.id(), Language.FI, "Milloin jäteastia tyhjennetään?", null);
        assertThat(elsewhere.kind()).isEqualTo(BotReply.Kind.HANDOVER);
    }

    @Test
    void everyReplyWithTextFromArticlesNamesItsSource() {
        for (String q : new String[] {"jäteastia", "kirjaston aukioloajat", "varhaiskasvatus hakemus", "pysäköinti", "koira", "xyz"}) {
            BotReply reply = bot.reply(org.id(), Language.FI, q, null);
            if (reply.kind() == BotReply.Kind.ANSWER) assertThat(reply.sources()).as(q).hasSize(1);
            if (reply.kind() == BotReply.Kind.CLARIFY) assertThat(reply.sources()).as(q).hasSizeGreaterThanOrEqualTo(2);
            if (reply.kind() == BotReply.Kind.HANDOVER) assertThat(reply.sources()).as(q).isEmpty();
        }
    }
}
