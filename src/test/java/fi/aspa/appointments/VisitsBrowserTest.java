package fi.aspa.appointments;

import fi.aspa.platform.PublicRateLimits;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.WallClock;
import fi.aspa.browser.Browser;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.LocalizedText;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Visits in a real Chromium, in Finnish and in Swedish, with the axe WCAG 2.1 A/AA scan at every step: a resident
 * asks for a call back and books (and cancels) an appointment, a walk-in customer takes a number at the kiosk and
 * the display calls it (updated in place by htmx), and an agent logs the call, serves the next number at the desk
 * and records the callback's outcome.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitsBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Organizations organizations;
    @Autowired Appointments appointments;
    @Autowired WalkInQueue queue;
    @Autowired Cases cases;
    @Autowired PublicRateLimits limits;
    Fixtures.Org pub;
    Browser browser;

    @BeforeAll
    void start() {
        pub = fixtures.publicOrganization();
        limits.reset();
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void residentAndAgentVisitJourneys(String lang) {
        boolean fi = lang.equals("fi");
        // the pages go by the application's clock: the callback form's day is today's, and the number the kiosk gives
        // today is called from today's queue; all of one journey falls on one day
        WallClock.sameDayFor(Duration.ofMinutes(5));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ServicePoint point = organizations.createServicePoint(pub.id(), pub.service().id(),
                new LocalizedText("Palvelupiste " + tag, "Serviceställe " + tag, "Service point " + tag), "Torikatu 3", "00100", "Helsinki");
        List<OpeningHours> everyDay = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) everyDay.add(new OpeningHours(d, LocalTime.of(8, 0), LocalTime.of(20, 0)));
        appointments.setOpeningHours(pub.id(), point.id(), everyDay);
        VisitService service = appointments.addService(pub.id(), point.id(), new NewVisitService("housing",
                new LocalizedText("Asumisneuvonta", "Boenderådgivning", "Housing advice"), 60, 1,
                EnumSet.of(AppointmentMode.IN_PERSON, AppointmentMode.VIDEO), true, true, "H"));
        String name = (fi ? "Raili Soittaja " : "Rut Ringare ") + tag;
        String number = "044" + (1_000_000 + (int) (Math.random() * 8_999_999));
        browser.driver().manage().deleteAllCookies();

        // ---- callback request
        browser.open("/?lang=" + lang).assertAccessible("front page " + lang);
        browser.click("main a[href='/callback']");
        browser.waitFor("form[action='/callback']");
        browser.assertAccessible("callback form " + lang);
        browser.click("#send");
        browser.waitFor(".error-summary");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#phone").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("callback errors " + lang);
        browser.type("#name", name).type("#phone", number.substring(0, 3) + " " + number.substring(3));
        browser.click("#window-MORNING").click("#send");
        browser.waitFor("#reference");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Soitamme sinulle" : "Vi ringer dig");
        browser.assertAccessible("callback sent " + lang);

        // ---- appointment: point, service, time, details (an error first), confirmation, cancellation
        browser.open("/appointments");
        browser.assertAccessible("appointment points " + lang);
        browser.click("a[href='/appointments/" + point.id() + "']");
        browser.waitFor("a[href='/appointments/" + point.id() + "/" + service.id() + "']");
        browser.assertAccessible("appointment services " + lang);
        browser.click("a[href='/appointments/" + point.id() + "/" + service.id() + "']");
        browser.waitFor(".slot");
        browser.assertAccessible("appointment slots " + lang);
        // the last slot on the page, days ahead: the first may start within seconds, and a slot that has begun
        // between showing the page and booking is (rightly) no longer bookable
        List<WebElement> slots = browser.findAll(".slot");
        slots.get(slots.size() - 1).click();
        browser.waitFor("#book");
        assertThat(new Select(browser.find("#start")).getFirstSelectedOption().getAttribute("value")).isNotEmpty();
        browser.assertAccessible("appointment details " + lang);
        browser.click("#mode-VIDEO").click("#book");
        browser.waitFor(".error-summary");
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("appointment details errors " + lang);
        browser.type("#name", name).type("#email", "varaaja." + tag + "@example.fi");
        browser.click("#book");
        browser.waitFor("#manage-link");
        assertThat(browser.text("h1")).isEqualTo(fi ? "Aikasi on varattu" : "Din tid är bokad");
        assertThat(browser.find("#video-link").getText()).startsWith("https://video.example.invalid/");
        String reference = browser.text("#appointment-reference");
        browser.assertAccessible("appointment booked " + lang);
        browser.click("#manage-link");
        browser.waitFor("#cancel");
        browser.assertAccessible("appointment manage " + lang);
        browser.click("#cancel");
        browser.waitFor("#cancelled");
        assertThat(browser.text("#notice")).isEqualTo(fi ? "Varaus peruttiin. Kiitos, että ilmoitit." : "Bokningen avbokades. Tack för att du meddelade oss.");
        browser.assertAccessible("appointment cancelled " + lang);
        UUID appointmentCase = cases.idByReference(pub.id(), reference).orElseThrow();
        assertThat(cases.summary(pub.id(), appointmentCase)).map(c -> c.status()).contains(CaseStatus.RESOLVED);
        assertThat(cases.summary(pub.id(), appointmentCase)).map(c -> c.channel()).contains(Channel.APPOINTMENT);

        // ---- kiosk and display
        browser.open("/kiosk/" + point.id());
        browser.waitFor(".kiosk__button");
        browser.assertAccessible("kiosk " + lang);
        assertThat(browser.findAll("header a")).as("no way out of the kiosk through its header").isEmpty();
        browser.click("#service-" + service.id());
        browser.waitFor("#ticket-number");
        String first = browser.text("#ticket-number");
        assertThat(first).isEqualTo("H001");
        assertThat(browser.text("#ticket-timeout")).as("the time limit is told").contains(fi ? "Minuutin kuluttua" : "Om en minut");
        browser.assertAccessible("kiosk ticket " + lang);

        browser.open("/display/" + point.id());
        browser.waitFor("#now-calling");
        browser.assertAccessible("display " + lang);
        queue.callNext(pub.id(), point.id(), null, "7", pub.colleague().id());
        browser.waitForText("#now-calling", first);
        assertThat(browser.text("#now-calling")).contains(fi ? "Tiski 7" : "Disk 7");
        assertThat(browser.find("#now-calling").getAttribute("aria-live")).as("the live region stayed").isEqualTo("polite");
        browser.assertAccessible("display called " + lang);
        String second = queue.take(pub.id(), point.id(), service.id()).code();

        // ---- the agent: log the call, serve at the desk, record the callback
        browser.open("/login?lang=" + lang);
        browser.type("#username", pub.agent().username()).type("#password", Fixtures.PASSWORD).click("form.form button[type=submit]");
        browser.waitFor(".workspace-nav");
        browser.open("/workspace/phone");
        browser.waitFor("#number");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).as("the number has the focus").isEqualTo("number");
        browser.assertAccessible("phone " + lang);
        browser.type("#number", number);
        browser.find("#number").submit();
        browser.waitFor("#callers-title");
        assertThat(browser.text(".case-side")).contains(name);
        browser.assertAccessible("phone caller found " + lang);
        browser.click("#save-call");
        browser.waitFor(".error-summary");
        browser.assertAccessible("phone errors " + lang);
        // the caller's callback request is an open case: the call can go to it, and nothing is chosen for the agent
        assertThat(browser.text("#case-choice legend")).isEqualTo(fi ? "Mitä puhelu koskee?" : "Vad gäller samtalet?");
        assertThat(browser.findAll("#case-choice input[name=case]:checked")).isEmpty();
        browser.type("#notes", fi ? "Kysyi vuokratuesta." : "Frågade om bostadsbidrag.");
        browser.click("#case-choice input[name=case]:not(#case-new)").click("#outcome-FOLLOW_UP").click("#save-call");
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).contains(fi ? "Puhelu lisättiin asiaan" : "Samtalet lades till i ärende");
        browser.assertAccessible("phone logged " + lang);

        browser.open("/workspace/desk");
        browser.waitFor("#point");
        browser.assertAccessible("desk " + lang);
        new Select(browser.find("#point")).selectByValue(point.id().toString());
        browser.type("#desk", "3").click("#desk-settings button[type=submit]");
        browser.waitFor("#call-next");
        browser.assertAccessible("desk ready " + lang);
        browser.clickAndWaitForNewPage("#call-next");
        browser.waitFor("#current-number");
        assertThat(browser.text("#current-number")).isEqualTo(second);
        browser.assertAccessible("desk serving " + lang);
        browser.clickAndWaitForNewPage("#served-submit");
        browser.waitFor("#notice");
        assertThat(browser.findAll("#current-number")).isEmpty();
        browser.assertAccessible("desk served " + lang);

        browser.open("/workspace/callbacks");
        browser.waitFor(".callbacks");
        browser.assertAccessible("callbacks " + lang);
        WebElement request = browser.findAll("li.callback").stream().filter(e -> e.getText().contains(name)).findFirst().orElseThrow();
        browser.clickAndWaitForNewPage(request.findElement(By.cssSelector("h2 a")));
        browser.waitFor(".callback__form");
        browser.assertAccessible("callback request " + lang);
        new Select(browser.find(".callback__form select[name=outcome]")).selectByValue("FOLLOW_UP");
        browser.clickAndWaitForNewPage(".callback__form button[type=submit]");
        browser.waitFor("#notice");
        assertThat(browser.text("#notice")).contains(name);
        browser.assertAccessible("callback done " + lang);
        browser.open("/workspace/callbacks?show=done");
        assertThat(browser.text("main")).contains(name);
    }
}
