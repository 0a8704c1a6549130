package fi.aspa.channels.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
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

    OpenedCase openCase(UUID customer, String subject) {
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, subject, "Kysymys rakennusluvasta.", Language.FI,
                null, org.building().id(), null, Set.of(), List.of(), Actor.customer()));
    }

    MvcResult logCallTo(String number, UUID customer, String target, String notes, String outcome) throws Exception {
        MockHttpServletRequestBuilder post = post("/workspace/phone").with(agent()).with(csrf()).param("number", number)
                .param("customer", customer == null ? "new" : customer.toString()).param("name", "").param("language", "fi")
                .param("topic", "general").param("notes", notes).param("outcome", outcome);
        if (target != null) post.param("case", target);
        return perform(post);
    }

    long casesOf(UUID customer) {
        return cases.list(org.id(), CaseFilter.all().withCustomer(customer), CaseSort.CREATED_DESC, 0, 50).items().size();
    }

    @Test
    void aCallAboutTheCallersOpenCaseIsAddedToThatCaseForItsHandler() throws Exception {
        String number = number();
        UUID caller = customers.resolve(org.id(), ContactDetails.resident("Rakentaja Rauha", null, number, Language.FI));
        OpenedCase permit = openCase(caller, "Rakennuslupa");
        Actor colleague = Actor.staff(org.colleague().id());
        cases.assign(org.id(), permit.id(), colleague, org.colleague().id());
        cases.changeStatus(org.id(), permit.id(), colleague, CaseStatus.OPEN);
        cases.changeStatus(org.id(), permit.id(), colleague, CaseStatus.WAITING);
        OpenedCase done = openCase(caller, "Vanha asia");
        cases.changeStatus(org.id(), done.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);

        String lookup = page("/workspace/phone?number=" + number);
        assertThat(lookup).contains("<legend>What is the call about?</legend>")
                .containsPattern("<input type=\"radio\" name=\"case\" id=\"case-" + permit.id() + "\" value=\"" + permit.id() + "\"")
                .contains("Add to " + permit.reference() + " (Rakennuslupa, Waiting for the customer)")
                .as("a resolved case is not offered").doesNotContain("id=\"case-" + done.id() + "\"")
                .as("with an open case nothing is chosen for the agent").doesNotContainPattern("id=\"case-[^\"]*\"[^>]*checked");

        MvcResult unchosen = logCallTo(number, caller, null, "Kysyi luvan käsittelyajasta.", "FOLLOW_UP");
        assertThat(unchosen.getResponse().getStatus()).isEqualTo(422);
        assertThat(contentOf(unchosen)).contains("<a href=\"#case-new\">Choose the open case the call is about, or New case</a>");

        MvcResult result = logCallTo(number, caller, permit.id().toString(), "Kysyi luvan käsittelyajasta.", "FOLLOW_UP");
        CaseDetail added = loggedCase(result);
        assertThat(added.summary().id()).isEqualTo(permit.id());
        assertThat((String) result.getFlashMap().get("notice")).isEqualTo("The call was added to case " + permit.reference()
                + ", which stays open for follow-up.");
        assertThat(added.messages()).hasSize(2).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(fi.aspa.cases.MessageKind.INBOUND);
            assertThat(m.channel()).isEqualTo(Channel.PHONE);
            assertThat(m.body()).isEqualTo("Kysyi luvan käsittelyajasta.");
            assertThat(m.authorStaffId()).as("the agent who wrote the call down").isEqualTo(org.agent().id());
        });
        assertThat(added.history()).filteredOn(e -> e.type().equals("CUSTOMER_MESSAGE")).last()
                .satisfies(e -> assertThat(e.actorStaffId()).isEqualTo(org.agent().id()));
        assertThat(added.summary().status()).as("the caller's message reopens the waiting case").isEqualTo(CaseStatus.OPEN);
        assertThat(added.summary().assigneeId()).as("the handler keeps the case").isEqualTo(org.colleague().id());
        assertThat(added.summary().unitId()).isEqualTo(org.building().id());
        assertThat(casesOf(caller)).as("no new PHONE case").isEqualTo(2);

        MvcResult resolveTheirs = logCallTo(number, caller, permit.id().toString(), "Kiitti.", "RESOLVED");
        assertThat(resolveTheirs.getResponse().getStatus()).isEqualTo(422);
        assertThat(contentOf(resolveTheirs)).contains("<a href=\"#outcome-RESOLVED\">Someone else handles this case");
        assertThat(cases.detail(org.id(), permit.id()).orElseThrow().messages()).as("nothing written").hasSize(2);
        assertThat(cases.summary(org.id(), permit.id()).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);

        MvcResult callback = logCallTo(number, caller, permit.id().toString(), "Soitetaan, kun lupa on käsitelty.", "CALLBACK");
        CaseDetail promised = loggedCase(callback);
        assertThat(promised.summary().id()).isEqualTo(permit.id());
        assertThat(promised.summary().tags()).contains("callback");
        assertThat(promised.summary().assigneeId()).isEqualTo(org.colleague().id());
        assertThat(callbacks.list(org.id(), false, 500)).anySatisfy(t -> {
            assertThat(t.caseId()).isEqualTo(permit.id());
            assertThat(t.phone()).isEqualTo("+358" + number.substring(1));
        });

        CaseDetail fresh = loggedCase(logCallTo(number, caller, "new", "Eri asia: koiran rekisteröinti.", "RESOLVED"));
        assertThat(fresh.summary().id()).isNotEqualTo(permit.id());
        assertThat(fresh.summary().channel()).isEqualTo(Channel.PHONE);
        assertThat(fresh.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(casesOf(caller)).isEqualTo(3);
        assertThat(cases.summary(org.id(), permit.id()).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void resolvedOnTheCallResolvesTheCallersUnassignedCaseAndTheAgentTakesIt() throws Exception {
        String number = number();
        UUID caller = customers.resolve(org.id(), ContactDetails.resident("Kysyjä Kaisa", null, number, Language.FI));
        OpenedCase question = openCase(caller, "Jätemaksu");
        CaseDetail resolved = loggedCase(logCallTo(number, caller, question.id().toString(), "Vastattu puhelimessa.", "RESOLVED"));
        assertThat(resolved.summary().id()).isEqualTo(question.id());
        assertThat(resolved.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(resolved.summary().assigneeId()).isEqualTo(org.agent().id());
        assertThat(resolved.messages()).hasSize(2);
        assertThat(casesOf(caller)).isEqualTo(1);
    }

    @Test
    void onlyAnOpenCaseOfTheChosenCallerCanTakeTheCall() throws Exception {
        String number = number();
        UUID caller = customers.resolve(org.id(), ContactDetails.resident("Varovainen Ville", null, number, Language.FI));
        OpenedCase own = openCase(caller, "Oma asia");
        OpenedCase someoneElses = fixtures.aCase(org, "Toisen asia", "Ei tämän soittajan");
        Fixtures.Org other = fixtures.organization();
        OpenedCase otherOrgs = fixtures.aCase(other, "Toisen organisaation asia", "Ei tämän organisaation");
        OpenedCase closed = openCase(caller, "Suljettu asia");
        cases.changeStatus(org.id(), closed.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);

        for (String tampered : List.of(someoneElses.id().toString(), otherOrgs.id().toString(), closed.id().toString(),
                UUID.randomUUID().toString(), "not-a-case")) {
            MvcResult result = logCallTo(number, caller, tampered, "Yritys lisätä väärään asiaan.", "FOLLOW_UP");
            assertThat(result.getResponse().getStatus()).as(tampered).isEqualTo(422);
            assertThat(contentOf(result)).as(tampered)
                    .contains("<a href=\"#case-new\">The call can be added only to an open case of the chosen caller");
        }
        MvcResult newCustomer = logCallTo(number, null, own.id().toString(), "Uusi asiakas ja vanha asia.", "FOLLOW_UP");
        assertThat(newCustomer.getResponse().getStatus()).isEqualTo(422);
        assertThat(contentOf(newCustomer)).contains("<a href=\"#case-new\">The call can be added only to an open case");
        assertThat(cases.detail(org.id(), someoneElses.id()).orElseThrow().messages()).hasSize(1);
        assertThat(cases.detail(other.id(), otherOrgs.id()).orElseThrow().messages()).hasSize(1);
        assertThat(cases.detail(org.id(), own.id()).orElseThrow().messages()).hasSize(1);
        assertThat(casesOf(caller)).isEqualTo(2);
    }

    @Test
    void onlyStaffLogCalls() throws Exception {
        assertThat(perform(get("/workspace/phone")).getResponse().getStatus()).isEqualTo(302);
        assertThat(perform(post("/workspace/phone").with(agent())).getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }
}
