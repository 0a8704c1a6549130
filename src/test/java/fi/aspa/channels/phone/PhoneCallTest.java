package fi.aspa.channels.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Logging a phone call at /workspace/phone on the real database: the caller found by number (and the lookup in the
 * access log), the call as a PHONE case on the caller's timeline, resolved when the call settled it, open with the
 * agent for a follow-up, and a callback task when one was promised; form errors with the error summary.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneCallTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Callbacks callbacks;
    @Autowired PersonalDataLog accessLog;
    @Autowired StaffPages pages;

    Fixtures.Org org;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
    }

    RequestPostProcessor agent() {
        return pages.as(org.agent());
    }

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return pages.mvc().perform(request.header("Accept-Language", "en")).andReturn();
    }

    String page(String path) throws Exception {
        MockHttpServletResponse response = perform(get(java.net.URI.create(path)).with(agent())).getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    static String number() {
        return "040" + (1_000_000 + (int) (Math.random() * 8_999_999));
    }

    MvcResult logCall(String number, String customer, String notes, String outcome) throws Exception {
        return perform(post("/workspace/phone").with(agent()).with(csrf()).param("number", number).param("customer", customer)
                .param("name", "").param("language", "fi").param("topic", "social-health").param("notes", notes)
                .param("outcome", outcome));
    }

    CaseDetail loggedCase(MvcResult result) {
        assertThat(result.getResponse().getStatus()).as(contentOf(result)).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/workspace/phone");
        String url = (String) result.getFlashMap().get("caseUrl");
        return cases.detail(org.id(), UUID.fromString(url.substring("/workspace/cases/".length()))).orElseThrow();
    }

    static String contentOf(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCallerFoundByNumberGetsAResolvedPhoneCaseOnTheTimeline() throws Exception {
        String number = number();
        UUID known = customers.resolve(org.id(), ContactDetails.resident("Pekka Puhelias", null, number, Language.SV));
        OpenedCase earlier = fixtures.aCase(org, "Aiempi asia", "Aiemmin kysytty");
        String lookup = page("/workspace/phone?number=" + number.substring(0, 3) + "%20" + number.substring(3));
        assertThat(lookup).contains("Pekka Puhelias").contains("id=\"customer-" + known + "\"")
                .containsPattern("id=\"customer-" + known + "\"[^>]*checked")
                .contains("Number: +358" + number.substring(1));
        assertThat(lookup).doesNotContain(earlier.reference());
        assertThat(accessLog.forCustomer(org.id(), known, 5)).anySatisfy(e -> {
            assertThat(e.purpose()).isEqualTo(CallerLookup.PURPOSE);
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
        });

        CaseDetail call = loggedCase(logCall(number, known.toString(), "Kysyi kotihoidon maksuista. Neuvottiin hakemaan alennusta.", "RESOLVED"));
        assertThat(call.summary().channel()).isEqualTo(Channel.PHONE);
        assertThat(call.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(call.summary().customerId()).isEqualTo(known);
        assertThat(call.summary().assigneeId()).isEqualTo(org.agent().id());
        assertThat(call.summary().unitId()).isEqualTo(org.service().id());
        assertThat(call.summary().language()).as("the caller's own language").isEqualTo(Language.SV);
        assertThat(call.topic()).isEqualTo("social-health");
        assertThat(call.summary().subject()).isEqualTo("Social- och hälsovård: Kysyi kotihoidon maksuista. Neuvottiin hakemaan alennusta.");
        assertThat(call.messages()).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(Channel.PHONE);
            assertThat(m.body()).isEqualTo("Kysyi kotihoidon maksuista. Neuvottiin hakemaan alennusta.");
        });
        assertThat(call.history()).anySatisfy(h -> {
            assertThat(h.type()).isEqualTo("OPENED");
            assertThat(h.actorStaffId()).isEqualTo(org.agent().id());
        });
        List<TimelineEntry> timeline = cases.timeline(org.id(), known, 10);
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.caseId()).isEqualTo(call.summary().id());
            assertThat(e.channel()).isEqualTo(Channel.PHONE);
        });

        String again = page("/workspace/phone?number=%2B358" + number.substring(1));
        assertThat(again).as("the caller's recent cases, newest first").contains(call.summary().reference());
    }

    @Test
    void aNewCallerBecomesACustomerAndFollowUpStaysOpenWithTheAgent() throws Exception {
        String number = number();
        String lookup = page("/workspace/phone?number=" + number);
        assertThat(lookup).contains("No customer has this number.").containsPattern("id=\"customer-new\"[^>]*checked");

        MvcResult result = perform(post("/workspace/phone").with(agent()).with(csrf()).param("number", number)
                .param("customer", "new").param("name", "Uusi Soittaja").param("language", "en").param("topic", "general")
                .param("notes", "Wants to know the opening hours of the swimming hall.").param("outcome", "FOLLOW_UP"));
        CaseDetail call = loggedCase(result);
        assertThat(call.summary().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(call.summary().assigneeId()).isEqualTo(org.agent().id());
        assertThat(call.summary().language()).isEqualTo(Language.EN);
        Customer caller = customers.find(org.id(), call.summary().customerId()).orElseThrow();
        assertThat(caller.name()).isEqualTo("Uusi Soittaja");
        assertThat(caller.phone()).isEqualTo("+358" + number.substring(1));
        assertThat(customers.findByContact(org.id(), number)).containsExactly(caller.id());
        assertThat((String) result.getFlashMap().get("notice")).contains(call.summary().reference()).contains("follow-up");
    }

    @Test
    void aPromisedCallbackGoesToTheCallbackQueue() throws Exception {
        String number = number();
        // the call is promised for the day it is logged: that day is between these two, also when midnight passes meanwhile
        java.time.LocalDate before = java.time.LocalDate.now(Callbacks.HELSINKI);
        CaseDetail call = loggedCase(logCall(number, "new", "Soitetaan takaisin, kun päätös on valmis.", "CALLBACK"));
        java.time.LocalDate after = java.time.LocalDate.now(Callbacks.HELSINKI);
        assertThat(call.summary().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(call.summary().tags()).containsExactly("callback");
        assertThat(callbacks.list(org.id(), false, 100)).anySatisfy(t -> {
            assertThat(t.caseId()).isEqualTo(call.summary().id());
            assertThat(t.phone()).isEqualTo("+358" + number.substring(1));
            assertThat(t.date()).isBetween(before, after);
        });
        UUID task = callbacks.list(org.id(), false, 100).stream().filter(t -> t.caseId().equals(call.summary().id())).findFirst()
                .orElseThrow().id();
        assertThat(page("/workspace/callbacks")).contains(call.summary().reference()).contains("/workspace/callbacks/" + task);
        assertThat(page("/workspace/callbacks/" + task)).contains("tel:+358" + number.substring(1));
    }

    @Test
    void aFormFilledWronglyComesBackWithTheErrorSummary() throws Exception {
        String number = number();
        UUID someoneElse = customers.resolve(org.id(), ContactDetails.resident("Toinen Asiakas", null, number(), Language.FI));
        MockHttpServletResponse page = perform(post("/workspace/phone").with(agent()).with(csrf()).param("number", number)
                .param("customer", someoneElse.toString()).param("topic", "nonsense").param("notes", "  ")
                .param("outcome", "")).getResponse();
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Error: Log a phone call")
                .contains("<a href=\"#customer-new\">Choose the caller, or New customer</a>")
                .contains("<a href=\"#topic\">Choose a topic</a>")
                .contains("<a href=\"#notes\">Write what the call was about</a>")
                .contains("<a href=\"#outcome-RESOLVED\">Choose the outcome of the call</a>")
                .containsPattern("<textarea id=\"notes\"[^>]*aria-invalid=\"true\"");

        MockHttpServletResponse noNumber = perform(post("/workspace/phone").with(agent()).with(csrf()).param("number", "")
                .param("customer", "new").param("name", "").param("language", "fi").param("topic", "general")
                .param("notes", "Soittaja ei kertonut nimeään").param("outcome", "CALLBACK")).getResponse();
        assertThat(noNumber.getStatus()).isEqualTo(422);
        assertThat(noNumber.getContentAsString(StandardCharsets.UTF_8))
                .contains("<a href=\"#name\">Give the name of the new customer, or find the caller by number first</a>")
                .contains("<a href=\"#outcome-RESOLVED\">A callback needs the caller’s number");

        assertThat(perform(get("/workspace/phone?number=abc").with(agent())).getResponse().getStatus()).isEqualTo(422);
        List<CaseSummary> none = cases.list(org.id(), CaseFilter.all().withText("Soittaja ei kertonut"), CaseSort.CREATED_DESC, 0, 5).items();
        assertThat(none).isEmpty();
    }

    @Test
    void onlyStaffLogCalls() throws Exception {
        assertThat(perform(get("/workspace/phone")).getResponse().getStatus()).isEqualTo(302);
        assertThat(perform(post("/workspace/phone").with(agent())).getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }
}
