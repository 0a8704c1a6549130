package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.Priority;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The workspace over HTTP (MockMvc on the whole application, with Spring Security's filters): queues and
 * filters, the case page and its access log, every action and its history, and the walls (another
 * organization, CSRF, anonymous users, escaping).
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceHttpTest {
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

    MockHttpServletResponse act(OpenedCase c, String action, String... params) throws Exception {
        MockHttpServletRequestBuilder request = post("/workspace/cases/" + c.id() + "/" + action).with(agent()).with(csrf());
        for (int i = 0; i < params.length; i += 2) request.param(params[i], params[i + 1]);
        return send(request);
    }

    OpenedCase caseIn(UUID unit, String subject) {
        OpenedCase c = fixtures.aCase(org, subject, "Viesti: " + subject);
        if (!unit.equals(org.service().id())) cases.transfer(org.id(), c.id(), Actor.system(), unit, null);
        return c;
    }

    @Test
    void queuesShowMineMyUnitUnassignedAndAll() throws Exception {
        OpenedCase unitFree = caseIn(org.service().id(), "Jonotesti vapaa");
        OpenedCase unitMine = caseIn(org.service().id(), "Jonotesti oma");
        cases.assign(org.id(), unitMine.id(), Actor.system(), org.agent().id());
        OpenedCase otherFree = caseIn(org.building().id(), "Jonotesti rakennus");
        OpenedCase otherTaken = caseIn(org.building().id(), "Jonotesti kollega");
        cases.assign(org.id(), otherTaken.id(), Actor.system(), org.colleague().id());

        assertThat(page("/workspace?queue=mine")).contains(unitMine.reference())
                .doesNotContain(unitFree.reference(), otherFree.reference(), otherTaken.reference());
        assertThat(page("/workspace?queue=unit")).contains(unitMine.reference(), unitFree.reference())
                .doesNotContain(otherFree.reference(), otherTaken.reference());
        assertThat(page("/workspace")).as("the default queue is my unit")
                .contains(unitMine.reference(), unitFree.reference()).doesNotContain(otherFree.reference());
        assertThat(page("/workspace?queue=unassigned")).contains(unitFree.reference(), otherFree.reference())
                .doesNotContain(unitMine.reference(), otherTaken.reference());
        assertThat(page("/workspace?queue=all")).contains(unitFree.reference(), unitMine.reference(),
                otherFree.reference(), otherTaken.reference());
        assertThat(page("/workspace?queue=all&f=1&unit=" + org.building().id()))
                .contains(otherFree.reference(), otherTaken.reference()).doesNotContain(unitFree.reference());
    }

    @Test
    void filtersNarrowTheQueue() throws Exception {
        OpenedCase findMe = fixtures.aCase(org, "Lumitöiden laiminlyönti", "Katu on aurattu huonosti: sahramikukka");
        OpenedCase notMe = fixtures.aCase(org, "Puistonpenkki rikki", "Penkki on rikki");
        OpenedCase resolved = fixtures.aCase(org, "Ratkaistu suodatintesti", "Valmis jo");
        cases.changeStatus(org.id(), resolved.id(), Actor.system(), CaseStatus.RESOLVED);
        cases.setTags(org.id(), notMe.id(), Actor.system(), Set.of("puistot"));
        cases.setPriority(org.id(), notMe.id(), Actor.system(), Priority.URGENT);

        assertThat(page("/workspace?queue=all&q=sahramikukka")).contains(findMe.reference()).doesNotContain(notMe.reference());
        assertThat(page("/workspace?queue=all&q=" + findMe.reference())).contains(findMe.reference()).doesNotContain(notMe.reference());
        assertThat(page("/workspace?queue=all&tag=puistot")).contains(notMe.reference()).doesNotContain(findMe.reference());
        assertThat(page("/workspace?queue=all&priority=URGENT")).contains(notMe.reference()).doesNotContain(findMe.reference());
        assertThat(page("/workspace?queue=all&channel=EMAIL")).doesNotContain(findMe.reference(), notMe.reference());
        assertThat(page("/workspace?queue=all")).as("open work by default").doesNotContain(resolved.reference());
        assertThat(page("/workspace?queue=all&f=1&status=RESOLVED")).contains(resolved.reference()).doesNotContain(findMe.reference());
        assertThat(page("/workspace?queue=all&f=1")).as("no status ticked in a submitted form: every status")
                .contains(resolved.reference(), findMe.reference());
        assertThat(page("/workspace?queue=all&from=2000-01-01&to=2000-12-31")).doesNotContain(findMe.reference());
        assertThat(page("/workspace?queue=all&from=2000-01-01")).contains(findMe.reference());
    }

    @Test
    void badFilterValuesAreIgnoredWithANote() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Huonot suodattimet", "Viesti");
        String html = page("/workspace?queue=nope&status=BOGUS&channel=FAX&priority=MEGA&unit=not-a-uuid&from=2026-13-45"
                + "&to=yesterday&sort=RANDOM&page=-3&tag=" + "x".repeat(60));
        assertThat(html).contains("ohitettiin", "<li>Tila</li>", "<li>Kanava</li>", "<li>Kiireellisyys</li>",
                "<li>Yksikkö</li>", "<li>Luotu alkaen</li>", "<li>Luotu viimeistään</li>", "<li>Järjestys</li>",
                "<li>Sivu</li>", "<li>Jono</li>", "<li>Tunniste</li>");
        assertThat(html).as("falls back to the default queue and open work").contains(c.reference());
        assertThat(page("/workspace?queue=all&f=1&unit=" + other.service().id()))
                .as("another organization's unit is not a filter here").contains("<li>Yksikkö</li>", c.reference());
        assertThat(page("/workspace?queue=all&page=999")).contains("Näillä ehdoilla ei löytynyt asioita.");
        MockHttpServletResponse nul = pages.send(org.agent(), get("/workspace").param("queue", "all").param("f", "1").param("q", "Huonot\u0000suodattimet").param("tag", "a\u0001b"));
        assertThat(nul.getStatus()).as("a control character (the database refuses a NUL) is no server error").isEqualTo(200);
        assertThat(nul.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).as("the search is left out, with a note")
                .contains("<li>Haku</li>", "<li>Tunniste</li>", c.reference());
    }

    @Test
    void pagesGoOnWithPreviousAndNextLinks() throws Exception {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Paula Paljon", null, null, Language.FI));
        for (int i = 0; i < QueueQuery.PAGE_SIZE + 1; i++) {
            cases.open(org.id(), new NewCase(Channel.API, customer, "Sivutusasia " + i, "Viesti " + i, Language.FI, null,
                    org.service().id(), null, Set.of("sivutus"), List.of(), Actor.api()));
        }
        String first = page("/workspace?queue=all&tag=sivutus");
        assertThat(first.split("<td><a href=\"/workspace/cases/", -1)).hasSize(QueueQuery.PAGE_SIZE + 1);
        assertThat(first).contains("rel=\"next\"", "page=2").doesNotContain("rel=\"prev\"");
        String second = page("/workspace?queue=all&f=1&status=NEW&tag=sivutus&sort=CREATED_ASC&page=2");
        assertThat(second.split("<td><a href=\"/workspace/cases/", -1)).hasSize(2);
        assertThat(second).contains("rel=\"prev\"", "Sivutusasia 50").doesNotContain("rel=\"next\"");
    }

    @Test
    void htmxGetsTheResultsOnly() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Htmx-osa", "Viesti");
        MockHttpServletResponse response = send(get("/workspace?queue=all").header("HX-Request", "true").with(agent()));
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains(c.reference(), "id=\"queue-results\"", "hx-swap-oob").doesNotContain("<html", "<form");
        assertThat(response.getHeaders("Vary")).contains("HX-Request");
        assertThat(send(get("/workspace?queue=all").header("HX-Request", "true").header("HX-History-Restore-Request", "true")
                .with(agent())).getContentAsString(StandardCharsets.UTF_8)).as("a history restore gets the whole page").contains("<html");
    }

    @Test
    void queuePageShowsNamesButNoIdentityCodes() throws Exception {
        UUID customer = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Henna Hetullinen", null, null,
                "010180-1232", null, null, Language.FI, true));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Hetun piilotus", "Viesti", Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        int before = accessLog.forCustomer(org.id(), customer, 100).size();
        String html = page("/workspace?queue=all");
        assertThat(html).contains(c.reference(), "Henna Hetullinen").doesNotContain("010180");
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).as("a name in a list is not logged").hasSize(before);
    }

    @Test
    void aCustomerWithoutANameIsSaidToHaveGivenNone() throws Exception {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("", null, null, Language.FI));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Nimetön palaute", "Moite", Language.FI,
                "feedback-complaint", org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        assertThat(page("/workspace?queue=all")).contains(c.reference(), "(nimeä ei annettu)");
        assertThat(page("/workspace/cases/" + c.id())).contains("<dd>(nimeä ei annettu)</dd>", "Palaute: moite");
        assertThat(page("/workspace/customers/" + customer)).contains("(nimeä ei annettu)");
        assertThat(pages.in("sv").page(org.agent(), "/workspace/cases/" + c.id())).contains("(inget namn angivet)", "Respons: klagomål");
    }

    @Test
    void viewingACaseWritesExactlyOneAccessLogEntry() throws Exception {
        UUID customer = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Lauri Lokitettu", "lauri@example.fi",
                null, null, null, null, Language.SV, true));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.EMAIL, customer, "Lokitesti", "Hej", Language.SV,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).isEmpty();

        String html = page("/workspace/cases/" + c.id());
        List<PersonalDataLog.Entry> log = accessLog.forCustomer(org.id(), customer, 100);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().staffUserId()).isEqualTo(org.agent().id());
        assertThat(log.getFirst().purpose()).isEqualTo("case-handling");
        assertThat(html).contains("Lauri Lokitettu", "lauri@example.fi", "Asiakkaan kieli:", "svenska", "Sähköposti");

        page("/workspace/cases/" + c.id());
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).hasSize(2);
    }

    @Test
    void theCustomersWordsAreMarkedWithTheCasesLanguageAndNotesAreNot() throws Exception {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Sara Svensson", "sara@example.fi", null, Language.SV));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Bygglov", "Behöver jag bygglov för en altan?",
                Language.SV, null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        cases.addNote(org.id(), c.id(), Actor.staff(org.agent().id()), "Kysyy terassin luvasta.");

        String html = page("/workspace/cases/" + c.id());
        assertThat(html).as("a Finnish page reads the Swedish message in Swedish")
                .contains("<div class=\"message__body\" lang=\"sv\">Behöver jag bygglov för en altan?</div>")
                .contains("<div class=\"message__body\">Kysyy terassin luvasta.</div>");
    }

    @Test
    void theCaseAndTheQueueWriteTimesInThePageLanguage() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Aikaleimatesti", "Milloin tämä tuli?");
        Pattern time = Pattern.compile("<time datetime=\"([^\"]+)\">([^<]+)</time>");
        for (String[] language : new String[][] {
                {"fi", "\\d{1,2}\\.\\d{1,2}\\.\\d{4} \\d{1,2}\\.\\d{2}"},
                {"sv", "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"},
                {"en", "\\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2}"}}) {
            Locale locale = Locale.forLanguageTag(language[0]);
            for (String path : List.of("/workspace/cases/" + c.id(), "/workspace?queue=all&q=Aikaleimatesti")) {
                Matcher found = time.matcher(pages.in(language[0]).page(org.agent(), path));
                assertThat(found.find()).as(path + " " + language[0]).isTrue();
                assertThat(found.group(1)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0[23]:00");
                assertThat(found.group(2)).as(path + " " + language[0]).matches(language[1])
                        .isEqualTo(DateTimes.dateTime(OffsetDateTime.parse(found.group(1)), locale));
            }
        }
    }

    @Test
    void showingTheFullIdentityCodeIsLoggedSeparately() throws Exception {
        UUID customer = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Hilkka Hetu", null, null,
                "131052-308T", null, null, Language.FI, true));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.PHONE, customer, "Hetunäyttö", "Soitto", Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        assertThat(page("/workspace/cases/" + c.id())).contains("131052*****").doesNotContain("131052-308T");

        MockHttpServletResponse response = act(c, "customer/personal-id");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("131052-308T");
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).extracting(PersonalDataLog.Entry::purpose)
                .containsExactlyInAnyOrder("case-handling", "show-personal-id");
    }

    @Test
    void anotherOrganizationsCaseIsNotFound() throws Exception {
        OpenedCase theirs = fixtures.aCase(other, "Toisen organisaation asia", "Salainen");
        UUID customer = cases.summary(other.id(), theirs.id()).orElseThrow().customerId();
        assertThat(send(get("/workspace/cases/" + theirs.id()).with(agent())).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/cases/" + UUID.randomUUID()).with(agent())).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/cases/not-a-uuid").with(agent())).getStatus()).isEqualTo(404);
        assertThat(act(theirs, "notes", "body", "Yritys").getStatus()).isEqualTo(404);
        assertThat(act(theirs, "status", "to", "OPEN").getStatus()).isEqualTo(404);
        assertThat(page("/workspace?queue=all&f=1&q=organisaation")).doesNotContain("Toisen organisaation asia");
        assertThat(accessLog.forCustomer(other.id(), customer, 100)).isEmpty();
        assertThat(cases.detail(other.id(), theirs.id()).orElseThrow().messages()).hasSize(1);
    }

    @Test
    void replyNoteAssignTransferStatusTagsAndPriorityWorkAndShowInHistory() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Toimintotesti", "Hei, auttakaa");
        String path = "/workspace/cases/" + c.id();

        MockHttpServletResponse reply = act(c, "reply", "body", "Kiitos viestistä, selvitämme asiaa.", "after", "WAITING");
        assertThat(reply.getStatus()).isEqualTo(302);
        assertThat(reply.getRedirectedUrl()).isEqualTo(path);
        assertThat(summary(c).status()).isEqualTo(CaseStatus.WAITING);

        assertThat(act(c, "notes", "body", "Soitin asiakkaalle").getStatus()).isEqualTo(302);
        assertThat(act(c, "assignee", "assignee", org.colleague().id().toString()).getStatus()).isEqualTo(302);
        assertThat(summary(c).assigneeId()).isEqualTo(org.colleague().id());
        assertThat(act(c, "assignee", "assignee", "me").getStatus()).isEqualTo(302);
        assertThat(summary(c).assigneeId()).isEqualTo(org.agent().id());
        assertThat(act(c, "tags", "tags", "Katu, talvi ,, katu").getStatus()).isEqualTo(302);
        assertThat(summary(c).tags()).containsExactlyInAnyOrder("katu", "talvi");
        assertThat(act(c, "priority", "priority", "HIGH").getStatus()).isEqualTo(302);
        assertThat(summary(c).priority()).isEqualTo(Priority.HIGH);
        assertThat(act(c, "status", "to", "RESOLVED").getStatus()).isEqualTo(302);
        assertThat(summary(c).status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(act(c, "transfer", "unit", org.building().id().toString(), "note", "Kuuluu rakennusvalvonnalle").getStatus()).isEqualTo(302);
        assertThat(summary(c).unitId()).isEqualTo(org.building().id());
        assertThat(summary(c).assigneeId()).isNull();

        assertThat(cases.detail(org.id(), c.id()).orElseThrow().history()).extracting(CaseEventEntry::type)
                .contains("REPLIED", "NOTE_ADDED", "ASSIGNED", "TAGGED", "PRIORITY_CHANGED", "STATUS_CHANGED", "TRANSFERRED");
        String html = page(path);
        assertThat(html).contains("Kiitos viestistä, selvitämme asiaa.", "Soitin asiakkaalle", "Kuuluu rakennusvalvonnalle",
                "Vastaus asiakkaalle", "Sisäinen muistiinpano", "Asiakkaalta",
                "Vastattiin asiakkaalle", "Lisättiin muistiinpano", "Käsittelijä vaihtui", "Tunnisteet muuttuivat",
                "Kiireellisyys muuttui", "Tila muuttui", "Siirrettiin toiseen yksikköön",
                "Odottaa asiakasta → Ratkaistu", "Asiakaspalvelu → Rakennusvalvonta", org.agent().displayName());
    }

    @Test
    void theNoticeAfterAnActionIsAStatusMessage() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Ilmoitustesti", "Viesti");
        var result = pages.mvc().perform(post("/workspace/cases/" + c.id() + "/notes").param("body", "Muistiin")
                .with(agent()).with(csrf()).header("Accept-Language", "fi")).andReturn();
        String html = pages.mvc().perform(get(result.getResponse().getRedirectedUrl()).with(agent()).header("Accept-Language", "fi")
                .flashAttrs(result.getFlashMap())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("role=\"status\"", "Muistiinpano tallennettiin.");
    }

    @Test
    void anIllegalStatusMoveShowsAnErrorInsteadOfFailing() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Laiton siirtymä", "Viesti");
        MockHttpServletResponse response = act(c, "status", "to", "CLOSED");
        assertThat(response.getStatus()).isEqualTo(409);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("error-summary", "Asian tilaa ei voi muuttaa näin.", "href=\"#status-change\"", "<title>Virhe:");
        assertThat(summary(c).status()).isEqualTo(CaseStatus.NEW);

        MockHttpServletResponse staleReply = act(c, "reply", "body", "Vastaus", "after", "CLOSED");
        assertThat(staleReply.getStatus()).isEqualTo(422);
        assertThat(staleReply.getContentAsString(StandardCharsets.UTF_8)).contains("href=\"#reply-after\"");
        assertThat(act(c, "status", "to", "NONSENSE").getStatus()).isEqualTo(422);
        assertThat(summary(c).status()).isEqualTo(CaseStatus.NEW);
    }

    @Test
    void formErrorsAreShownBesideTheFields() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Lomakevirheet", "Viesti");
        MockHttpServletResponse empty = act(c, "reply", "body", "   ");
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(empty.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Virhe:", "href=\"#reply-body\"",
                "Kirjoita vastaus ennen lähettämistä.", "id=\"reply-body-error\"", "aria-invalid=\"true\"");

        MockHttpServletResponse transfer = act(c, "transfer", "unit", "", "note", "");
        assertThat(transfer.getContentAsString(StandardCharsets.UTF_8)).contains("href=\"#transfer-unit\"", "href=\"#transfer-note\"");
        MockHttpServletResponse sameUnit = act(c, "transfer", "unit", org.service().id().toString(), "note", "Takaisin", "x", "y");
        assertThat(sameUnit.getStatus()).isEqualTo(422);
        assertThat(sameUnit.getContentAsString(StandardCharsets.UTF_8)).contains("Asia on jo tässä yksikössä.", "Takaisin");
        assertThat(act(c, "assignee", "assignee", other.agent().id().toString()).getContentAsString(StandardCharsets.UTF_8))
                .as("a staff member of another organization").contains("Käsittelijää ei löytynyt.");
        assertThat(act(c, "tags", "tags", "y".repeat(51)).getStatus()).isEqualTo(422);
        assertThat(act(c, "priority", "priority", "SUPER").getStatus()).isEqualTo(422);
        assertThat(act(c, "notes", "body", "").getStatus()).isEqualTo(422);
        assertThat(cases.detail(org.id(), c.id()).orElseThrow().history()).extracting(CaseEventEntry::type).containsExactly("OPENED");
    }

    @Test
    void withoutACsrfTokenAPostIsForbidden() throws Exception {
        OpenedCase c = fixtures.aCase(org, "CSRF-testi", "Viesti");
        assertThat(send(post("/workspace/cases/" + c.id() + "/notes").param("body", "Ilman tokenia").with(agent())).getStatus())
                .isEqualTo(403);
        assertThat(cases.detail(org.id(), c.id()).orElseThrow().messages()).hasSize(1);
    }

    @Test
    void anonymousUsersAreSentToTheLoginPage() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Anonyymi", "Viesti");
        for (String path : List.of("/workspace", "/workspace/cases/" + c.id())) {
            MockHttpServletResponse response = send(get(path));
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).endsWith("/login");
        }
    }

    @Test
    void scriptInAMessageIsRenderedAsText() throws Exception {
        OpenedCase c = fixtures.aCase(org, "<img src=x onerror=alert(1)>", "<script>alert('xss')</script>");
        String html = page("/workspace/cases/" + c.id());
        assertThat(html).contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script>alert", "<img src=x");
        assertThat(page("/workspace?queue=all")).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }

    @Test
    void attachmentsDownloadAsAttachmentsAndAreLogged() throws Exception {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Liisa Liite", null, null, Language.FI));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Liitetesti", "Liitteenä muistio",
                Language.FI, null, org.service().id(), null, Set.of(),
                List.of(new NewAttachment("Päätös ja muistio.txt", "Muistio\n".getBytes(StandardCharsets.UTF_8))), Actor.customer()));
        UUID attachmentId = cases.detail(org.id(), c.id()).orElseThrow().messages().getFirst().attachments().getFirst().id();
        assertThat(page("/workspace/cases/" + c.id())).contains("Päätös ja muistio.txt", "/attachments/" + attachmentId);

        MockHttpServletResponse file = send(get("/workspace/cases/" + c.id() + "/attachments/" + attachmentId).with(agent()));
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("Muistio\n");
        assertThat(file.getContentType()).startsWith("text/plain");
        assertThat(file.getHeader("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''P%C3%A4%C3%A4t%C3%B6s%20ja%20muistio.txt");
        assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.getHeader("Cache-Control")).contains("private").contains("no-store");
        assertThat(accessLog.forCustomer(org.id(), customer, 100)).extracting(PersonalDataLog.Entry::purpose)
                .contains("attachment-download");

        OpenedCase theirs = fixtures.aCase(other, "Ei sinun", "Viesti");
        assertThat(send(get("/workspace/cases/" + theirs.id() + "/attachments/" + attachmentId).with(agent())).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/cases/" + c.id() + "/attachments/" + UUID.randomUUID()).with(agent())).getStatus()).isEqualTo(404);
    }

    @Test
    void theCustomersTimelineSpansCasesAndChannels() throws Exception {
        UUID customer = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Tiina Toistuva", null, null,
                "030390-345P", null, null, Language.FI, true));
        OpenedCase first = cases.open(org.id(), new NewCase(Channel.PHONE, customer, "Ensimmäinen yhteydenotto", "Soitto kadusta",
                Language.FI, null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        OpenedCase second = cases.open(org.id(), new NewCase(Channel.EMAIL, customer, "Toinen yhteydenotto", "Sähköposti puistosta",
                Language.FI, null, org.building().id(), null, Set.of(), List.of(), Actor.customer()));
        String html = page("/workspace/cases/" + second.id());
        assertThat(html).contains("Soitto kadusta", "Puhelin", "href=\"/workspace/cases/" + first.id() + "\"", "(tämä asia)");
    }

    private CaseSummary summary(OpenedCase c) {
        return cases.summary(org.id(), c.id()).orElseThrow();
    }
}
