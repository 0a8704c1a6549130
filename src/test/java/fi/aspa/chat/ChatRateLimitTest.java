package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.assistant.Chatbot;
import fi.aspa.assistant.FakeLanguageModel;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The public side of the chat against a script: starting chats and leaving messages (each a customer and a case) are
 * limited per client address, lines and typing/read signals (each sent on to every node and agent) per chat, and the chatbot's answers (a search and a call to the organization's
 * language model) per address. Over an allowance the API answers 429 problem+json with {@code Retry-After} and the
 * detail in the chat's language, the socket an error frame with the same, and nothing is stored; a resident within the
 * allowance, another address and another chat are not affected. Each test's clients connect from loopback addresses of
 * their own ({@link ChatHttp#newAddress()}), so the allowances it uses up are its own; the limits are the defaults
 * ({@link ChatSettings.RateLimit}). An allowance refills gradually, so a request may slip in while the test uses it up:
 * the tests send until the first 429 and count what was accepted.
 */
@AspaTest
class ChatRateLimitTest {
    static final int SESSIONS = 10;   // aspa.chat.rate-limit.sessions per 10 minutes
    static final int LEFT = 5;        // aspa.webform.rate-limit.capacity per 10 minutes
    static final int LINES = 30;      // aspa.chat.rate-limit.lines per minute and chat
    static final int BOT_LINES = 30;  // aspa.chat.rate-limit.bot-lines per 10 minutes
    static final int SIGNALS = 120;   // aspa.chat.rate-limit.signals per minute and chat

    static final String TOO_MANY_CHATS_FI = "Tästä osoitteesta on aloitettu liian monta keskustelua lyhyessä ajassa. "
            + "Yritä muutaman minuutin kuluttua uudelleen tai käytä yhteydenottolomaketta.";
    static final String TOO_MANY_CHATS_SV = "För många chattar har startats från den här adressen på kort tid. "
            + "Försök igen om några minuter eller använd kontaktformuläret.";
    static final String TOO_MANY_MESSAGES_FI = "Olet lähettänyt liian monta viestiä lyhyessä ajassa. Odota hetki ja yritä uudelleen.";
    static final String TOO_MANY_MESSAGES_SV = "Du har skickat för många meddelanden på kort tid. Vänta en stund och försök igen.";
    static final String SLOW_DOWN_FI = "Lähetät viestejä liian tiheään. Odota hetki.";
    static final String SLOW_DOWN_SV = "Du skickar meddelanden för tätt. Vänta en stund.";

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;
    @Autowired Chatbot bot;
    @Autowired SearchIndex index;
    @Autowired JdbcClient db;

    Fixtures.Org openOrganization() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.always());
        chat.setAvailable(org.id(), org.agent().id(), true);
        return org;
    }

    static HttpResponse<String> startChat(ChatHttp resident, Fixtures.Org org, String lang) {
        return resident.json("POST", "/chat/api/sessions", Map.of("organization", org.organization().slug(), "lang", lang), null);
    }

    static String token(HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return ChatHttp.body(started).path("token").asString();
    }

    /** A 429 problem: its code, the detail in the person's language, and when to try again, as header and in the body. */
    static void assertTooMany(HttpResponse<String> response, String code, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = ChatHttp.body(response);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("https://aspa.fi/problems/" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asString()).isEqualTo(detail);
        String retryAfter = response.headers().firstValue("Retry-After").orElseThrow();
        assertThat(retryAfter).matches("[1-9]\\d*");
        assertThat(problem.path("retryAfter").asLong()).isEqualTo(Long.parseLong(retryAfter));
    }

    /** Sends until the first 429 (at most {@code max} times); the accepted ones must have the status {@code ok}. */
    static Outcome untilRefused(int max, int ok, Supplier<HttpResponse<String>> send) {
        for (int accepted = 0; accepted < max; accepted++) {
            HttpResponse<String> r = send.get();
            if (r.statusCode() == 429) return new Outcome(accepted, r);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(ok);
        }
        throw new AssertionError("not refused with 429 in " + max + " requests");
    }

    record Outcome(int accepted, HttpResponse<String> refused) {}

    long count(String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void startingChatsFromOneAddressIsLimitedAndTheRefusedStartMakesNothing() {
        Fixtures.Org org = openOrganization();
        ChatHttp script = new ChatHttp(port);
        Outcome fi = untilRefused(SESSIONS * 2, 201, () -> startChat(script, org, "fi"));
        assertThat(fi.accepted()).as("a resident's chats within the allowance start").isGreaterThanOrEqualTo(SESSIONS);
        assertTooMany(fi.refused(), "too-many-chats", TOO_MANY_CHATS_FI);
        assertTooMany(startChat(script, org, "sv"), "too-many-chats", TOO_MANY_CHATS_SV);
        assertThat(count("select count(*) from chat_session where organization_id = ?", org.id().value()))
                .as("a chat for each accepted start, none for the refused").isEqualTo(fi.accepted());

        // each of them can still become a case with its first line, and no more cases than chats are possible
        String token = token(startChat(new ChatHttp(port), org, "fi"));
        assertThat(script.json("POST", "/chat/api/session/messages", Map.of("clientId", "l-1", "body", "Hei"), token).statusCode())
                .as("a line of a chat started elsewhere, sent from the limited address").isEqualTo(200);
        assertThat(count("select count(*) from support_case where organization_id = ? and channel = 'CHAT'", org.id().value())).isEqualTo(1);
        assertThat(startChat(new ChatHttp(port), org, "sv").statusCode()).as("another address").isEqualTo(201);
    }

    @Test
    void messagesLeftFromOneAddressAreLimitedLikeTheContactFormAndMakeNoCaseOverIt() {
        Fixtures.Org org = fixtures.organization(); // nobody available: the widget is the contact form
        String slug = org.organization().slug();
        ChatHttp script = new ChatHttp(port);
        int[] n = {0};
        Supplier<Map<String, String>> form = () -> Map.of("organization", slug, "lang", "fi", "clientId", "left-" + (++n[0]),
                "name", "Matti Meikäläinen", "email", "matti.left" + n[0] + "@example.fi", "body", "Milloin jäteastia tyhjennetään?");
        Map<String, String> first = form.get();
        HttpResponse<String> firstLeft = script.json("POST", "/chat/api/messages", first, null);
        assertThat(firstLeft.statusCode()).as(firstLeft.body()).isEqualTo(201);
        Outcome fi = untilRefused(LEFT * 2, 201, () -> script.json("POST", "/chat/api/messages", form.get(), null));
        int accepted = fi.accepted() + 1;
        assertThat(accepted).isGreaterThanOrEqualTo(LEFT);
        assertTooMany(fi.refused(), "too-many-messages", TOO_MANY_MESSAGES_FI);
        Map<String, String> sv = Map.of("organization", slug, "lang", "sv", "clientId", "left-sv", "body", "Hej! När töms soptunnan?");
        assertTooMany(script.json("POST", "/chat/api/messages", sv, null), "too-many-messages", TOO_MANY_MESSAGES_SV);

        assertThat(count("select count(*) from support_case where organization_id = ?", org.id().value()))
                .as("a case for each accepted message, none for the refused").isEqualTo(accepted);
        assertThat(count("select count(*) from chat_session where organization_id = ?", org.id().value())).isEqualTo(accepted);

        HttpResponse<String> resent = script.json("POST", "/chat/api/messages", first, null);
        assertThat(resent.statusCode()).as("a resubmission of a message already stored is answered, not counted").isEqualTo(200);
        assertThat(ChatHttp.body(resent).path("reference").asString()).isEqualTo(ChatHttp.body(firstLeft).path("reference").asString());
        assertThat(new ChatHttp(port).json("POST", "/chat/api/messages", form.get(), null).statusCode()).as("another address").isEqualTo(201);
    }

    @Test
    void linesOfOneChatAreLimitedOverHttpAndTheSocketAndTheRefusedLineIsNotStored() {
        Fixtures.Org org = openOrganization();
        ChatHttp resident = new ChatHttp(port);
        String token = token(startChat(resident, org, "fi"));
        int[] n = {0};
        Outcome fi = untilRefused(LINES * 2, 200, () -> resident.json("POST", "/chat/api/session/messages",
                Map.of("clientId", "h-" + (++n[0]), "body", "Rivi " + n[0]), token));
        assertThat(fi.accepted()).as("a conversation's lines within the allowance are stored").isGreaterThanOrEqualTo(LINES);
        assertTooMany(fi.refused(), "rate-limited", SLOW_DOWN_FI);
        UUID session = chat.byToken(token).orElseThrow().id();
        assertThat(count("select count(*) from chat_message where session_id = ? and kind = 'RESIDENT'", session))
                .as("each accepted line once, the refused one not").isEqualTo(fi.accepted());
        UUID caseId = chat.byToken(token).orElseThrow().caseId();
        assertThat(count("select count(*) from case_message where case_id = ? and kind = 'INBOUND'", caseId)).isEqualTo(fi.accepted());
        HttpResponse<String> resent = resident.json("POST", "/chat/api/session/messages", Map.of("clientId", "h-1", "body", "Rivi 1"), token);
        assertThat(resent.statusCode()).as("a line resent after a lost ack is answered with its ack, not counted").isEqualTo(200);
        assertThat(ChatHttp.body(resent).path("seq").asLong()).isEqualTo(1);

        // over the socket the same: an error frame for the line, in the chat's language, with the wait
        String svToken = token(startChat(resident, org, "sv"));
        try (ChatClient me = ChatClient.connect(port, "/chat/socket", null, resident.address)) {
            me.send(Map.of("type", "hello", "token", svToken, "lastSeq", 0)).awaitType("welcome");
            JsonNode error = null;
            int accepted = 0;
            for (int i = 1; i <= LINES * 2 && error == null; i++) {
                String id = "w-" + i;
                me.send(Map.of("type", "send", "clientId", id, "body", "Rad " + i));
                JsonNode answer = me.await("ack or error of " + id, f -> id.equals(f.path("clientId").asString())
                        && (f.path("type").asString().equals("ack") || f.path("type").asString().equals("error")));
                if (answer.path("type").asString().equals("error")) error = answer;
                else accepted++;
            }
            assertThat(error).as("refused within %d lines", LINES * 2).isNotNull();
            assertThat(accepted).isGreaterThanOrEqualTo(LINES);
            assertThat(error.path("code").asString()).isEqualTo("rate-limited");
            assertThat(error.path("message").asString()).isEqualTo(SLOW_DOWN_SV);
            assertThat(error.path("retryAfter").asLong()).isPositive();
            UUID svSession = chat.byToken(svToken).orElseThrow().id();
            assertThat(count("select count(*) from chat_message where session_id = ? and kind = 'RESIDENT'", svSession)).isEqualTo(accepted);
            me.send(Map.of("type", "ping")).awaitType("pong");
            assertThat(me.closed).as("the connection stays open").isFalse();
        }
        // another chat has an allowance of its own, even from the same address
        String other = token(startChat(resident, org, "fi"));
        assertThat(resident.json("POST", "/chat/api/session/messages", Map.of("clientId", "o-1", "body", "Hei"), other).statusCode())
                .isEqualTo(200);
    }

    @Test
    void typingAndReadSignalsOfOneChatAreLimitedOverHttpAndTheSocketTogether() {
        Fixtures.Org org = openOrganization();
        ChatHttp resident = new ChatHttp(port);
        String token = token(startChat(resident, org, "fi"));
        assertThat(resident.json("POST", "/chat/api/session/messages", Map.of("clientId", "s-1", "body", "Hei"), token).statusCode())
                .isEqualTo(200);
        // what the widget sends, "typing" at most every 3 seconds and "read" per line it shows, is far within it
        long[] seq = {0};
        Outcome fi = untilRefused(SIGNALS * 2, 204, () -> ++seq[0] % 2 == 0
                ? resident.json("POST", "/chat/api/session/typing", Map.of(), token)
                : resident.json("POST", "/chat/api/session/read", Map.of("seq", 1), token));
        assertThat(fi.accepted()).as("a chat's signals within the allowance are passed on").isGreaterThanOrEqualTo(SIGNALS);
        assertTooMany(fi.refused(), "rate-limited", SLOW_DOWN_FI);
        // typing and read share the allowance
        assertTooMany(resident.json("POST", "/chat/api/session/typing", Map.of(), token), "rate-limited", SLOW_DOWN_FI);
        assertTooMany(resident.json("POST", "/chat/api/session/read", Map.of("seq", 1), token), "rate-limited", SLOW_DOWN_FI);
        // a malformed read is refused as such first
        assertThat(resident.json("POST", "/chat/api/session/read", Map.of("seq", -1), token).statusCode()).isEqualTo(422);
        // the chat's lines have an allowance of their own
        assertThat(resident.json("POST", "/chat/api/session/messages", Map.of("clientId", "s-2", "body", "Oletko siellä?"), token)
                .statusCode()).isEqualTo(200);

        // the socket meets the same allowance of the chat: an error frame in the chat's language, with the wait
        String svToken = token(startChat(resident, org, "sv"));
        Outcome sv = untilRefused(SIGNALS * 2, 204, () -> resident.json("POST", "/chat/api/session/typing", Map.of(), svToken));
        assertTooMany(sv.refused(), "rate-limited", SLOW_DOWN_SV);
        try (ChatClient me = ChatClient.connect(port, "/chat/socket", null, resident.address)) {
            me.send(Map.of("type", "hello", "token", svToken, "lastSeq", 0)).awaitType("welcome");
            // the allowance refills two a second, so one or two may pass while the socket says hello
            for (int i = 0; i < 10; i++) me.send(Map.of("type", "typing"));
            JsonNode error = me.awaitType("error");
            assertThat(error.path("code").asString()).isEqualTo("rate-limited");
            assertThat(error.path("message").asString()).isEqualTo(SLOW_DOWN_SV);
            assertThat(error.path("retryAfter").asLong()).isPositive();
            me.send(Map.of("type", "ping")).awaitType("pong");
            assertThat(me.closed).as("the connection stays open").isFalse();
        }

        // another chat has an allowance of its own, even from the same address
        String other = token(startChat(resident, org, "fi"));
        assertThat(resident.json("POST", "/chat/api/session/typing", Map.of(), other).statusCode()).isEqualTo(204);
        assertThat(resident.json("POST", "/chat/api/session/read", Map.of("seq", 0), other).statusCode()).isEqualTo(204);
    }

    @Test
    void theChatbotsAnswersAreLimitedPerAddressAcrossChatsAndTheLanguageModelIsNotCalledOverIt() {
        Fixtures.Org org = openOrganization();
        bot.setEnabled(org.id(), true);
        index.indexAll(List.of(
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.FI, "Jäteastian tyhjennys",
                        "Sekajäteastia tyhjennetään kahden viikon välein. Tyhjennyspäivän näet jätehuollon asiakasportaalista.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.FI, "Kirjaston aukioloajat",
                        "Pääkirjasto on auki arkisin 9–20 ja lauantaisin 10–16.", List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.SV, "Tömning av sopkärl",
                        "Kärlet för blandavfall töms varannan vecka. Tömningsdagen ser du i avfallshanteringens kundportal.",
                        List.of(), Map.of(), Visibility.PUBLIC, Instant.now()),
                new SearchDocument(UUID.randomUUID().toString(), org.id(), DocumentType.ARTICLE, Language.SV, "Bibliotekets öppettider",
                        "Huvudbiblioteket är öppet vardagar 9–20 och lördagar 10–16.", List.of(), Map.of(), Visibility.PUBLIC, Instant.now())));
        try (FakeLanguageModel model = new FakeLanguageModel()) {
            model.answering(FakeLanguageModel.reply("Astia tyhjennetään joka toinen viikko [1]."));
            db.sql("""
                    insert into bot_language_model (organization_id, enabled, base_url, model, timeout_ms, max_tokens, updated_at)
                    values (?, true, ?, 'test-model', 3000, 300, now())
                    """).params(org.id().value(), model.baseUrl()).update();
            String address = ChatHttp.newAddress();
            ChatHttp resident = new ChatHttp(port, address);
            String fiToken = token(startChat(resident, org, "fi"));
            String svToken = token(startChat(resident, org, "sv"));
            try (ChatClient fi = ChatClient.connect(port, "/chat/socket", null, address);
                 ChatClient sv = ChatClient.connect(port, "/chat/socket", null, address)) {
                fi.send(Map.of("type", "hello", "token", fiToken, "lastSeq", 0)).awaitType("welcome");
                sv.send(Map.of("type", "hello", "token", svToken, "lastSeq", 0)).awaitType("welcome");
                int answered = 0;
                JsonNode refused = null;
                ChatClient refusedOn = null;
                for (int i = 1; i <= BOT_LINES * 2 && refused == null; i++) {
                    // in turns, so that neither chat comes near its own allowance of lines
                    ChatClient me = i % 2 == 0 ? fi : sv;
                    String id = "b-" + i;
                    me.send(Map.of("type", "send", "clientId", id, "body", me == fi ? "Milloin jäteastia tyhjennetään?" : "När töms kärlet för blandavfall?"));
                    JsonNode answer = me.await("ack or error of " + id, f -> id.equals(f.path("clientId").asString())
                            && (f.path("type").asString().equals("ack") || f.path("type").asString().equals("error")));
                    if (answer.path("type").asString().equals("error")) {
                        refused = answer;
                        refusedOn = me;
                    } else {
                        answered++;
                    }
                }
                assertThat(refused).as("refused within %d lines", BOT_LINES * 2).isNotNull();
                assertThat(answered).as("a bot conversation within the allowance is answered").isGreaterThanOrEqualTo(BOT_LINES);
                assertThat(refused.path("code").asString()).isEqualTo("rate-limited");
                assertThat(refused.path("message").asString()).isEqualTo(refusedOn == fi ? SLOW_DOWN_FI : SLOW_DOWN_SV);
                assertThat(refused.path("retryAfter").asLong()).isPositive();
                // the other chat's next line meets the same allowance (it refills one answer per 20 s: one may slip in)
                ChatClient other = refusedOn == fi ? sv : fi;
                JsonNode alsoRefused = null;
                for (int i = 1; i <= 3 && alsoRefused == null; i++) {
                    String id = "b-other-" + i;
                    other.send(Map.of("type", "send", "clientId", id, "body", other == fi ? "Milloin jäteastia tyhjennetään?" : "När töms kärlet för blandavfall?"));
                    JsonNode answer = other.await("ack or error of " + id, f -> id.equals(f.path("clientId").asString())
                            && (f.path("type").asString().equals("ack") || f.path("type").asString().equals("error")));
                    if (answer.path("type").asString().equals("error")) alsoRefused = answer;
                    else answered++;
                }
                assertThat(alsoRefused).as("the other chat is refused too").isNotNull();
                assertThat(alsoRefused.path("message").asString()).isEqualTo(other == fi ? SLOW_DOWN_FI : SLOW_DOWN_SV);

                UUID[] sessions = {chat.byToken(fiToken).orElseThrow().id(), chat.byToken(svToken).orElseThrow().id()};
                assertThat(count("select count(*) from chat_message where session_id = any(?) and kind = 'RESIDENT'", (Object) sessions))
                        .as("the refused lines are not stored").isEqualTo(answered);
                assertThat(count("select count(*) from chat_message where session_id = any(?) and kind = 'BOT'", (Object) sessions))
                        .isEqualTo(answered);
                assertThat(model.requests()).as("one call to the language model per answer, none over the allowance").hasSize(answered);
                assertThat(count("select count(*) from support_case where organization_id = ?", org.id().value())).isZero();
            }
            // HTTP meets the same allowance of the address
            int[] n = {0};
            Outcome overHttp = untilRefused(3, 200, () -> resident.json("POST", "/chat/api/session/messages",
                    Map.of("clientId", "b-http-" + (++n[0]), "body", "När töms kärlet för blandavfall?"), svToken));
            assertTooMany(overHttp.refused(), "rate-limited", SLOW_DOWN_SV);
            // another address's conversation is answered
            int before = model.requests().size();
            ChatHttp elsewhere = new ChatHttp(port);
            String token = token(startChat(elsewhere, org, "fi"));
            assertThat(elsewhere.json("POST", "/chat/api/session/messages",
                    Map.of("clientId", "e-1", "body", "Milloin jäteastia tyhjennetään?"), token).statusCode()).isEqualTo(200);
            assertThat(model.requests()).hasSize(before + 1);
        }
    }
}
