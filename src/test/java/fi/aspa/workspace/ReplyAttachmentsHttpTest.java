package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * An agent's reply (and note) with files, over HTTP on the whole application: the files are stored with the reply,
 * shown on the case page, downloaded by the organization's staff (each download in the personal-data access log) and
 * by the resident through the tracking link, and by nobody else; every file the cases module refuses, and a file
 * refused before it (empty), brings the form back with the text as written and the error beside the file field; an
 * upload over the container's limit gets the localized 413 page.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyAttachmentsHttpTest {
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
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

    MockMultipartHttpServletRequestBuilder form(OpenedCase c, String action, String body, MockMultipartFile... files) {
        MockMultipartHttpServletRequestBuilder request = multipart("/workspace/cases/" + c.id() + "/" + action);
        for (MockMultipartFile file : files) request.file(file);
        request.param("body", body);
        request.with(pages.as(org.agent())).with(csrf());
        return request;
    }

    MockHttpServletResponse post(MockMultipartHttpServletRequestBuilder request) throws Exception {
        return post("fi", request);
    }

    MockHttpServletResponse post(String language, MockMultipartHttpServletRequestBuilder request) throws Exception {
        return pages.mvc().perform(request.header("Accept-Language", language)).andReturn().getResponse();
    }

    static MockMultipartFile file(String name, String type, byte[] content) {
        return new MockMultipartFile("attachments", name, type, content);
    }

    String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    List<CaseMessage> messages(OpenedCase c) {
        return cases.detail(org.id(), c.id()).orElseThrow().messages();
    }

    long downloadsLogged(UUID customer, String detail) {
        return accessLog.forCustomer(org.id(), customer, 1000).stream()
                .filter(e -> e.purpose().equals("attachment-download") && detail.equals(e.detail())).count();
    }

    @Test
    void theFormSaysTheLimitsAndSendsFiles() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Lomakkeen liitteet", "Viesti");
        String page = pages.page(org.agent(), "/workspace/cases/" + c.id());
        assertThat(page).containsPattern("<form class=\"form\" method=\"post\" enctype=\"multipart/form-data\" action=\"/workspace/cases/"
                + c.id() + "/reply\">");
        assertThat(page).contains("<label for=\"reply-attachments\">Liitteet (vapaaehtoinen)</label>")
                .contains("id=\"reply-attachments-hint\">Enintään 5 tiedostoa, kukin enintään 10 Mt.")
                .containsPattern("id=\"reply-attachments\" name=\"attachments\" type=\"file\" multiple[^>]*aria-describedby=\"reply-attachments-hint\"")
                .contains("<label for=\"note-attachments\">")
                // what the page checks before sending (attachments.js): the limits and the same texts as the server's
                .contains("data-max-files=\"5\"", "data-max-file-bytes=\"10485760\"", "data-max-total-bytes=\"31457280\"",
                        "data-msg-too-large=\"Liite {0} on liian suuri (enintään 10 Mt).\"",
                        "data-msg-total=\"Liitteet ovat yhteensä liian suuria (enintään 30 Mt).\"",
                        "<script src=\"/js/attachments.js\" defer></script>")
                .doesNotContain("reply-attachments-delivery", "reply-attachments-again");
        assertThat(pages.in("sv").page(org.agent(), "/workspace/cases/" + c.id()))
                .contains("<label for=\"reply-attachments\">Bilagor (frivilliga)</label>", "Högst 5 filer, högst 10 MB var.");

        // in a chat the files stay with the case: the form says so beforehand
        UUID chatter = customers.resolve(org.id(), ContactDetails.resident("Kalle Chat", null, null, Language.FI));
        OpenedCase chat = cases.open(org.id(), new NewCase(Channel.CHAT, chatter, "Chat", "Hei", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        assertThat(pages.page(org.agent(), "/workspace/cases/" + chat.id()))
                .contains("id=\"reply-attachments-delivery\">Chatissa asiakas saa vain vastauksen tekstin")
                .containsPattern("aria-describedby=\"reply-attachments-hint reply-attachments-delivery\"");
    }

    @Test
    void aReplysFilesAreStoredShownAndDownloadedByTheRightPeopleOnly() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Päätös liitteenä", "Lähettäkää päätös.");
        UUID customer = cases.summary(org.id(), c.id()).orElseThrow().customerId();
        MockHttpServletResponse sent = post(form(c, "reply", "Päätös ja kartta liitteinä.",
                file("Päätös 2026.pdf", "application/pdf", PDF), file("kartta.png", "image/png", PNG))
                .param("after", "WAITING"));
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/workspace/cases/" + c.id());

        CaseMessage reply = messages(c).stream().filter(m -> m.kind() == MessageKind.OUTBOUND).findFirst().orElseThrow();
        assertThat(reply.body()).isEqualTo("Päätös ja kartta liitteinä.");
        assertThat(reply.attachments()).extracting(CaseMessage.AttachmentInfo::filename, CaseMessage.AttachmentInfo::contentType)
                .containsExactlyInAnyOrder(tuple("Päätös 2026.pdf", "application/pdf"),
                        tuple("kartta.png", "image/png"));
        assertThat(cases.summary(org.id(), c.id()).orElseThrow().status()).isEqualTo(CaseStatus.WAITING);
        UUID pdfId = reply.attachments().stream().filter(a -> a.filename().endsWith(".pdf")).findFirst().orElseThrow().id();
        UUID pngId = reply.attachments().stream().filter(a -> a.filename().endsWith(".png")).findFirst().orElseThrow().id();

        // the case page shows them under the reply
        String page = pages.page(org.agent(), "/workspace/cases/" + c.id());
        String outbound = page.substring(page.indexOf("message--outbound"));
        outbound = outbound.substring(0, outbound.indexOf("make-article-")); // the reply's own item, up to its last form
        assertThat(outbound).contains("href=\"/workspace/cases/" + c.id() + "/attachments/" + pdfId + "\"", ">Päätös 2026.pdf<",
                "href=\"/workspace/cases/" + c.id() + "/attachments/" + pngId + "\"", ">kartta.png<");

        // staff of the organization download them, and each download is in the access log
        assertThat(downloadsLogged(customer, pdfId.toString())).isZero();
        MockHttpServletResponse download = pages.send(org.agent(), get("/workspace/cases/" + c.id() + "/attachments/" + pdfId));
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentAsByteArray()).isEqualTo(PDF);
        assertThat(download.getContentType()).isEqualTo("application/pdf");
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;").contains("P%C3%A4%C3%A4t%C3%B6s%202026.pdf");
        assertThat(downloadsLogged(customer, pdfId.toString())).isEqualTo(1);
        assertThat(accessLog.forCustomer(org.id(), customer, 1000)).filteredOn(e -> pdfId.toString().equals(e.detail()))
                .singleElement().satisfies(e -> assertThat(e.staffUserId()).isEqualTo(org.agent().id()));

        // another organization's staff get nothing: not the case, not the file, not even under a case of their own
        OpenedCase theirs = fixtures.aCase(other, "Toisen organisaation asia", "Viesti");
        assertThat(pages.send(other.agent(), get("/workspace/cases/" + c.id())).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.agent(), get("/workspace/cases/" + c.id() + "/attachments/" + pdfId)).getStatus()).isEqualTo(404);
        assertThat(pages.send(other.agent(), get("/workspace/cases/" + theirs.id() + "/attachments/" + pdfId)).getStatus()).isEqualTo(404);
        assertThat(downloadsLogged(customer, pdfId.toString())).isEqualTo(1);
        // nobody signed in gets nothing either
        assertThat(pages.send(get("/workspace/cases/" + c.id() + "/attachments/" + pdfId)).getStatus()).isIn(302, 401, 403);

        // the resident sees the reply's files on the tracking page and downloads them with the case's own link only
        MockHttpServletResponse track = pages.send(get("/track/" + c.trackingToken()));
        assertThat(track.getStatus()).isEqualTo(200);
        assertThat(html(track)).contains("Päätös ja kartta liitteinä.", ">Päätös 2026.pdf<",
                "href=\"/track/" + c.trackingToken() + "/attachments/" + pngId + "\"");
        MockHttpServletResponse residentCopy = pages.send(get("/track/" + c.trackingToken() + "/attachments/" + pngId));
        assertThat(residentCopy.getStatus()).isEqualTo(200);
        assertThat(residentCopy.getContentAsByteArray()).isEqualTo(PNG);
        OpenedCase another = fixtures.aCase(org, "Toinen asukas", "Toinen viesti");
        assertThat(pages.send(get("/track/" + another.trackingToken() + "/attachments/" + pngId)).getStatus()).isEqualTo(404);
        assertThat(pages.send(get("/track/" + theirs.trackingToken() + "/attachments/" + pngId)).getStatus()).isEqualTo(404);
    }

    @Test
    void aNotesFilesAreForStaffOnly() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Muistio liitteenä", "Viesti");
        assertThat(post(form(c, "notes", "Taustamuistio liitteenä.",
                file("sisäinen muistio.txt", "text/plain", "Vain henkilöstölle\n".getBytes(StandardCharsets.UTF_8)))).getStatus())
                .isEqualTo(302);
        CaseMessage note = messages(c).stream().filter(m -> m.kind() == MessageKind.NOTE).findFirst().orElseThrow();
        UUID noteFile = note.attachments().getFirst().id();
        assertThat(note.attachments()).extracting(CaseMessage.AttachmentInfo::filename).containsExactly("sisäinen muistio.txt");
        assertThat(pages.page(org.agent(), "/workspace/cases/" + c.id())).contains(">sisäinen muistio.txt<");
        assertThat(pages.send(org.agent(), get("/workspace/cases/" + c.id() + "/attachments/" + noteFile)).getStatus()).isEqualTo(200);

        assertThat(html(pages.send(get("/track/" + c.trackingToken())))).doesNotContain("sisäinen muistio", "Taustamuistio");
        assertThat(pages.send(get("/track/" + c.trackingToken() + "/attachments/" + noteFile)).getStatus()).isEqualTo(404);
    }

    /** A refused upload: the page again with the text as written, the error linked to the file field, nothing stored. */
    void refused(OpenedCase c, MockHttpServletResponse response, int status, String message) throws Exception {
        assertThat(response.getStatus()).as(message).isEqualTo(status);
        String page = html(response);
        assertThat(page).as(message)
                .contains("<title>Virhe:")
                .containsPattern("class=\"error-summary\"[\\s\\S]*<a href=\"#reply-attachments\">" + Pattern.quote(message) + "</a>")
                .containsPattern("id=\"reply-attachments-error\"[^>]*>[\\s\\S]*" + Pattern.quote(message))
                .containsPattern("id=\"reply-attachments\"[^>]*aria-invalid=\"true\"")
                .containsPattern("aria-describedby=\"reply-attachments-hint reply-attachments-again reply-attachments-error\"")
                .contains("id=\"reply-attachments-again\">Valitsemiasi liitteitä ei tallennettu.")
                .contains(">Luonnos, jota ei saa kadottaa.</textarea>");
        assertThat(messages(c)).as(message).extracting(CaseMessage::kind).containsExactly(MessageKind.INBOUND);
    }

    @Test
    void badFilesBringTheFormBackWithTheDraftAndAClearError() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Huonot liitteet", "Viesti");
        String draft = "Luonnos, jota ei saa kadottaa.";

        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        refused(c, post(form(c, "reply", draft, file("iso.pdf", "application/pdf", big))), 422,
                "Liite iso.pdf on liian suuri (enintään 10 Mt).");

        MockMultipartFile[] six = new MockMultipartFile[6];
        for (int i = 0; i < six.length; i++) six[i] = file("liite" + i + ".pdf", "application/pdf", PDF);
        refused(c, post(form(c, "reply", draft, six)), 422, "Liikaa liitteitä (enintään 5).");

        byte[] exe = "MZ\u0090\u0000\u0003\u0000 This program cannot be run in DOS mode.".getBytes(StandardCharsets.ISO_8859_1);
        refused(c, post(form(c, "reply", draft, file("ohje.exe", "application/octet-stream", exe))), 415,
                "Liitteen ohje.exe tiedostotyyppiä ei hyväksytä. Sallittuja ovat PDF, kuvat, teksti- ja toimistotiedostot.");
        // what a file claims to be is not trusted: a program named .pdf, with a PDF's type, is still a program
        refused(c, post(form(c, "reply", draft, file("lasku.pdf", "application/pdf", exe))), 415,
                "Liitteen lasku.pdf tiedostotyyppiä ei hyväksytä. Sallittuja ovat PDF, kuvat, teksti- ja toimistotiedostot.");
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        refused(c, post(form(c, "reply", draft, file("sivu.html", "text/html", html))), 415,
                "Liitteen sivu.html tiedostotyyppiä ei hyväksytä. Sallittuja ovat PDF, kuvat, teksti- ja toimistotiedostot.");

        refused(c, post(form(c, "reply", draft, file("tyhjä.pdf", "application/pdf", new byte[0]))), 422,
                "Liite tyhjä.pdf on tyhjä. Valitse tiedosto, jossa on sisältöä.");

        // an empty text and a bad file: both errors at once, each at its own field
        MockHttpServletResponse both = post(form(c, "reply", "", file("tyhjä.pdf", "application/pdf", new byte[0])));
        assertThat(both.getStatus()).isEqualTo(422);
        assertThat(html(both)).contains("<a href=\"#reply-body\">Kirjoita vastaus ennen lähettämistä.</a>",
                "<a href=\"#reply-attachments\">Liite tyhjä.pdf on tyhjä. Valitse tiedosto, jossa on sisältöä.</a>");

        // in Swedish
        MockHttpServletResponse swedish = post("sv", form(c, "reply", draft, six));
        assertThat(swedish.getStatus()).isEqualTo(422);
        assertThat(html(swedish)).contains("<a href=\"#reply-attachments\">För många bilagor (högst 5).</a>",
                "Bilagorna du valde sparades inte.", ">" + draft + "</textarea>");

        // a note's files are checked the same way, the error at the note's file field
        MockHttpServletResponse note = post(form(c, "notes", "Muistion luonnos.", file("ohje.exe", "application/octet-stream", exe)));
        assertThat(note.getStatus()).isEqualTo(415);
        assertThat(html(note)).contains("<a href=\"#note-attachments\">Liitteen ohje.exe", ">Muistion luonnos.</textarea>",
                "id=\"note-attachments-again\"");
        assertThat(messages(c)).extracting(CaseMessage::kind).containsExactly(MessageKind.INBOUND);
    }

    @Test
    void aHostileFileNameIsStoredAndServedHarmlessly() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Vihamielinen nimi", "Viesti");
        String hostile = "..\\..\\Windows\\<b>evil</b>\r\nX-Injected: 1\"; filename=ok.txt";
        assertThat(post(form(c, "reply", "Tiedosto liitteenä.",
                file(hostile, "text/plain", "tavallista tekstiä\n".getBytes(StandardCharsets.UTF_8)))).getStatus()).isEqualTo(302);
        CaseMessage.AttachmentInfo stored = messages(c).stream().filter(m -> m.kind() == MessageKind.OUTBOUND).findFirst()
                .orElseThrow().attachments().getFirst();
        // the last path segment ("b>..." after "</"), control and reserved characters replaced
        assertThat(stored.filename()).isEqualTo("b___X-Injected_ 1_; filename=ok.txt");

        String page = pages.page(org.agent(), "/workspace/cases/" + c.id());
        assertThat(page).contains(">b___X-Injected_ 1_; filename=ok.txt<").doesNotContain("<b>evil");
        MockHttpServletResponse download = pages.send(org.agent(), get("/workspace/cases/" + c.id() + "/attachments/" + stored.id()));
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getHeader("X-Injected")).isNull();
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;").doesNotContain("\r", "\n");
        // read as a browser reads it: one file name, the stored one (the ";" and "=" stay inside the quoted value)
        assertThat(ContentDisposition.parse(download.getHeader("Content-Disposition")).getFilename())
                .isEqualTo("b___X-Injected_ 1_; filename=ok.txt");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anUploadOverTheContainersLimitGetsTheLocalized413Page() throws Exception {
        OpenedCase c = fixtures.aCase(org, "Liian suuri lähetys", "Viesti");
        byte[] huge = new byte[11 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        for (String lang : List.of("fi", "sv")) {
            Browserless agent = new Browserless(lang);
            agent.login(org.agent().username());
            agent.get("/workspace/cases/" + c.id());
            HttpResponse<String> response = agent.postFile("/workspace/cases/" + c.id() + "/reply", "body", "Luonnos", "iso.txt", huge);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("lang=\"" + lang + "\"").contains(lang.equals("fi")
                    ? "Lähettämäsi tiedot tai liitteet ovat liian suuria." : "Uppgifterna eller bilagorna du skickade är för stora.");
            assertThat(agent.get("/workspace/cases/" + c.id()).statusCode()).as("the session still works").isEqualTo(200);
        }
        assertThat(messages(c)).extracting(CaseMessage::kind).containsExactly(MessageKind.INBOUND);

        // the same session sends a file within the limits through the real container
        Browserless agent = new Browserless("fi");
        agent.login(org.agent().username());
        agent.get("/workspace/cases/" + c.id());
        HttpResponse<String> ok = agent.postFile("/workspace/cases/" + c.id() + "/reply", "body", "Pieni liite", "pieni.pdf", PDF);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(messages(c)).filteredOn(m -> m.kind() == MessageKind.OUTBOUND).singleElement()
                .satisfies(m -> assertThat(m.attachments()).extracting(CaseMessage.AttachmentInfo::filename).containsExactly("pieni.pdf"));
    }

    /** A browser's session over real HTTP (the container parses the multipart body, with its limits). */
    final class Browserless {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        final String language;
        String csrf;

        Browserless(String language) {
            this.language = language;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", language)
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) csrf = token.group(1);
            return response;
        }

        void login(String username) throws Exception {
            get("/login");
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(Fixtures.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        }

        HttpResponse<String> postFile(String path, String field, String value, String filename, byte[] content) throws Exception {
            String boundary = "----aspa" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--"
                    + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
