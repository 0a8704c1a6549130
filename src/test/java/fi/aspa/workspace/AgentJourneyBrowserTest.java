package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent's day in a real Chromium, in Finnish and in Swedish: log in, find the case in the queue with a
 * search, open it, fail to send an empty reply, have a file over the upload limit stopped in the page and a program
 * refused by the server as an attachment (the draft kept both times), reply with a PDF attached,
 * transfer it to the other unit with a note. Every step passes the axe WCAG 2.1 A/AA scan.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentJourneyBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void agentFindsRepliesAndTransfersACase(String lang, @TempDir Path files) throws Exception {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        String word = "kuusenkerkkä" + lang;
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Sara Svensson", "sara." + lang + "@example.fi",
                null, Language.SV));
        OpenedCase c = cases.open(org.id(), new NewCase(Channel.EMAIL, customer, "Fråga om " + word,
                "Hej! Min fråga gäller " + word + ".", Language.SV, null, org.service().id(), null, Set.of(), List.of(),
                Actor.customer()));
        fixtures.aCase(org, "Toinen asia jonossa", "Tämä ei ole haettu asia");
        Path decision = files.resolve("beslut " + lang + ".pdf");
        Files.write(decision, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        Path huge = files.resolve("iso.pdf");
        try (var out = Files.newOutputStream(huge)) {
            out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[11 * 1024 * 1024]);
        }
        Path program = files.resolve("ohjelma.exe");
        Files.write(program, "MZ\u0090\u0000\u0003\u0000 This program cannot be run in DOS mode.".getBytes(StandardCharsets.ISO_8859_1));

        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=" + lang);
        browser.type("#username", org.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor("#queue-filters");
        assertThat(browser.currentPath()).startsWith("/workspace");
        assertThat(browser.lang()).isEqualTo(lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Työjonot" : "Arbetsköer");
        browser.assertAccessible("queue " + lang);

        assertThat(browser.findAll("#queue-results tbody tr")).as("the unit's queue before searching").hasSize(2);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.aspaSamePage = true;");
        browser.type("#q", word).click("#queue-filters button[type=submit]");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("q=" + word.substring(0, 5)));
        browser.waitFor("#queue-results a[href='/workspace/cases/" + c.id() + "']");
        assertThat(browser.findAll("#queue-results tbody tr")).hasSize(1);
        assertThat(js.executeScript("return window.aspaSamePage === true;")).as("htmx updated the table in place").isEqualTo(true);
        assertThat(browser.text("#queue-status")).contains(fi ? "näytetään 1 asia." : "visas 1 ärende.");
        browser.assertAccessible("search " + lang);

        browser.click("#queue-results a[href='/workspace/cases/" + c.id() + "']");
        browser.waitFor("#reply-body");
        assertThat(browser.text("h1")).isEqualTo("Fråga om " + word);
        assertThat(browser.text("#reply-language")).contains("svenska");
        assertThat(browser.text(".message--inbound .message__kind")).isEqualTo(fi ? "Asiakkaalta" : "Från kunden");
        browser.assertAccessible("case " + lang);

        browser.click("#reply button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#reply-body").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text(".error-summary a")).isEqualTo(fi ? "Kirjoita vastaus ennen lähettämistä." : "Skriv ett svar innan du skickar det.");
        browser.assertAccessible("empty reply " + lang);

        // a file over the upload limit is stopped in the page before it is sent: nothing typed is lost
        browser.type("#reply-body", "Hej Sara! Vi utreder saken.");
        browser.find("#reply-attachments").sendKeys(huge.toString());
        browser.click("#reply button[type=submit]");
        browser.waitFor("#reply-attachments-error");
        assertThat(browser.text("#reply-attachments-error").replaceAll("\\s+", " ")).isEqualTo((fi ? "Virhe: Liite " : "Fel: Bilagan ") + "iso.pdf"
                + (fi ? " on liian suuri (enintään 10 Mt)." : " är för stor (högst 10 MB)."));
        assertThat(browser.find("#reply-attachments").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#reply-attachments").getAttribute("aria-describedby")).endsWith("reply-attachments-error");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("reply-attachments");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#reply-body").getAttribute("value")).isEqualTo("Hej Sara! Vi utreder saken.");
        assertThat(cases.detail(org.id(), c.id()).orElseThrow().messages()).as("nothing was sent").hasSize(1);
        browser.assertAccessible("file too large " + lang);

        // a file the case does not accept: the page again with the text as written and the error at the file field
        browser.find("#reply-attachments").clear();
        browser.find("#reply-attachments").sendKeys(program.toString());
        browser.clickAndWaitForNewPage("#reply button[type=submit]");
        browser.waitFor(".error-summary");
        assertThat(browser.text(".error-summary a")).isEqualTo(fi
                ? "Liitteen ohjelma.exe tiedostotyyppiä ei hyväksytä. Sallittuja ovat PDF, kuvat, teksti- ja toimistotiedostot."
                : "Filtypen för bilagan ohjelma.exe godkänns inte. Tillåtna är PDF, bilder, text- och kontorsfiler.");
        assertThat(browser.find(".error-summary a").getAttribute("href")).endsWith("#reply-attachments");
        assertThat(browser.find("#reply-attachments").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#reply-body").getAttribute("value")).isEqualTo("Hej Sara! Vi utreder saken.");
        assertThat(browser.text("#reply-attachments-again")).startsWith(fi ? "Valitsemiasi liitteitä ei tallennettu." : "Bilagorna du valde sparades inte.");
        browser.assertAccessible("refused file " + lang);

        // the reply with a file
        browser.find("#reply-attachments").sendKeys(decision.toString());
        new Select(browser.find("#reply-after")).selectByValue("WAITING");
        browser.clickAndWaitForNewPage("#reply button[type=submit]");
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Vastaus lähetettiin asiakkaalle." : "Svaret skickades till kunden.");
        assertThat(browser.text(".message--outbound .message__body")).isEqualTo("Hej Sara! Vi utreder saken.");
        assertThat(browser.text(".message--outbound .message__files a")).isEqualTo("beslut " + lang + ".pdf");
        assertThat(browser.find(".message--outbound .message__files a").getAttribute("href"))
                .contains("/workspace/cases/" + c.id() + "/attachments/");
        browser.assertAccessible("replied " + lang);

        new Select(browser.find("#transfer-unit")).selectByValue(org.building().id().toString());
        browser.type("#transfer-note", "Gäller bygglov, hör till er.");
        browser.clickAndWaitForNewPage("#actions form[action$='/transfer'] button[type=submit]");
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Asia siirrettiin toiseen yksikköön." : "Ärendet överfördes till en annan enhet.");
        browser.assertAccessible("transferred " + lang);


        CaseSummary after = cases.summary(org.id(), c.id()).orElseThrow();
        assertThat(after.unitId()).isEqualTo(org.building().id());
        assertThat(after.status()).isEqualTo(CaseStatus.WAITING);
        assertThat(cases.detail(org.id(), c.id()).orElseThrow().messages())
                .anySatisfy(m -> {
                    assertThat(m.kind()).isEqualTo(MessageKind.NOTE);
                    assertThat(m.body()).isEqualTo("Gäller bygglov, hör till er.");
                })
                .anySatisfy(m -> {
                    assertThat(m.kind()).isEqualTo(MessageKind.OUTBOUND);
                    assertThat(m.attachments()).extracting(a -> a.filename() + " " + a.contentType() + " " + a.sizeBytes())
                            .containsExactly("beslut " + lang + ".pdf application/pdf " + Files.size(decision));
                });
    }
}
