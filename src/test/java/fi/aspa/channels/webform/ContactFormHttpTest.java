package fi.aspa.channels.webform;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The contact form and the tracking page over real HTTP: cookies, CSRF, multipart, the database. Each test is a
 * resident on its own client address.
 */
@AspaTest
class ContactFormHttpTest {
    static final Pattern REFERENCE = Pattern.compile("ASPA-\\d{4}-\\d{6}");
    static final Pattern TRACKING_LINK = Pattern.compile("href=\"(?:https?://[^/\"]+)?(/track/[A-Za-z0-9_-]{20,})\"");
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    Fixtures.Org org;
    Resident resident;

    @BeforeEach
    void setUp() {
        org = fixtures.publicOrganization();
        resident = new Resident(port, "en");
    }

    static String marker() {
        return "merkki" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    Resident.Multipart validForm(String csrf, String marker) {
        return new Resident.Multipart()
                .field("_csrf", csrf)
                .field("name", "Maija Meikäläinen")
                .field("email", "maija@example.fi")
                .field("phone", "")
                .field("language", "sv")
                .field("topic", "streets-parks")
                .field("subject", "")
                .field("message", "Katuvalo ei toimi Mannerheimintiellä talon 12 kohdalla " + marker)
                .field("website", "");
    }

    List<UUID> casesWith(String marker) {
        return cases.list(org.id(), CaseFilter.all().withText(marker), CaseSort.CREATED_DESC, 0, 10).items().stream()
                .map(c -> c.id()).toList();
    }

    String csrf() {
        Resident.Response form = resident.get("/contact");
        assertThat(form.status()).isEqualTo(200);
        return form.csrf();
    }

    /** Sends a valid contact and returns the thank-you page. */
    Resident.Response sendContact(Resident.Multipart form) {
        Resident.Response posted = resident.post("/contact", form);
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        assertThat(posted.header("Location")).endsWith("/contact/sent");
        return resident.follow(posted);
    }

    static String reference(Resident.Response page) {
        Matcher m = REFERENCE.matcher(page.body());
        assertThat(m.find()).as("reference on the page").isTrue();
        return m.group();
    }

    static String trackingPath(Resident.Response page) {
        Matcher m = TRACKING_LINK.matcher(page.body());
        assertThat(m.find()).as("tracking link on the page:\n" + page.body()).isTrue();
        return m.group(1);
    }

    @Test
    void theAccessibilityStatementsLinkOpensFeedbackOnAccessibilityWhichStaffFindByItsTag() {
        assertThat(resident.get("/accessibility").body()).contains("href=\"/contact?topic=feedback&amp;about=accessibility\"");
        Resident.Response form = resident.get("/contact?topic=feedback&about=accessibility");
        assertThat(form.body()).contains("<input type=\"hidden\" name=\"about\" value=\"accessibility\">")
                .contains("Your feedback is about the accessibility of this service. We answer it within 14 days.")
                .containsPattern("<option value=\"feedback\" selected=\"selected\"");

        String marker = marker();
        Resident.Response thanks = sendContact(new Resident.Multipart().field("_csrf", form.csrf()).field("name", "Maija Meikäläinen")
                .field("email", "maija@example.fi").field("language", "fi").field("topic", "feedback").field("about", "accessibility")
                .field("message", "Lomakkeen virheilmoitusta ei lueta ruudunlukijalla " + marker).field("website", ""));
        CaseDetail detail = cases.detail(org.id(), cases.idByReference(org.id(), reference(thanks)).orElseThrow()).orElseThrow();
        assertThat(detail.summary().tags()).contains(ContactPage.ACCESSIBILITY_TAG);
        assertThat(detail.topic()).isEqualTo("feedback");
        assertThat(cases.list(org.id(), new CaseFilter(java.util.Set.of(), null, null, null, null, false, null, null, null, marker, ContactPage.ACCESSIBILITY_TAG), CaseSort.CREATED_DESC, 0, 10)
                .items()).extracting(c -> c.id()).containsExactly(detail.summary().id());

        // a topic chosen by a link, any other "about" ignored; an ordinary contact has no such tag
        Resident.Response parks = resident.get("/contact?topic=streets-parks&about=%3Cscript%3E");
        assertThat(parks.body()).containsPattern("<option value=\"streets-parks\" selected=\"selected\"")
                .doesNotContain("name=\"about\"").doesNotContain("<script>alert");
        // only the language switch carries the query on (encoded), to show the same page in another language
        Document page = Jsoup.parse(parks.body());
        page.select("a[hreflang]").remove();
        assertThat(page.outerHtml()).doesNotContain("%3Cscript").doesNotContain("&lt;script");
        assertThat(resident.get("/contact?topic=nonsense").body()).containsPattern("<option value=\"general\" selected=\"selected\"");
        String other = marker();
        Resident.Response plain = sendContact(validForm(parks.csrf(), other).field("about", "<b>hostile</b>"));
        assertThat(cases.detail(org.id(), cases.idByReference(org.id(), reference(plain)).orElseThrow()).orElseThrow()
                .summary().tags()).doesNotContain(ContactPage.ACCESSIBILITY_TAG);
    }

    @Test
    void aValidContactOpensACaseAndShowsTheReferenceAndTrackingLinkOnce() {
        String marker = marker();
        Resident.Response thanks = sendContact(validForm(csrf(), marker));

        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("Your message has been sent").contains("<meta name=\"robots\" content=\"noindex\">");
        String reference = reference(thanks);
        String tracking = trackingPath(thanks);

        UUID caseId = cases.idByReference(org.id(), reference).orElseThrow();
        assertThat(casesWith(marker)).containsExactly(caseId);
        CaseDetail detail = cases.detail(org.id(), caseId).orElseThrow();
        assertThat(detail.summary().channel()).isEqualTo(Channel.WEB_FORM);
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.NEW);
        assertThat(detail.summary().language()).isEqualTo(Language.SV);
        assertThat(detail.topic()).isEqualTo("streets-parks");
        assertThat(detail.summary().subject()).as("derived from the topic (in the answer language) and the first words")
                .isEqualTo("Gator och parker: Katuvalo ei toimi Mannerheimintiellä talon 12 kohdalla…");
        assertThat(detail.messages()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.INBOUND);
            assertThat(m.body()).endsWith(marker);
        });
        assertThat(cases.byTrackingToken(tracking.substring("/track/".length()))).map(d -> d.summary().id()).contains(caseId);

        Resident.Response again = resident.get("/contact/sent");
        assertThat(again.status()).isEqualTo(200);
        assertThat(REFERENCE.matcher(again.body()).find()).as("the reference is shown only once").isFalse();
        assertThat(again.body()).doesNotContain("/track/");
    }

    @Test
    void aMissingMessageComesBackWithTheErrorSummaryAndWhatWasTyped() {
        Resident.Response page = resident.post("/contact", new Resident.Multipart()
                .field("_csrf", csrf()).field("name", "Maija <b>Meikäläinen</b>").field("email", "maija@example.fi")
                .field("language", "fi").field("topic", "general").field("subject", "Oma otsikko").field("message", "   "));

        assertThat(page.status()).isEqualTo(422);
        String html = page.body();
        assertThat(html).contains("<title>Error: Contact us").contains("class=\"error-summary\"")
                .contains("<a href=\"#message\">Write a message</a>")
                .contains("value=\"Maija &lt;b&gt;Meikäläinen&lt;/b&gt;\"").contains("value=\"Oma otsikko\"")
                .contains("value=\"maija@example.fi\"");
        assertThat(html).containsPattern("<textarea id=\"message\"[^>]*aria-invalid=\"true\"");
        assertThat(html).containsPattern("id=\"language-fi\"[^>]*checked");
        assertThat(html).doesNotContainPattern("<input id=\"name\"[^>]*aria-invalid");
    }

    @Test
    void tooLongMessageAndInvalidEmailAreFieldErrors() {
        String tooLong = "a".repeat(20_001);
        Resident.Response page = resident.post("/contact", new Resident.Multipart()
                .field("_csrf", csrf()).field("name", "Maija").field("email", "maija(at)example")
                .field("language", "en").field("topic", "general").field("message", tooLong));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body())
                .contains("<a href=\"#message\">The message can be at most 20,000 characters; it now has 20,001</a>")
                .contains("<a href=\"#email\">Enter an email address like name@example.com</a>")
                .containsPattern("<input id=\"email\"[^>]*aria-invalid=\"true\"")
                .contains(tooLong);
    }

    @Test
    void textThatIsNotUtf8IsAClearFieldErrorAndNothingIsStored() {
        String marker = marker();
        byte[] latin1 = ("Hyvää päivää " + marker).getBytes(StandardCharsets.ISO_8859_1);
        Resident.Response multipart = resident.post("/contact", new Resident.Multipart()
                .field("_csrf", csrf()).field("name", "Maija").field("language", "fi").field("topic", "general")
                .rawField("message", latin1));
        assertThat(multipart.status()).isEqualTo(422);
        assertThat(multipart.body())
                .contains("<a href=\"#message\">The text has characters that could not be read. Check the text encoding (UTF-8)")
                .containsPattern("<textarea id=\"message\"[^>]*aria-invalid=\"true\"");
        assertThat(casesWith(marker)).isEmpty();
    }

    /** The form always posts multipart; a url-encoded body that is not UTF-8 cannot be decoded at all (Tomcat 11). */
    @Test
    void aUrlEncodedBodyThatIsNotUtf8IsALocalizedBadRequestNotA500() {
        String marker = marker();
        byte[] body = concat(("_csrf=" + csrf() + "&language=fi&topic=general&message=ok+" + marker + "&name=")
                .getBytes(StandardCharsets.US_ASCII), "Mäkelä".getBytes(StandardCharsets.ISO_8859_1));
        Resident.Response page = resident.postRaw("/contact", "application/x-www-form-urlencoded", body);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("lang=\"en\"").contains("The request was not valid. Please check what you entered");
        assertThat(casesWith(marker)).isEmpty();

        byte[] utf8 = ("_csrf=" + csrf() + "&language=fi&topic=general&message=ok+" + marker + "&name=M%C3%A4kel%C3%A4")
                .getBytes(StandardCharsets.US_ASCII);
        Resident.Response accepted = resident.postRaw("/contact", "application/x-www-form-urlencoded", utf8);
        assertThat(accepted.status()).as("the same post in UTF-8 is accepted").isEqualTo(302);
        assertThat(casesWith(marker)).hasSize(1);
    }

    @Test
    void scriptInTheMessageIsStoredAsTypedAndShownInert() {
        String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String tracking = trackingPath(sendContact(new Resident.Multipart()
                .field("_csrf", csrf()).field("name", "Maija").field("language", "en").field("topic", "feedback")
                .field("subject", "Hello " + script).field("message", "Body " + script)));

        CaseDetail detail = cases.byTrackingToken(tracking.substring(7)).orElseThrow();
        assertThat(detail.messages().getFirst().body()).isEqualTo("Body " + script);

        Resident.Response page = resident.get(tracking);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("Body &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("Hello &lt;script&gt;");
    }

    @Test
    void aFilledHoneypotPretendsSuccessAndStoresNothing() {
        String marker = marker();
        Resident.Response thanks = sendContact(validForm(csrf(), marker).field("website", "http://spam.example"));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("Your message has been received");
        assertThat(casesWith(marker)).isEmpty();
    }

    @Test
    void theSixthContactFromOneAddressIsRefusedWith429AndKeepsWhatWasTyped() {
        for (int i = 0; i < 5; i++) sendContact(validForm(csrf(), marker()));
        String marker = marker();
        Resident.Response refused = resident.post("/contact", validForm(csrf(), marker));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("class=\"error-summary\"")
                .contains("<a href=\"#send\">You have sent too many messages in a short time.")
                .contains("Mannerheimintiellä talon 12 kohdalla " + marker)
                .contains("value=\"Maija Meikäläinen\"");
        assertThat(casesWith(marker)).isEmpty();

        Resident.Response other = new Resident(port, "en").get("/contact");
        assertThat(other.status()).as("another address is not limited").isEqualTo(200);
    }

    @Test
    void aProgramRenamedToPdfIsAFieldErrorAndNothingIsStored() {
        String marker = marker();
        byte[] elf = new byte[256];
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(head, 0, elf, 0, head.length);
        Resident.Response page = resident.post("/contact", validForm(csrf(), marker)
                .file("attachments", "hakemus.pdf", "application/pdf", elf));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("<a href=\"#attachments\">The file type of attachment hakemus.pdf is not accepted.")
                .contains("The attachments you chose were not saved. Please choose them again")
                .containsPattern("<input id=\"attachments\"[^>]*aria-invalid=\"true\"");
        assertThat(casesWith(marker)).isEmpty();
    }

    @Test
    void aFileOverTheUploadLimitGetsTheLocalized413Page() {
        byte[] big = new byte[12 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        Resident.Response page = resident.post("/contact", validForm(csrf(), marker())
                .file("attachments", "iso.txt", "text/plain", big));

        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("lang=\"en\"").contains("What you sent, or its attachments, is too large.");
        assertThat(resident.get("/contact").status()).as("the connection and session still work").isEqualTo(200);
    }

    @Test
    void aRequestOverTheTotalUploadLimitGetsTheLocalized413PageInSwedish() {
        Resident swede = new Resident(port, "sv");
        String csrf = swede.get("/contact").csrf();
        byte[] part = new byte[8_000_000];
        Arrays.fill(part, (byte) 'b');
        Resident.Multipart form = validForm(csrf, marker());
        for (int i = 0; i < 4; i++) form.file("attachments", "osa" + i + ".txt", "text/plain", part);
        Resident.Response page = swede.post("/contact", form);

        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("lang=\"sv\"").contains("Uppgifterna eller bilagorna du skickade är för stora.");
    }

    @Test
    void aMultipartPostWithoutTheCsrfTokenIsRefused() {
        resident.get("/contact");
        Resident.Response page = resident.post("/contact", new Resident.Multipart()
                .field("name", "Maija").field("language", "fi").field("topic", "general").field("message", "Hei"));
        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void anUnknownTrackingLinkIsNotFound() {
        assertThat(resident.get("/track/" + "x".repeat(43)).status()).isEqualTo(404);
        assertThat(resident.get("/track/short").status()).isEqualTo(404);
        Resident.Response attachment = resident.get("/track/" + "x".repeat(43) + "/attachments/" + UUID.randomUUID());
        assertThat(attachment.status()).isEqualTo(404);
        assertThat(attachment.body()).contains("The page or case you were looking for was not found.");
    }

    @Test
    void theTrackingPageShowsTheConversationButNeverStaffNotes() {
        String tracking = trackingPath(sendContact(validForm(csrf(), marker())));
        CaseDetail detail = cases.byTrackingToken(tracking.substring(7)).orElseThrow();
        UUID caseId = detail.summary().id();
        cases.addNote(org.id(), caseId, Actor.staff(org.agent().id()), "Sisäinen muistiinpano: asukas soitti jo eilen");
        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Kiitos ilmoituksesta, korjaamme valon.", CaseStatus.WAITING);

        Resident.Response page = resident.get(tracking);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"robots\" content=\"noindex\">")
                .contains(detail.summary().reference())
                .contains("Kiitos ilmoituksesta, korjaamme valon.")
                .contains("Waiting for your answer")
                .doesNotContain("Sisäinen muistiinpano");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void attachmentsDownloadWithSafeHeadersAndOnlyFromTheirOwnCase() {
        String tracking = trackingPath(sendContact(validForm(csrf(), marker())
                .file("attachments", "kuva äö.png", "application/octet-stream", PNG)));
        CaseDetail detail = cases.byTrackingToken(tracking.substring(7)).orElseThrow();
        CaseMessage.AttachmentInfo info = detail.messages().getFirst().attachments().getFirst();
        assertThat(info.contentType()).isEqualTo("image/png");

        Resident.Response page = resident.get(tracking);
        String link = tracking + "/attachments/" + info.id();
        assertThat(page.body()).contains("href=\"" + link + "\"").contains("kuva äö.png");

        Resident.Response file = resident.get(link);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(PNG);
        assertThat(file.header("Content-Type")).isEqualTo("image/png");
        assertThat(file.header("Content-Disposition"))
                .startsWith("attachment;").contains("filename*=UTF-8''kuva%20%C3%A4%C3%B6.png");
        assertThat(file.headers().allValues("X-Content-Type-Options")).containsOnly("nosniff");
        assertThat(file.header("Cache-Control")).contains("private").contains("no-store");

        String otherTracking = trackingPath(sendContact(validForm(csrf(), marker())));
        assertThat(resident.get(otherTracking + "/attachments/" + info.id()).status())
                .as("another case's link cannot fetch this file").isEqualTo(404);
        assertThat(resident.get(tracking + "/attachments/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void aReplyOnTheTrackingPageReopensTheCase() {
        String tracking = trackingPath(sendContact(validForm(csrf(), marker())));
        CaseDetail detail = cases.byTrackingToken(tracking.substring(7)).orElseThrow();
        cases.reply(org.id(), detail.summary().id(), Actor.staff(org.agent().id()), "Onko valo nyt kunnossa?", CaseStatus.RESOLVED);

        String csrf = resident.get(tracking).csrf();
        Resident.Response empty = resident.post(tracking + "/reply", new Resident.Multipart().field("_csrf", csrf).field("message", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("<a href=\"#reply-message\">Write a message</a>").contains("Onko valo nyt kunnossa?");

        Resident.Response sent = resident.post(tracking + "/reply", new Resident.Multipart()
                .field("_csrf", csrf).field("message", "Ei ole, valo vilkkuu yhä.")
                .file("attachments", "valo.png", "image/png", PNG));
        assertThat(sent.status()).isEqualTo(302);
        Resident.Response page = resident.follow(sent);
        assertThat(page.body()).contains("Your answer has been sent.").contains("Ei ole, valo vilkkuu yhä.").contains("valo.png");

        CaseDetail after = cases.detail(org.id(), detail.summary().id()).orElseThrow();
        assertThat(after.summary().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(after.messages()).extracting(CaseMessage::kind)
                .containsExactly(MessageKind.INBOUND, MessageKind.OUTBOUND, MessageKind.INBOUND);
    }

    @Test
    void theSixthReplyFromOneAddressIsRefusedWith429AndKeepsWhatWasTyped() {
        String tracking = trackingPath(sendContact(validForm(csrf(), marker())));
        String csrf = resident.get(tracking).csrf();
        for (int i = 0; i < 5; i++) {
            assertThat(resident.post(tracking + "/reply", new Resident.Multipart().field("_csrf", csrf)
                    .field("message", "Lisätieto " + i)).status()).isEqualTo(302);
        }
        Resident.Response refused = resident.post(tracking + "/reply", new Resident.Multipart().field("_csrf", csrf)
                .field("message", "Vielä yksi lisätieto"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("<a href=\"#reply-send\">You have sent too many messages in a short time.")
                .contains(">Vielä yksi lisätieto</textarea>");
        CaseDetail detail = cases.byTrackingToken(tracking.substring(7)).orElseThrow();
        assertThat(detail.messages()).hasSize(6);
    }


    @Test
    void feedbackComesInKindsAndMayBeAnonymousButOtherContactsNeedAName() {
        Resident.Response form = resident.get("/contact");
        assertThat(form.body()).contains("<option value=\"feedback-praise\">Feedback: praise</option>",
                "<option value=\"feedback-complaint\">Feedback: complaint</option>",
                "<option value=\"feedback-idea\">Feedback: suggestion for improvement</option>",
                "aria-describedby=\"name-hint\"");

        String marker = marker();
        Resident.Response thanks = sendContact(new Resident.Multipart().field("_csrf", form.csrf()).field("name", " ")
                .field("language", "fi").field("topic", "feedback-complaint").field("message", "Jono oli liian pitkä " + marker)
                .field("website", ""));
        CaseDetail detail = cases.detail(org.id(), cases.idByReference(org.id(), reference(thanks)).orElseThrow()).orElseThrow();
        assertThat(detail.topic()).isEqualTo("feedback-complaint");
        assertThat(trackingPath(thanks)).as("the anonymous resident still follows the answer").startsWith("/track/");

        Resident.Response question = resident.post("/contact", new Resident.Multipart().field("_csrf", csrf()).field("name", "")
                .field("language", "en").field("topic", "general").field("message", "Milloin uimahalli aukeaa?").field("website", ""));
        assertThat(question.status()).isEqualTo(422);
        assertThat(question.body()).contains("Write your name (feedback can be given without one: choose a feedback topic)");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
