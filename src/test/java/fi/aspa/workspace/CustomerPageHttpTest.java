package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
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
 * The customer page, the merge confirmation and the verification of contacts over HTTP (with Spring Security's
 * filters): what the pages show and log, the duplicate suggestion in the case view, the merge and its errors, the
 * tombstone's redirect, and the walls (CSRF, another organization).
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerPageHttpTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired PersonalDataLog accessLog;
    @Autowired StaffPages pages;

    Fixtures.Org org;
    Fixtures.Org other;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        other = fixtures.organization();
    }

    RequestPostProcessor agent() {
        return pages.as(org.agent());
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request);
    }

    String page(String path) throws Exception {
        return pages.page(org.agent(), path);
    }

    static String email() {
        return "k" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
    }

    UUID resident(String name, String email, String phone) {
        return customers.resolve(org.id(), ContactDetails.resident(name, email, phone, Language.FI));
    }

    OpenedCase open(UUID customer, Channel channel, String subject) {
        return cases.open(org.id(), new NewCase(channel, customer, subject, "Viesti: " + subject, Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer()));
    }

    @Test
    void theCaseViewSuggestsTheDuplicateAndTheCustomerPageShowsEverythingLogged() throws Exception {
        String mail = email();
        UUID web = resident("Kaisa Kaksoinen", mail, null);
        UUID chat = resident("Kaisa K.", mail, "040 765 4321");
        OpenedCase webCase = open(web, Channel.WEB_FORM, "Lomakeasia");
        OpenedCase chatCase = open(chat, Channel.CHAT, "Chattiasia");

        String casePage = page("/workspace/cases/" + webCase.id());
        assertThat(casePage).contains("id=\"customer-duplicates\"").contains("Kaisa K.").contains("sama sähköpostiosoite")
                .contains("/workspace/customers/" + web + "/merge?from=" + chat)
                .contains("href=\"/workspace/customers/" + web + "\"");

        String customerPage = page("/workspace/customers/" + web);
        assertThat(customerPage).contains("<title>Asiakas: Kaisa Kaksoinen").contains(mail).contains("Vahvistamaton")
                .contains("Lomakeasia").contains(webCase.reference()).contains("Verkkolomake")
                .contains("class=\"channel-icon\"").contains("aria-hidden=\"true\"")
                .contains("Kaisa K.").doesNotContain("Chattiasia");
        assertThat(accessLog.forCustomer(org.id(), web, 10)).anySatisfy(e -> {
            assertThat(e.purpose()).isEqualTo(CustomerController.PURPOSE_PAGE);
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
        });

        String review = page("/workspace/customers/" + web + "/merge?from=" + chat);
        assertThat(review).contains("Kaisa Kaksoinen").contains("Kaisa K.").contains("+358407654321").contains("sama sähköpostiosoite")
                .contains("name=\"from\" value=\"" + chat + "\"");
        assertThat(accessLog.forCustomer(org.id(), chat, 10)).anySatisfy(e ->
                assertThat(e.purpose()).isEqualTo(CustomerController.PURPOSE_MERGE_REVIEW));

        MockHttpServletResponse merged = send(post("/workspace/customers/" + web + "/merge").with(agent()).with(csrf())
                .param("from", chat.toString()).param("reason", "Sama sähköposti, asiakas vahvisti puhelimessa"));
        assertThat(merged.getStatus()).isEqualTo(302);
        assertThat(merged.getRedirectedUrl()).isEqualTo("/workspace/customers/" + web);
        assertThat(cases.summary(org.id(), chatCase.id()).orElseThrow().customerId()).isEqualTo(web);

        String after = page("/workspace/customers/" + web);
        assertThat(after).contains("Chattiasia").contains("Lomakeasia").contains("Chat").contains("Verkkolomake")
                .contains("Sama sähköposti, asiakas vahvisti puhelimessa").contains(org.agent().displayName())
                .contains("yhdisti asiakkaan Kaisa K. tähän asiakkaaseen");
        MockHttpServletResponse tombstone = send(get("/workspace/customers/" + chat).with(agent()));
        assertThat(tombstone.getStatus()).isEqualTo(302);
        assertThat(tombstone.getRedirectedUrl()).isEqualTo("/workspace/customers/" + web + "?merged=" + chat);
        assertThat(page(tombstone.getRedirectedUrl())).contains("id=\"merged-notice\"");
        assertThat(page("/workspace/cases/" + chatCase.id())).contains("Asiakkaat yhdistettiin").doesNotContain("id=\"customer-duplicates\"");
    }

    @Test
    void aMergeWithoutAReasonOrWithConflictingIdentityCodesComesBackWithTheErrorSummary() throws Exception {
        UUID a = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Heikki Hetu", null, null, "131052-308T",
                null, null, Language.FI, true));
        UUID b = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Heikki Hetu", null, null, "010181-900C",
                null, null, Language.FI, true));
        UUID c = resident("Heikki Hetu", email(), null);
        MockHttpServletResponse noReason = send(post("/workspace/customers/" + a + "/merge").with(agent()).with(csrf())
                .param("from", c.toString()).param("reason", " "));
        assertThat(noReason.getStatus()).isEqualTo(422);
        String body = noReason.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("<title>Virhe:").contains("href=\"#merge-reason\"").contains("aria-invalid=\"true\"")
                .contains("Kirjoita, miksi asiakkaat yhdistetään.");

        MockHttpServletResponse conflict = send(post("/workspace/customers/" + a + "/merge").with(agent()).with(csrf())
                .param("from", b.toString()).param("reason", "sama nimi"));
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Virhe:")
                .contains("Asiakkailla on eri henkilötunnukset").contains("href=\"#merge-submit\"")
                .doesNotContain("131052-308T").doesNotContain("010181-900C");
        assertThat(customers.current(org.id(), b)).contains(b);
        assertThat(customers.current(org.id(), c)).contains(c);
    }

    @Test
    void aMergeThatSomeoneElseAlreadyDidLeadsToTheSurvivorWithAMessage() throws Exception {
        String mail = email();
        UUID a = resident("Kilpa A", mail, null);
        UUID b = resident("Kilpa B", mail, null);
        customers.merge(org.id(), org.manager().id(), a, b, "Toinen virkailija ehti ensin");
        MvcResult late = pages.mvc().perform(post("/workspace/customers/" + b + "/merge").with(agent()).with(csrf())
                .param("from", a.toString()).param("reason", "sama").header("Accept-Language", "fi")).andReturn();
        assertThat(late.getResponse().getStatus()).isEqualTo(302);
        assertThat(late.getResponse().getRedirectedUrl()).isEqualTo("/workspace/customers/" + a);
        assertThat(late.getFlashMap().get("problem")).isEqualTo("Toinen asiakkaista on jo yhdistetty toiseen asiakkaaseen.");
        assertThat(customers.current(org.id(), a)).contains(a);
    }

    @Test
    void anAgentVerifiesAndUnverifiesAContactWithAnAuditLine() throws Exception {
        String mail = email();
        UUID customer = resident("Veera Vahvistus", mail, null);
        MockHttpServletResponse verified = send(post("/workspace/customers/" + customer + "/contacts").with(agent()).with(csrf())
                .param("kind", "EMAIL").param("value", mail).param("verified", "true"));
        assertThat(verified.getStatus()).isEqualTo(302);
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isTrue());
        String page = page("/workspace/customers/" + customer);
        assertThat(page).contains("Vahvistettu").contains("Poista yhteystiedon " + mail + " vahvistus")
                .contains(mail + ": vahvistettu").contains(org.agent().displayName());

        UUID someoneElse = resident("Joku Muu", mail, null);
        MockHttpServletResponse refused = send(post("/workspace/customers/" + someoneElse + "/contacts").with(agent()).with(csrf())
                .param("kind", "EMAIL").param("value", mail).param("verified", "true"));
        assertThat(refused.getStatus()).isEqualTo(302);
        assertThat(customers.find(org.id(), someoneElse).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isFalse());

        assertThat(send(post("/workspace/customers/" + customer + "/contacts").with(agent()).with(csrf())
                .param("kind", "EMAIL").param("value", "nobody@example.fi").param("verified", "true")).getStatus()).isEqualTo(404);
    }

    @Test
    void withoutACsrfTokenNothingIsMergedOrVerified() throws Exception {
        String mail = email();
        UUID a = resident("Csrf A", mail, null);
        UUID b = resident("Csrf B", mail, null);
        assertThat(send(post("/workspace/customers/" + a + "/merge").with(agent()).param("from", b.toString())
                .param("reason", "x")).getStatus()).isEqualTo(403);
        assertThat(send(post("/workspace/customers/" + a + "/contacts").with(agent()).param("kind", "EMAIL")
                .param("value", mail).param("verified", "true")).getStatus()).isEqualTo(403);
        assertThat(customers.current(org.id(), b)).contains(b);
        assertThat(customers.find(org.id(), a).orElseThrow().contactPoints()).allSatisfy(p -> assertThat(p.verified()).isFalse());
        assertThat(send(get("/workspace/customers/" + a)).getStatus()).as("anonymous").isIn(302, 401);
    }

    long pageViews(UUID customer) {
        return accessLog.forCustomer(org.id(), customer, 10_000).stream()
                .filter(e -> e.purpose().equals(CustomerController.PURPOSE_PAGE)).count();
    }

    static int items(String html) {
        return html.split("class=\"timeline__item", -1).length - 1;
    }

    static String olderLink(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"timeline-older\" href=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("an Older messages link").isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void aLongConversationDoesNotHideTheOtherCasesTheOlderMessagesAreAPlainLinkAway() throws Exception {
        UUID busy = resident("Pitkä Keskustelija", email(), null);
        OpenedCase permit = open(busy, Channel.WEB_FORM, "Vanha lupa-asia");
        OpenedCase chat = open(busy, Channel.CHAT, "Pitkä chat");
        int size = CustomerController.TIMELINE_LENGTH;
        for (int i = 1; i <= size; i++) {
            cases.addCustomerMessage(org.id(), chat.id(), "Chat-rivi " + i, Channel.CHAT, List.of());
        }

        long viewsBefore = pageViews(busy);
        String newest = page("/workspace/customers/" + busy);
        assertThat(items(newest)).isEqualTo(size);
        assertThat(newest).contains("Näytetään " + size + " uusinta viestiä. Vanhemmat ovat seuraavalla sivulla.")
                .contains("Chat-rivi " + size + "<").as("the permit case is on an older page").doesNotContain(permit.reference());
        String older = olderLink(newest);
        assertThat(older).startsWith("/workspace/customers/" + busy + "?before=").endsWith("#timeline");

        String second = page(older.substring(0, older.indexOf('#')));
        assertThat(items(second)).as("the two oldest messages, neither repeated nor skipped").isEqualTo(2);
        assertThat(second).contains(permit.reference()).contains("Viesti: Vanha lupa-asia").contains("Viesti: Pitkä chat")
                .doesNotContain("Chat-rivi 1<").contains("Näytetään 2 vanhempaa viestiä.")
                .doesNotContain("id=\"timeline-older\"")
                .contains("id=\"timeline-newest\" href=\"/workspace/customers/" + busy + "#timeline\"");
        assertThat(pageViews(busy)).as("each page, the older one too, is a logged view").isEqualTo(viewsBefore + 2);

        String casePage = page("/workspace/cases/" + chat.id());
        assertThat(casePage).contains("Näytetään " + CaseViews.TIMELINE_LENGTH + " uusinta viestiä.")
                .contains("Vanhemmat viestit asiakkaan sivulla");
        assertThat(olderLink(casePage)).startsWith("/workspace/customers/" + busy + "?before=");

        UUID quiet = resident("Hiljainen Asiakas", email(), null);
        open(quiet, Channel.WEB_FORM, "Yksi asia");
        String few = page("/workspace/customers/" + quiet);
        assertThat(few).contains("Yksi asia").doesNotContain("id=\"timeline-older\"").doesNotContain("id=\"timeline-paging\"");

        assertThat(send(get("/workspace/customers/" + busy + "?before=not-a-position").with(agent())).getStatus()).isEqualTo(422);
    }

    @Test
    void theMergeReviewCountsEveryCaseHoweverLongTheNewestConversation() throws Exception {
        String mail = email();
        UUID into = resident("Laskettava Asiakas", mail, null);
        UUID from = resident("Laskettava A.", mail, null);
        open(into, Channel.WEB_FORM, "Ensimmäinen asia");
        OpenedCase chat = open(into, Channel.CHAT, "Valtava chat");
        for (int i = 1; i <= 1000; i++) {
            cases.addCustomerMessage(org.id(), chat.id(), "Rivi " + i, Channel.CHAT, List.of());
        }
        open(from, Channel.EMAIL, "Toisen asia");
        String review = page("/workspace/customers/" + into + "/merge?from=" + from);
        assertThat(review).containsSubsequence("Laskettava Asiakas", "<dt>Asioita</dt><dd>2</dd>", "Laskettava A.",
                "<dt>Asioita</dt><dd>1</dd>");
    }

    @Test
    void anotherOrganizationsCustomersAreNotFound() throws Exception {
        UUID mine = resident("Oma Asiakas", email(), null);
        UUID theirs = customers.resolve(other.id(), ContactDetails.resident("Vieras Asiakas", email(), null, Language.FI));
        assertThat(send(get("/workspace/customers/" + theirs).with(agent())).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/customers/" + mine + "/merge?from=" + theirs).with(agent())).getStatus()).isEqualTo(404);
        assertThat(send(post("/workspace/customers/" + mine + "/merge").with(agent()).with(csrf())
                .param("from", theirs.toString()).param("reason", "x")).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/customers/not-a-uuid").with(agent())).getStatus()).isEqualTo(404);
        assertThat(customers.current(other.id(), theirs)).contains(theirs);
    }
}
