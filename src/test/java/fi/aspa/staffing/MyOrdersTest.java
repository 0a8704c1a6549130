package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * "My orders": a staff member sees their own internal orders and each one's conversation (replies, never notes),
 * writes more (which reopens the order), learns of a reply by its mark in the list; nobody else reaches the order
 * here; bad input gets the form back with a message in the reader's language.
 */
@AspaTest
class MyOrdersTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffingStore store;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired PersonalDataLog accessLog;
    @Autowired StaffPages pages;

    Fixtures.Org org;
    UUID it;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
        it = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("IT-tuki", "IT-stöd", "IT support"),
                null, List.of(), org.building().id())).id();
        store.markInternal(org.id(), it, true, Instant.now());
    }

    MockHttpServletResponse send(StaffUser u, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(u, request);
    }

    String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** Orders through the form, as the staff member would; returns the case. */
    UUID order(StaffUser who, String subject, String body) throws Exception {
        assertThat(send(who, post("/workspace/order").with(csrf()).param("service", it.toString())
                .param("subject", subject).param("body", body)).getStatus()).isEqualTo(302);
        return cases.list(org.id(), CaseFilter.all().withText(subject), CaseSort.CREATED_DESC, 0, 10).items().getFirst().id();
    }

    List<fi.aspa.cases.CaseMessage> inbound(UUID order) {
        return cases.detail(org.id(), order).orElseThrow().messages().stream().filter(m -> m.kind() == MessageKind.INBOUND).toList();
    }

    MockHttpServletResponse write(StaffUser who, UUID order, String message) throws Exception {
        return upload(who, "fi", multipart("/workspace/order/" + order).param("message", message).with(csrf()));
    }

    /** The follow-up form is multipart, which StaffPages does not take: the same, signed in as {@code who}. */
    MockHttpServletResponse upload(StaffUser who, String language, MockMultipartHttpServletRequestBuilder request) throws Exception {
        return pages.mvc().perform(request.with(pages.as(who)).header("Accept-Language", language)).andReturn().getResponse();
    }

    @Test
    void theListShowsOnlyMyOwnOrdersNewestFirst() throws Exception {
        assertThat(html(send(org.agent(), get("/workspace/order")))).as("empty state")
                .contains("id=\"my-orders-none\"", "Sinulla ei ole vielä tilauksia.");
        UUID first = order(org.agent(), "Näyttö pimeänä", "Toinen näyttö ei toimi.");
        UUID second = order(org.agent(), "Hiiri rikki", "Hiiri ei liiku.");
        UUID theirs = order(org.colleague(), "Tulostin jumissa", "Paperi jumissa.");
        // a case of another channel with my internal customer is not an order
        UUID me = customers.internalCustomer(org.id(), org.agent().id()).orElseThrow();
        UUID email = cases.open(org.id(), new NewCase(Channel.EMAIL, me, "Sähköpostilla tullut", "Hei", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer())).id();

        String list = html(send(org.agent(), get("/workspace/order")));
        assertThat(list).contains("Omat tilaukset", "Hiiri rikki", "Näyttö pimeänä", "/workspace/order/" + first,
                        "Rakennusvalvonta", "Uusi")
                .doesNotContain("Tulostin jumissa", "/workspace/order/" + theirs, "Sähköpostilla tullut", "id=\"my-orders-none\"");
        assertThat(list.indexOf("Hiiri rikki")).as("newest first").isLessThan(list.indexOf("Näyttö pimeänä"));
        assertThat(html(send(org.colleague(), get("/workspace/order")))).contains("Tulostin jumissa")
                .doesNotContain("Hiiri rikki", "/workspace/order/" + second);
        assertThat(send(org.agent(), get("/workspace/order/" + email)).getStatus()).as("not an INTERNAL case").isEqualTo(404);
    }

    @Test
    void theOrderShowsRepliesButNeverNotesAndAReplyIsMarkedUntilSeen() throws Exception {
        UUID order = order(org.agent(), "Uusi kannettava", "Tarvitsen uuden kannettavan.");
        StaffUser handler = org.colleague();
        cases.addNote(org.id(), order, Actor.staff(handler.id()), "Sisäinen muistiinpano: budjetti tiukka");
        assertThat(html(send(org.agent(), get("/workspace/order")))).as("a note is no reply").doesNotContain("Uusi vastaus");

        cases.reply(org.id(), order, Actor.staff(handler.id()), "Mikä malli sopisi?", CaseStatus.WAITING);
        String list = html(send(org.agent(), get("/workspace/order")));
        assertThat(list).contains("Uusi vastaus", "Odottaa sinua", "status--waiting");

        String page = html(send(org.agent(), get("/workspace/order/" + order)));
        assertThat(page).contains("<title>Tilaus ASPA-", "Uusi kannettava", "Tarvitsen uuden kannettavan.", "Mikä malli sopisi?",
                        handler.displayName(), "Odottaa sinua", "id=\"order-waiting\"")
                .doesNotContain("Sisäinen muistiinpano", "budjetti");
        assertThat(html(send(org.agent(), get("/workspace/order")))).as("seen now").doesNotContain("Uusi vastaus");
        assertThat(accessLog.forCustomer(org.id(), customers.internalCustomer(org.id(), org.agent().id()).orElseThrow(), 10))
                .as("reading one's own order is not a view of another person's data").isEmpty();

        cases.reply(org.id(), order, Actor.staff(handler.id()), "Kone on noudettavissa.", CaseStatus.RESOLVED);
        assertThat(html(send(org.agent(), get("/workspace/order")))).as("a reply that resolves is new too")
                .contains("Uusi vastaus", "Ratkaistu");
        assertThat(html(pages.in("sv").send(org.agent(), get("/workspace/order/" + order))))
                .contains("Beställning ASPA-", "Löst", "Kone on noudettavissa.", "Mina beställningar");
    }

    /** The workspace navigation's "Order" item as the staff member sees it on the queue page, in their language. */
    String navOrder(StaffUser who, String language) throws Exception {
        String page = pages.in(language).page(who, "/workspace");
        int start = page.indexOf("id=\"nav-order\"");
        assertThat(start).as("the navigation's order item").isPositive();
        return page.substring(start, page.indexOf("</a>", start));
    }

    @Test
    void theNavigationCountsNewRepliesToMyOrdersUntilIHaveSeenThem() throws Exception {
        StaffUser me = org.agent();
        StaffUser handler = org.colleague();
        UUID laptop = order(me, "Kannettava hidas", "Kone käynnistyy hitaasti.");
        UUID badge = order(me, "Kulkukortti hukassa", "Kortti katosi.");
        assertThat(navOrder(me, "fi")).as("no replies yet").contains("Tilaa").doesNotContain("badge", "visually-hidden");
        cases.addNote(org.id(), laptop, Actor.staff(handler.id()), "Muistiinpano");
        assertThat(navOrder(me, "fi")).as("a note is no reply").doesNotContain("badge");

        cases.reply(org.id(), laptop, Actor.staff(handler.id()), "Käynnistä uudelleen.", CaseStatus.WAITING);
        assertThat(navOrder(me, "fi")).contains("aria-hidden=\"true\">1</span>", "(1 uusi vastaus)");
        cases.reply(org.id(), laptop, Actor.staff(handler.id()), "Auttoiko?", null);
        cases.reply(org.id(), badge, Actor.staff(handler.id()), "Uusi kortti tulossa.", CaseStatus.RESOLVED);
        assertThat(navOrder(me, "fi")).contains("aria-hidden=\"true\">3</span>", "(3 uutta vastausta)");
        assertThat(navOrder(me, "sv")).contains("Beställ", ">3</span>", "(3 nya svar)");
        assertThat(navOrder(me, "en")).contains("Order", ">3</span>", "(3 new replies)");
        assertThat(navOrder(handler, "fi")).as("the handler's own orders have no replies").doesNotContain("badge");

        // looking at an order makes its replies old; the list alone does not
        send(me, get("/workspace/order"));
        assertThat(navOrder(me, "fi")).contains(">3</span>");
        assertThat(send(me, get("/workspace/order/" + laptop)).getStatus()).isEqualTo(200);
        assertThat(navOrder(me, "fi")).contains(">1</span>", "(1 uusi vastaus)");
        assertThat(send(me, get("/workspace/order/" + badge)).getStatus()).isEqualTo(200);
        assertThat(navOrder(me, "fi")).as("all seen").doesNotContain("badge", "visually-hidden");

        // a reply after the look is new again, on every workspace page (the order page itself too)
        cases.reply(org.id(), badge, Actor.staff(handler.id()), "Kortti on noudettavissa.", null);
        assertThat(html(send(me, get("/workspace/profile")))).contains("(1 uusi vastaus)");
        assertThat(html(send(me, get("/workspace/order")))).contains("(1 uusi vastaus)", "Uusi vastaus");
    }

    @Test
    void theRequesterDownloadsTheFilesOfRepliesButNotOfNotesAndNobodyElseDoes() throws Exception {
        UUID order = order(org.agent(), "Ohje etäyhteyteen", "Miten etäyhteys otetaan?");
        UUID otherOrder = order(org.agent(), "Toinen tilaus", "Toinen asia.");
        StaffUser handler = org.colleague();
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        // the handler answers on the case page with a file, and leaves a note with a file of its own
        assertThat(upload(handler, "fi", multipart("/workspace/cases/" + order + "/reply")
                .file(new MockMultipartFile("attachments", "etäyhteysohje.pdf", "application/pdf", pdf))
                .param("body", "Ohje liitteenä.").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(upload(handler, "fi", multipart("/workspace/cases/" + order + "/notes")
                .file(new MockMultipartFile("attachments", "salasanat.txt", "text/plain", "sisäinen\n".getBytes(StandardCharsets.UTF_8)))
                .param("body", "Sisäinen muistio.").with(csrf())).getStatus()).isEqualTo(302);
        cases.reply(org.id(), otherOrder, Actor.staff(handler.id()), "Toisen tilauksen liite.", null,
                List.of(new NewAttachment("toinen.pdf", pdf)));
        CaseDetail detail = cases.detail(org.id(), order).orElseThrow();
        UUID replyFile = detail.messages().stream().filter(m -> m.kind() == MessageKind.OUTBOUND).findFirst().orElseThrow()
                .attachments().getFirst().id();
        UUID noteFile = detail.messages().stream().filter(m -> m.kind() == MessageKind.NOTE).findFirst().orElseThrow()
                .attachments().getFirst().id();
        UUID otherFile = cases.detail(org.id(), otherOrder).orElseThrow().messages().getLast().attachments().getFirst().id();

        String page = html(send(org.agent(), get("/workspace/order/" + order)));
        assertThat(page).contains("Ohje liitteenä.", "<h4>Liitteet</h4>", ">etäyhteysohje.pdf<",
                        "href=\"/workspace/order/" + order + "/attachments/" + replyFile + "\"")
                .doesNotContain("salasanat.txt", noteFile.toString());
        assertThat(html(pages.in("sv").send(org.agent(), get("/workspace/order/" + order)))).contains("<h4>Bilagor</h4>");

        UUID me = customers.internalCustomer(org.id(), org.agent().id()).orElseThrow();
        MockHttpServletResponse download = send(org.agent(), get("/workspace/order/" + order + "/attachments/" + replyFile));
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentAsByteArray()).isEqualTo(pdf);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(accessLog.forCustomer(org.id(), me, 10)).as("a staff member's download is logged, their own order's too")
                .singleElement().satisfies(e -> {
                    assertThat(e.purpose()).isEqualTo("attachment-download");
                    assertThat(e.staffUserId()).isEqualTo(org.agent().id());
                    assertThat(e.detail()).contains(replyFile.toString());
                });

        assertThat(send(org.agent(), get("/workspace/order/" + order + "/attachments/" + noteFile)).getStatus())
                .as("a note's file is not the requester's").isEqualTo(404);
        assertThat(send(org.agent(), get("/workspace/order/" + order + "/attachments/" + otherFile)).getStatus())
                .as("another order's file under this order").isEqualTo(404);
        assertThat(send(org.agent(), get("/workspace/order/" + otherOrder + "/attachments/" + otherFile)).getStatus()).isEqualTo(200);
        for (StaffUser other : List.of(handler, fixtures.admin(org), fixtures.organization().agent())) {
            assertThat(send(other, get("/workspace/order/" + order + "/attachments/" + replyFile)).getStatus())
                    .as(other.username()).isEqualTo(404);
        }
        assertThat(pages.send(get("/workspace/order/" + order + "/attachments/" + replyFile)).getStatus()).as("not signed in").isEqualTo(302);
        assertThat(accessLog.forCustomer(org.id(), me, 10)).as("refused downloads are not logged").hasSize(2);
    }

    @Test
    void writingMoreAppendsTheMessageAndReopensTheOrder() throws Exception {
        UUID order = order(org.agent(), "Kulkukortti", "Kortti ei avaa ovea.");
        cases.reply(org.id(), order, Actor.staff(org.colleague().id()), "Mikä ovi?", CaseStatus.WAITING);
        MockHttpServletResponse sent = write(org.agent(), order, "Pääoven vieressä oleva.");
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/workspace/order/" + order);
        CaseDetail detail = cases.detail(org.id(), order).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(detail.messages().getLast().kind()).isEqualTo(MessageKind.INBOUND);
        assertThat(detail.messages().getLast().body()).isEqualTo("Pääoven vieressä oleva.");
        assertThat(detail.history()).as("the requester writes as the case's customer")
                .anyMatch(e -> e.type().equals("CUSTOMER_MESSAGE") && e.actor() == Actor.Kind.CUSTOMER);

        cases.reply(org.id(), order, Actor.staff(org.colleague().id()), "Korjattu.", CaseStatus.RESOLVED);
        assertThat(write(org.agent(), order, "Ei toimi vieläkään.").getStatus()).isEqualTo(302);
        assertThat(cases.summary(org.id(), order).orElseThrow().status()).as("a resolved order reopens").isEqualTo(CaseStatus.OPEN);
        assertThat(html(send(org.agent(), get("/workspace/order/" + order))))
                .contains("Pääoven vieressä oleva.", "Ei toimi vieläkään.", "Työn alla");
    }

    @Test
    void otherStaffGetNotFoundEvenAnAdminOrTheAssignee() throws Exception {
        UUID order = order(org.agent(), "Puhelin", "Uusi puhelin tarvitaan.");
        cases.assign(org.id(), order, Actor.system(), org.colleague().id());
        StaffUser admin = fixtures.admin(org);
        for (StaffUser other : List.of(admin, org.colleague(), org.manager())) {
            assertThat(send(other, get("/workspace/order/" + order)).getStatus()).as(other.username()).isEqualTo(404);
            assertThat(write(other, order, "Minäpä kirjoitan").getStatus()).as(other.username()).isEqualTo(404);
        }
        Fixtures.Org elsewhere = fixtures.organization();
        assertThat(send(elsewhere.agent(), get("/workspace/order/" + order)).getStatus()).isEqualTo(404);
        assertThat(send(org.agent(), get("/workspace/order/not-a-uuid")).getStatus()).isEqualTo(404);
        assertThat(send(org.agent(), get("/workspace/order/" + UUID.randomUUID())).getStatus()).isEqualTo(404);
        assertThat(html(send(org.manager(), get("/workspace/order/" + order)))).contains("<title>", "lang=\"fi\"");
        assertThat(inbound(order)).hasSize(1);
        assertThat(pages.send(get("/workspace/order/" + order)).getStatus()).as("not signed in").isEqualTo(302);
    }

    @Test
    void badInputGetsTheFormBackWithAMessageInTheReadersLanguage() throws Exception {
        UUID order = order(org.agent(), "Työtuoli", "Tuoli on rikki.");
        MockHttpServletResponse empty = write(org.agent(), order, "   ");
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(html(empty)).contains("<title>Virhe:", "href=\"#message\"", "Kirjoita viesti.", "aria-invalid=\"true\"", "Tuoli on rikki.");

        MockHttpServletResponse tooLong = write(org.agent(), order, "x".repeat(OrderPage.MAX_BODY + 1));
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(html(tooLong)).contains("Teksti on liian pitkä (enintään 5", "merkkiä).", "aria-invalid=\"true\"");

        MockHttpServletResponse latin1 = upload(org.agent(), "fi", multipart("/workspace/order/" + order)
                .part(new MockPart("message", "Hyvää päivää".getBytes(StandardCharsets.ISO_8859_1))).with(csrf()));
        assertThat(latin1.getStatus()).as("text that is not UTF-8").isEqualTo(422);
        assertThat(html(latin1)).contains("merkkejä, joita ei voitu lukea");
        assertThat(write(org.agent(), order, "nolla\u0000merkki").getStatus()).isEqualTo(422);

        MockHttpServletResponse swedish = upload(org.agent(), "sv", multipart("/workspace/order/" + order).param("message", "")
                .with(csrf()));
        assertThat(html(swedish)).contains("<title>Fel:", "Skriv ett meddelande.");
        assertThat(inbound(order)).as("nothing stored").hasSize(1);

        String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        assertThat(write(org.agent(), order, "Katso " + script).getStatus()).isEqualTo(302);
        assertThat(html(send(org.agent(), get("/workspace/order/" + order))))
                .contains("Katso &lt;script&gt;alert(").doesNotContain("<script>alert", "<img src=x");

        assertThat(upload(org.agent(), "fi", multipart("/workspace/order/" + order).param("message", "ilman tunnistetta")).getStatus())
                .as("CSRF").isEqualTo(403);
    }
}
