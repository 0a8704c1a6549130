package fi.aspa.channels.phone;

import fi.aspa.platform.PublicRateLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * "Call me back" on the public organization: a valid request is a PHONE case tagged callback and a task in the
 * agents' callback queue; invalid fields come back with the error summary; a filled honeypot stores nothing; the
 * sixth request from one address in the window is refused with 429; the outcome is a note on the case. The queue
 * lists requests as a queue does; the number and the message are on each request's own page, a logged view.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackTest {
    static final AtomicInteger ADDRESS = new AtomicInteger(1);
    static final Pattern REFERENCE = Pattern.compile("id=\"reference\">(ASPA-\\d{4}-\\d{6})<");

    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Callbacks callbacks;
    @Autowired PublicRateLimits limits;
    @Autowired UserDetailsService users;
    @Autowired PersonalDataLog accessLog;

    MockMvc mvc;
    Fixtures.Org org;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        org = fixtures.publicOrganization();
    }

    MvcResult perform(MockHttpServletRequestBuilder request, String address) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en").with(r -> {
            r.setRemoteAddr(address);
            return r;
        })).andReturn();
    }

    static String newAddress() {
        return "10.77.0." + ADDRESS.getAndIncrement();
    }

    static String marker() {
        return "soitto" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    MockHttpServletRequestBuilder validForm(String marker) {
        return validForm(marker, Map.of());
    }

    /** A valid request, with some fields replaced. */
    MockHttpServletRequestBuilder validForm(String marker, Map<String, String> changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Kaisa Kutsu");
        fields.put("phone", "+358 40 765 4321");
        fields.put("date", LocalDate.now(Callbacks.HELSINKI).plusDays(2).toString());
        fields.put("window", "AFTERNOON");
        fields.put("topic", "early-education");
        fields.put("message", "Päivähoitopaikan vaihto " + marker);
        fields.put("website", "");
        fields.putAll(changes);
        MockHttpServletRequestBuilder request = post("/callback").with(csrf());
        fields.forEach(request::param);
        return request;
    }

    List<UUID> casesWith(String marker) {
        return cases.list(org.id(), CaseFilter.all().withText(marker), CaseSort.CREATED_DESC, 0, 10).items().stream()
                .map(c -> c.id()).toList();
    }

    @Test
    void aRequestBecomesAPhoneCaseAndACallbackTaskWhoseOutcomeIsANote() throws Exception {
        String marker = marker();
        String address = newAddress();
        assertThat(perform(get("/callback"), address).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Ask us to call you").contains("name=\"_csrf\"");
        // the day asked for, once: the thank-you page must name this day even if midnight passes meanwhile
        LocalDate day = LocalDate.now(Callbacks.HELSINKI).plusDays(2);
        MvcResult posted = perform(validForm(marker, Map.of("date", day.toString())), address);
        assertThat(posted.getResponse().getStatus()).as(posted.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/callback/sent");
        String thanks = perform(get("/callback/sent").flashAttrs(posted.getFlashMap()), address).getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Matcher reference = REFERENCE.matcher(thanks);
        assertThat(reference.find()).as(thanks).isTrue();
        // the English page writes the day the British way: day first
        assertThat(thanks).contains("We will call you on " + java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")
                .format(day) + ", afternoon (12–16).").contains("/track/");

        UUID caseId = cases.idByReference(org.id(), reference.group(1)).orElseThrow();
        assertThat(casesWith(marker)).containsExactly(caseId);
        CaseDetail detail = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(detail.summary().channel()).isEqualTo(Channel.PHONE);
        assertThat(detail.summary().tags()).containsExactly("callback");
        assertThat(detail.summary().language()).isEqualTo(Language.EN);
        assertThat(detail.summary().subject()).isEqualTo("Callback request: Early childhood education");
        assertThat(detail.topic()).isEqualTo("early-education");
        assertThat(customers.findByContact(org.id(), "040 765 4321")).contains(detail.summary().customerId());
        Callbacks.Task task = callbacks.list(org.id(), false, 1000).stream().filter(t -> t.caseId().equals(caseId)).findFirst().orElseThrow();
        assertThat(task.phone()).isEqualTo("+358407654321");
        assertThat(task.window()).isEqualTo(Callbacks.Window.AFTERNOON);
        assertThat(task.message()).endsWith(marker);

        RequestPostProcessor agent = user(users.loadUserByUsername(org.agent().username()));
        String queue = perform(get("/workspace/callbacks").with(agent), address).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(queue).contains("Kaisa Kutsu").contains(reference.group(1)).contains("href=\"/workspace/callbacks/" + task.id() + "\"")
                .doesNotContain("tel:+358407654321").doesNotContain(marker);
        String request = perform(get("/workspace/callbacks/" + task.id()).with(agent), address).getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(request).contains("Kaisa Kutsu").contains("href=\"tel:+358407654321\"").contains(marker)
                .contains(reference.group(1)).contains("action=\"/workspace/callbacks/" + task.id() + "/done\"");

        MockHttpServletResponse missing = perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf())
                .param("outcome", "").param("note", "x"), address).getResponse();
        assertThat(missing.getStatus()).isEqualTo(422);
        assertThat(missing.getContentAsString(StandardCharsets.UTF_8))
                .contains("<a href=\"#outcome-" + task.id() + "\">Choose the outcome of the call</a>");

        MvcResult noAnswer = perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf())
                .param("outcome", "NO_ANSWER").param("note", ""), address);
        assertThat(noAnswer.getResponse().getStatus()).isEqualTo(302);
        assertThat(callbacks.find(org.id(), task.id()).orElseThrow()).satisfies(t -> {
            assertThat(t.done()).isFalse();
            assertThat(t.attempts()).isEqualTo(1);
        });
        MvcResult resolved = perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf())
                .param("outcome", "RESOLVED").param("note", "Neuvottiin hakemaan siirtoa."), address);
        assertThat(resolved.getFlashMap().get("notice")).isEqualTo("Saved: Kaisa Kutsu was reached and the case was resolved.");
        assertThat(callbacks.find(org.id(), task.id()).orElseThrow()).satisfies(t -> {
            assertThat(t.done()).isTrue();
            assertThat(t.outcome()).isEqualTo(Callbacks.Outcome.RESOLVED);
            assertThat(t.doneBy()).isEqualTo(org.agent().id());
            assertThat(t.attempts()).isEqualTo(2);
        });
        detail = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(detail.messages()).filteredOn(m -> m.kind() == MessageKind.NOTE).extracting(m -> m.body())
                .containsExactly("Tried to call back: no answer.",
                        "Called back: the customer was reached and the matter was resolved.\nNeuvottiin hakemaan siirtoa.");
        MvcResult twice = perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf())
                .param("outcome", "RESOLVED"), address);
        assertThat(twice.getFlashMap().get("notice")).isEqualTo("The callback to Kaisa Kutsu had already been done by someone else.");
        assertThat(perform(get("/workspace/callbacks?show=done").with(agent), address).getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains(reference.group(1)).contains("Reached, resolved");
    }

    @Test
    void theNumberAndTheMessageAreShownOnlyOnTheRequestsOwnPageWhichIsALoggedView() throws Exception {
        String marker = marker();
        String number = "+358 50 " + (1_000_000 + (int) (Math.random() * 8_999_999));
        String address = newAddress();
        assertThat(perform(validForm(marker, Map.of("name", "Lauri Lokitettu", "phone", number)), address).getResponse().getStatus())
                .isEqualTo(302);
        Callbacks.Task task = callbacks.list(org.id(), false, 1000).stream().filter(t -> t.message() != null && t.message().endsWith(marker))
                .findFirst().orElseThrow();
        UUID customer = cases.summary(org.id(), task.caseId()).orElseThrow().customerId();
        String reference = cases.summary(org.id(), task.caseId()).orElseThrow().reference();
        RequestPostProcessor agent = user(users.loadUserByUsername(org.agent().username()));
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).isEmpty();

        // the list: the name as in any queue, not logged; no number, no message
        String queue = perform(get("/workspace/callbacks").with(agent), address).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(queue).contains("Lauri Lokitettu").doesNotContain(task.phone()).doesNotContain(marker);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).as("a name in a list is not logged").isEmpty();

        // the request's own page: the number and the message, one entry per view
        String page = perform(get("/workspace/callbacks/" + task.id()).with(agent), address).getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("tel:" + task.phone()).contains(marker);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).singleElement().satisfies(e -> {
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
            assertThat(e.apiTokenId()).isNull();
            assertThat(e.purpose()).isEqualTo(CallbackQueuePage.PURPOSE);
            assertThat(e.detail()).contains(reference);
        });
        // a form sent back with an error shows them again: another view
        assertThat(perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf()).param("outcome", ""), address)
                .getResponse().getStatus()).isEqualTo(422);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(2);
        // the outcome saved and the done list: nothing shown, nothing logged
        assertThat(perform(post("/workspace/callbacks/" + task.id() + "/done").with(agent).with(csrf()).param("outcome", "RESOLVED"),
                address).getResponse().getStatus()).isEqualTo(302);
        assertThat(perform(get("/workspace/callbacks?show=done").with(agent), address).getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains(reference).doesNotContain(task.phone()).doesNotContain(marker);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(2);

        // another organization's staff: no such request
        Fixtures.Org other = fixtures.organization();
        assertThat(perform(get("/workspace/callbacks/" + task.id()).with(user(users.loadUserByUsername(other.agent().username()))),
                address).getResponse().getStatus()).isEqualTo(404);
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(2);
    }

    @Test
    void invalidFieldsComeBackWithWhatWasTyped() throws Exception {
        String marker = marker();
        MockHttpServletResponse page = perform(post("/callback").with(csrf()).param("name", "").param("phone", "12345")
                .param("date", LocalDate.now(Callbacks.HELSINKI).minusDays(1).toString()).param("window", "NIGHT")
                .param("topic", "general").param("message", "Viesti " + marker), newAddress()).getResponse();
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Error: Ask us to call you")
                .contains("<a href=\"#name\">Enter your name</a>")
                .contains("<a href=\"#phone\">Enter a Finnish phone number, for example 040 123 4567 or +358 40 123 4567</a>")
                .contains("<a href=\"#date\">The day cannot be in the past</a>")
                .contains("<a href=\"#window-MORNING\">Choose morning or afternoon</a>")
                .containsPattern("<input id=\"phone\"[^>]*aria-invalid=\"true\"")
                .contains("value=\"12345\"").contains("Viesti " + marker);
        assertThat(casesWith(marker)).isEmpty();

        MockHttpServletResponse foreign = perform(validForm(marker, Map.of("phone", "+46 70 123 45 67")), newAddress()).getResponse();
        assertThat(foreign.getStatus()).as("a Swedish number is not Finnish").isEqualTo(422);
        MockHttpServletResponse far = perform(validForm(marker, Map.of("date", LocalDate.now(Callbacks.HELSINKI).plusDays(60).toString())),
                newAddress()).getResponse();
        assertThat(far.getContentAsString(StandardCharsets.UTF_8)).contains("<a href=\"#date\">Choose a day within the next 30 days</a>");
        MockHttpServletResponse finnishDate = perform(validForm(marker, Map.of("date", "1.2.2020")), newAddress()).getResponse();
        assertThat(finnishDate.getContentAsString(StandardCharsets.UTF_8)).as("Finnish date format is understood")
                .contains("The day cannot be in the past");
        assertThat(casesWith(marker)).isEmpty();
    }

    @Test
    void aFilledHoneypotPretendsSuccessAndStoresNothing() throws Exception {
        String marker = marker();
        MvcResult posted = perform(validForm(marker, Map.of("website", "http://spam.example")), newAddress());
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/callback/sent");
        assertThat(casesWith(marker)).isEmpty();
    }

    @Test
    void theSixthRequestFromOneAddressIsRefusedWith429() throws Exception {
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(perform(validForm(marker()), address).getResponse().getStatus()).isEqualTo(302);
        }
        String marker = marker();
        MockHttpServletResponse refused = perform(validForm(marker), address).getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
                .contains("<a href=\"#send\">You have sent too many messages in a short time.")
                .contains("value=\"Kaisa Kutsu\"");
        assertThat(casesWith(marker)).isEmpty();
        assertThat(perform(validForm(marker), newAddress()).getResponse().getStatus()).as("another address").isEqualTo(302);
    }
}
