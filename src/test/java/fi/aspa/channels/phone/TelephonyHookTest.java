package fi.aspa.channels.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telephony hook: an organization's API token, the callers with the number and their recent cases, the
 * workspace URL for the call; another organization's token sees none of it; bad input is problem+json.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelephonyHookTest {
    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired Customers customers;
    @Autowired Cases cases;
    @Autowired PersonalDataLog accessLog;
    @Autowired JsonMapper json;

    MockMvc mvc;
    Fixtures.Org org;
    Fixtures.Org other;
    String number;
    UUID caller;
    OpenedCase earlier;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        org = fixtures.organization();
        other = fixtures.organization();
        number = "050" + (1_000_000 + (int) (Math.random() * 8_999_999));
        caller = customers.resolve(org.id(), ContactDetails.resident("Tuula Tilaaja", null, number, Language.FI));
        earlier = cases.open(org.id(), new NewCase(Channel.WEB_FORM, caller, "Katuvalo rikki", "Katuvalo ei pala.",
                Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
    }

    MockHttpServletResponse incoming(String token, String body) throws Exception {
        var request = post("/api/v1/telephony/incoming").contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return mvc.perform(request).andReturn().getResponse();
    }

    JsonNode ok(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void anIncomingCallReturnsTheCallersTheirCasesAndTheWorkspaceUrl() throws Exception {
        String international = "+358" + number.substring(1);
        JsonNode result = ok(incoming(org.apiToken(), "{\"phone\": \"" + international + "\"}"));
        assertThat(result.get("phone").asString()).isEqualTo(international);
        assertThat(result.get("customers")).hasSize(1);
        JsonNode customer = result.get("customers").get(0);
        assertThat(customer.get("id").asString()).isEqualTo(caller.toString());
        assertThat(customer.get("name").asString()).isEqualTo("Tuula Tilaaja");
        assertThat(customer.get("recentCases").get(0).get("reference").asString()).isEqualTo(earlier.reference());
        assertThat(customer.get("recentCases").get(0).get("workspaceUrl").asString()).endsWith("/workspace/cases/" + earlier.id());
        String url = result.get("workspaceUrl").asString();
        assertThat(url).endsWith("/workspace/phone?number=%2B358" + number.substring(1));
        assertThat(result.has("agentUsername")).isFalse();

        JsonNode local = ok(incoming(org.apiToken(), "{\"phone\": \"" + number.substring(0, 3) + " " + number.substring(3) + "\"}"));
        assertThat(local.get("customers").get(0).get("id").asString()).as("the national form finds the same").isEqualTo(caller.toString());
        JsonNode e164 = ok(incoming(org.apiToken(), "{\"phone\": \"358" + number.substring(1) + "\"}"));
        assertThat(e164.get("customers")).hasSize(1);
    }

    @Test
    void theWorkspaceUrlOpensThePhonePageWithTheCaller() throws Exception {
        JsonNode result = ok(incoming(org.apiToken(), "{\"phone\": \"" + number + "\"}"));
        String path = result.get("workspaceUrl").asString().replaceFirst("^https?://[^/]+", "");
        var agent = user(context.getBean(UserDetailsService.class).loadUserByUsername(org.agent().username()));
        MockHttpServletResponse page = mvc.perform(get(java.net.URI.create(path)).with(agent).header("Accept-Language", "en"))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("Tuula Tilaaja").contains(earlier.reference())
                .contains("value=\"+358" + number.substring(1) + "\"");
    }

    @Test
    void anotherOrganizationsTokenSeesNoneOfItsCustomers() throws Exception {
        JsonNode result = ok(incoming(other.apiToken(), "{\"phone\": \"" + number + "\"}"));
        assertThat(result.get("customers")).isEmpty();
        assertThat(incoming(other.apiToken(), "{\"phone\": \"" + number + "\", \"agentUsername\": \"" + org.agent().username() + "\"}")
                .getStatus()).as("another organization's agent is unknown").isEqualTo(422);
    }

    @Test
    void theNamedAgentIsRecordedInTheAccessLog() throws Exception {
        JsonNode result = ok(incoming(org.apiToken(), "{\"phone\": \"" + number + "\", \"agentUsername\": \"" + org.agent().username() + "\"}"));
        assertThat(result.get("agentUsername").asString()).isEqualTo(org.agent().username());
        assertThat(accessLog.forCustomer(org.id(), caller, 20)).anySatisfy(e -> {
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
            assertThat(e.purpose()).isEqualTo(CallerLookup.PURPOSE);
        });
    }

    @Test
    void withoutAnAgentTheTokenIsTheReaderInTheAccessLog() throws Exception {
        String own = "040" + (1_000_000 + (int) (Math.random() * 8_999_999));
        UUID first = customers.resolve(org.id(), ContactDetails.resident("Pirjo Puhelin", null, own, Language.FI));
        UUID second = customers.resolve(org.id(), new ContactDetails(fi.aspa.customer.CustomerKind.BUSINESS, "Puhelin Oy", null,
                own, null, "0112038-9", null, Language.FI, false));
        UUID token = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select id from api_token where organization_id = ?").param(org.id().value()).query(UUID.class).single();

        JsonNode result = ok(incoming(org.apiToken(), "{\"phone\": \"" + own + "\"}"));
        assertThat(result.get("customers")).hasSize(2);
        for (UUID customer : List.of(first, second)) {
            assertThat(accessLog.forCustomer(org.id(), customer, 20)).as("one entry per customer returned").singleElement().satisfies(e -> {
                assertThat(e.apiTokenId()).isEqualTo(token);
                assertThat(e.staffUserId()).isNull();
                assertThat(e.staffName()).isEqualTo("test");
                assertThat(e.purpose()).isEqualTo(CallerLookup.PURPOSE);
            });
        }

        // with an agent named, the agent is the reader, and the only one
        ok(incoming(org.apiToken(), "{\"phone\": \"" + own + "\", \"agentUsername\": \"" + org.agent().username() + "\"}"));
        for (UUID customer : List.of(first, second)) {
            assertThat(accessLog.forCustomer(org.id(), customer, 20)).hasSize(2).first().satisfies(e -> {
                assertThat(e.staffUserId()).isEqualTo(org.agent().id());
                assertThat(e.apiTokenId()).isNull();
            });
        }

        // a number nobody has returns no one and logs nothing; another organization's token neither
        ok(incoming(other.apiToken(), "{\"phone\": \"" + own + "\"}"));
        assertThat(accessLog.forCustomer(org.id(), first, 20)).hasSize(2);
        assertThat(accessLog.forCustomer(other.id(), first, 20)).isEmpty();
    }

    @Test
    void theHookIsInTheOpenApiDocument() throws Exception {
        JsonNode api = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        JsonNode hook = api.get("paths").get("/api/v1/telephony/incoming").get("post");
        assertThat(hook.get("security").get(0).has("bearer")).isTrue();
        assertThat(hook.get("responses").has("200")).isTrue();
        assertThat(hook.get("responses").has("422")).isTrue();
        assertThat(api.get("components").get("schemas").get("TelephonyIncomingCall").get("required"))
                .extracting(JsonNode::asString).containsExactly("phone");
    }

    @Test
    void badInputIsAProblemAndNoTokenIs401() throws Exception {
        assertThat(incoming(null, "{\"phone\": \"" + number + "\"}").getStatus()).isEqualTo(401);
        assertThat(incoming("not-a-token", "{\"phone\": \"" + number + "\"}").getStatus()).isEqualTo(401);
        MockHttpServletResponse letters = incoming(org.apiToken(), "{\"phone\": \"call me\"}");
        assertThat(letters.getStatus()).isEqualTo(422);
        assertThat(letters.getContentType()).startsWith("application/problem+json");
        assertThat(letters.getContentAsString()).contains("\"code\":\"invalid-phone\"");
        assertThat(incoming(org.apiToken(), "{}").getStatus()).as("phone is required").isEqualTo(422);
        assertThat(incoming(org.apiToken(), "{\"phone\": 358401234567}").getStatus()).as("a number is not a string").isEqualTo(400);
        assertThat(incoming(org.apiToken(), "{\"phone\": \"" + number + "\", \"agentUsername\": \"nobody\"}").getContentAsString())
                .contains("\"code\":\"unknown-agent\"");
    }
}
