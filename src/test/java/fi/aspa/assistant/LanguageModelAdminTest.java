package fi.aspa.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /workspace/admin/language-model}: only an administrator sees and changes it (an agent gets 403), only for
 * their own organization; bad input is shown beside the fields; the API key is write-only (masked, kept when the field
 * is left empty, removed on request, sealed at rest); every change and test is in the change log; the connection test
 * says whether the endpoint answers.
 */
@AspaTest
class LanguageModelAdminTest {
    static final String PATH = "/workspace/admin/language-model";
    static final String KEY = "sk-live-abcdefghijklmnop7Q9z";

    @Autowired Fixtures fixtures;
    @Autowired LanguageModelStore store;
    @Autowired StaffPages pages;
    @Autowired JdbcClient db;

    MockHttpServletResponse send(String username, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request.with(pages.as(username)));
    }

    /** Posts "test connection": the redirect and the result it carries to the page. */
    Object probe(String username) throws Exception {
        var result = pages.mvc().perform(post(PATH + "/test").with(csrf()).with(pages.as(username))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(PATH + "#test");
        return result.getFlashMap().get("probe");
    }

    static String page(MockHttpServletResponse response) throws Exception {
        return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
    }

    static MockHttpServletRequestBuilder save(String enabled, String baseUrl, String model, String key, String timeout, String maxTokens) {
        MockHttpServletRequestBuilder post = post(PATH).with(csrf()).param("baseUrl", baseUrl).param("model", model).param("apiKey", key)
                .param("timeout", timeout).param("maxTokens", maxTokens);
        if (enabled != null) post.param("enabled", enabled);
        return post;
    }

    @Test
    void onlyAnAdministratorOfTheOrganizationSeesAndChangesIt() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String agent = org.agent().username();
        String manager = org.manager().username();
        assertThat(send(agent, get(PATH)).getStatus()).isEqualTo(403);
        assertThat(send(manager, get(PATH)).getStatus()).isEqualTo(403);
        assertThat(send(agent, save("true", "https://llm.example.fi", "m", KEY, "5", "400")).getStatus()).isEqualTo(403);
        assertThat(send(agent, post(PATH + "/test").with(csrf())).getStatus()).isEqualTo(403);
        assertThat(store.find(org.id())).isEqualTo(LanguageModelSettings.DEFAULT);
        assertThat(send(agent, get("/workspace/bot/unanswered")).getContentAsString(StandardCharsets.UTF_8)).doesNotContain(PATH);

        String admin = fixtures.admin(org).username();
        assertThat(page(send(admin, get("/workspace/bot/unanswered")))).contains("href=\"" + PATH + "\"");
        String shown = page(send(admin, get(PATH)));
        assertThat(shown).contains("<title>Kielimallin muotoilemat vastaukset – Aspa</title>")
                .contains("Kielimalli ei ole käytössä").contains("value=\"5\"").contains("value=\"400\"").contains("Avainta ei ole tallennettu");

        // another organization's administrator changes only their own
        Fixtures.Org other = fixtures.organization();
        String otherAdmin = fixtures.admin(other).username();
        assertThat(send(admin, save("true", "https://llm.example.fi", "malli-1", KEY, "3", "300")).getStatus()).isEqualTo(302);
        assertThat(store.find(other.id())).isEqualTo(LanguageModelSettings.DEFAULT);
        String theirs = page(send(otherAdmin, get(PATH)));
        assertThat(theirs).contains("Kielimalli ei ole käytössä").doesNotContain("llm.example.fi").doesNotContain("malli-1")
                .doesNotContain("Anna Admin: muutti").contains("Asetuksia ei ole vielä muutettu");
        assertThat(send(otherAdmin, save(null, "", "", "", "5", "400")).getStatus()).isEqualTo(302);
        assertThat(store.find(org.id()).enabled()).isTrue();
    }

    @Test
    void theKeyIsWriteOnlyAndEveryChangeIsLogged() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String admin = fixtures.admin(org).username();
        MockHttpServletResponse saved = send(admin, save("true", "https://llm.example.fi/v1/", "gpt-test", KEY, "2,5", "256"));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo(PATH);
        LanguageModelSettings settings = store.find(org.id());
        assertThat(settings).isEqualTo(new LanguageModelSettings(true, "https://llm.example.fi", "gpt-test", KEY, 2500, 256));
        String stored = db.sql("select api_key from bot_language_model where organization_id = ?").param(org.id().value())
                .query(String.class).single();
        assertThat(stored).as("sealed at rest").startsWith("v1:").doesNotContain(KEY).doesNotContain("7Q9z");

        String shown = page(send(admin, get(PATH)));
        assertThat(shown).doesNotContain(KEY).doesNotContain("abcdefghijklmnop").contains("Tallennettu avain: ••••••••7Q9z")
                .contains("Kielimalli muotoilee vastaukset").contains("value=\"2.5\"").contains("value=\"https://llm.example.fi\"")
                .contains("Anna Admin: muutti asetuksia").contains("enabled: false → true").contains("model: – → gpt-test")
                .contains("Anna Admin: tallensi uuden API-avaimen");
        assertThat(shown).containsPattern("<input id=\"apiKey\" name=\"apiKey\" type=\"password\"[^>]*value=\"\"");

        // an empty key field keeps the key
        assertThat(send(admin, save("true", "https://llm.example.fi", "gpt-test-2", "", "2.5", "256")).getStatus()).isEqualTo(302);
        assertThat(store.find(org.id()).apiKey()).isEqualTo(KEY);
        assertThat(store.find(org.id()).model()).isEqualTo("gpt-test-2");
        // removing it
        assertThat(send(admin, save("true", "https://llm.example.fi", "gpt-test-2", "", "2.5", "256").param("removeKey", "true"))
                .getStatus()).isEqualTo(302);
        assertThat(store.find(org.id()).apiKey()).isNull();

        List<LanguageModelStore.Change> changes = store.changes(org.id(), 10);
        assertThat(changes).extracting(LanguageModelStore.Change::what).containsExactly("KEY_REMOVED", "SAVED", "KEY_SET", "SAVED");
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.changedBy()).isNotNull();
            assertThat(String.valueOf(c.detail())).doesNotContain(KEY);
        });
        assertThat(changes.get(1).detail()).isEqualTo("model: gpt-test → gpt-test-2");
    }

    @Test
    void badInputIsShownBesideTheFieldsAndNothingIsSaved() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String admin = fixtures.admin(org).username();
        MockHttpServletResponse response = send(admin, save("true", "http://llm.example.fi", "", "avain jossa välilyönti", "60", "paljon"));
        assertThat(response.getStatus()).isEqualTo(422);
        String shown = page(response);
        assertThat(shown).contains("<title>Virhe: Kielimallin muotoilemat vastaukset – Aspa</title>")
                .contains("href=\"#baseUrl\"").contains("href=\"#model\"").contains("href=\"#apiKey\"").contains("href=\"#timeout\"")
                .contains("href=\"#maxTokens\"")
                .contains("http vain osoitteisiin localhost ja 127.0.0.1").contains("Kirjoita mallin nimi")
                .contains("Kirjoita aikaraja sekunteina väliltä 0,5–15").contains("väliltä 16–4000")
                .containsPattern("id=\"baseUrl\"[^>]*aria-invalid=\"true\"").containsPattern("id=\"maxTokens\"[^>]*aria-invalid=\"true\"")
                // what was typed stays, the key never comes back
                .contains("value=\"http://llm.example.fi\"").contains("value=\"paljon\"").doesNotContain("avain jossa välilyönti");
        assertThat(store.find(org.id())).isEqualTo(LanguageModelSettings.DEFAULT);
        assertThat(store.changes(org.id(), 10)).isEmpty();

        for (String url : new String[] {"ftp://llm.example.fi", "https://user:pw@llm.example.fi", "https://llm.example.fi?x=1", "llm.example.fi",
                "http://10.0.0.5:8000"}) {
            assertThat(send(admin, save("true", url, "m", "", "5", "400")).getStatus()).as(url).isEqualTo(422);
        }
        assertThat(send(admin, save("true", "http://localhost:11434", "llama", "", "5", "400")).getStatus()).isEqualTo(302);
        assertThat(store.find(org.id()).baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(send(admin, save("true", "http://127.0.0.1:8000/", "llama", "", "1", "16")).getStatus()).isEqualTo(302);
        assertThat(store.find(org.id()).baseUrl()).isEqualTo("http://127.0.0.1:8000");
    }

    @Test
    void theConnectionTestSaysWhetherTheEndpointAnswers() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String admin = fixtures.admin(org).username();
        try (FakeLanguageModel model = new FakeLanguageModel()) {
            model.answering(FakeLanguageModel.reply("OK"));
            assertThat(send(admin, save("true", model.baseUrl(), "test-model", KEY, "2", "400")).getStatus()).isEqualTo(302);
            assertThat(probe(admin)).isEqualTo("OK");
            assertThat(model.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/v1/chat/completions");
                assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
                assertThat(r.body()).contains("test-model");
            });

            model.answering(FakeLanguageModel.status(401, "{}"));
            assertThat(probe(admin)).isEqualTo("HTTP_ERROR");
            model.answering(FakeLanguageModel.raw("not json"));
            assertThat(probe(admin)).isEqualTo("MALFORMED");
        }
        assertThat(store.changes(org.id(), 10)).extracting(LanguageModelStore.Change::what).startsWith("TESTED", "TESTED", "TESTED");
        assertThat(page(send(admin, get(PATH)))).contains("Anna Admin: testasi yhteyden").contains("Yhteys toimii");
    }
}
