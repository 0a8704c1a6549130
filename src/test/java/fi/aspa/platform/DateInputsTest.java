package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.StaffUser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The date fields people type into (the call-back day, an extra closed day, an absence) in each language: the example
 * beside the field and in its error is written the way that language writes dates ({@link DateTimes}: 24.11.2026,
 * 2026-11-24, 24/11/2026), and a date typed that way is accepted, as is the Finnish form in every language.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DateInputsTest {
    static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired Fixtures fixtures;
    @Autowired StaffPages staffPages;

    Fixtures.Org org;
    StaffUser admin;

    @BeforeAll
    void setUp() {
        fixtures.publicOrganization();
        org = fixtures.organization();
        admin = fixtures.admin(org);
    }

    static LocalDate today() {
        return LocalDate.now(DateTimes.HELSINKI);
    }

    /** The hint's text (the element with this id), tags and entities aside. */
    static String hint(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as(id + " in " + html).isTrue();
        return m.group(1);
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    MockHttpServletResponse callback(String lang, String date) throws Exception {
        MockHttpServletRequestBuilder request = post("/callback").with(csrf()).param("name", "Kaisa Kutsu")
                .param("phone", "+358 40 765 4321").param("date", date).param("window", "AFTERNOON")
                .param("topic", "early-education").param("message", "").param("website", "");
        return staffPages.in(lang).send(request.with(r -> {
            r.setRemoteAddr("10.78.0." + ADDRESS.getAndIncrement());
            return r;
        }));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fi | d.M.yyyy   | esimerkiksi | \\d{1,2}\\.\\d{1,2}\\.\\d{4}",
            "sv | yyyy-MM-dd | till exempel | \\d{4}-\\d{2}-\\d{2}",
            "en | dd/MM/yyyy | for example | \\d{2}/\\d{2}/\\d{4}"})
    void theCallbackDayIsExplainedAndAcceptedInTheLanguage(String lang, String pattern, String forExample, String shape) throws Exception {
        DateTimeFormatter typed = DateTimeFormatter.ofPattern(pattern);
        String page = html(staffPages.in(lang).send(get("/callback")));
        String example = DateTimes.date(today(), Locale.forLanguageTag(lang));
        assertThat(example).matches(shape);
        assertThat(hint(page, "date-hint")).contains(forExample + " " + example + ".");

        String wrong = html(callback(lang, "huomenna"));
        assertThat(wrong).contains(forExample + " " + example);

        MockHttpServletResponse sent = callback(lang, today().plusDays(1).format(typed));
        assertThat(sent.getStatus()).as(html(sent)).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/callback/sent");
        // the date picker's ISO and the Finnish form are accepted in every language, as before
        assertThat(callback(lang, today().plusDays(2).toString()).getStatus()).isEqualTo(302);
        assertThat(callback(lang, today().plusDays(3).format(DateTimeFormatter.ofPattern("d.M.yyyy"))).getStatus()).isEqualTo(302);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fi | d.M.yyyy   | Esimerkiksi  | 10",
            "sv | yyyy-MM-dd | Till exempel | 11",
            "en | dd/MM/yyyy | For example  | 12"})
    void anExtraClosedDayIsADateInputWithTheLanguagesExample(String lang, String pattern, String forExample, int month) throws Exception {
        Locale locale = Locale.forLanguageTag(lang);
        StaffPages pages = staffPages.in(lang);
        String page = pages.page(admin, "/workspace/admin/sla");
        assertThat(page).containsPattern("<input id=\"closed-day\" name=\"day\" type=\"date\"");
        assertThat(hint(page, "closed-day-hint")).isEqualTo(forExample + " " + DateTimes.date(today(), locale));

        MockHttpServletResponse wrong = pages.send(admin, post("/workspace/admin/sla/closed-days").with(csrf()).param("day", "joulu"));
        assertThat(html(wrong)).contains(DateTimes.date(today(), locale) + ".").contains("href=\"#closed-day\"");

        LocalDate day = LocalDate.of(today().getYear() + 1, month, 20);
        MockHttpServletResponse added = pages.send(admin, post("/workspace/admin/sla/closed-days").with(csrf())
                .param("day", day.format(DateTimeFormatter.ofPattern(pattern))));
        assertThat(added.getStatus()).as(html(added)).isEqualTo(302);
        LocalDate finnish = day.plusDays(1);
        assertThat(pages.send(admin, post("/workspace/admin/sla/closed-days").with(csrf())
                .param("day", finnish.format(DateTimeFormatter.ofPattern("d.M.yyyy")))).getStatus()).isEqualTo(302);
        assertThat(pages.page(admin, "/workspace/admin/sla"))
                .contains("datetime=\"" + day + "\">" + DateTimes.date(day, locale) + "<")
                .contains("datetime=\"" + finnish + "\">" + DateTimes.date(finnish, locale) + "<");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fi | d.M.yyyy   | esimerkiksi  | 5",
            "sv | yyyy-MM-dd | till exempel | 6",
            "en | dd/MM/yyyy | for example  | 7"})
    void anAbsenceTypedInTheLanguageIsAccepted(String lang, String pattern, String forExample, int daysAhead) throws Exception {
        Locale locale = Locale.forLanguageTag(lang);
        StaffPages pages = staffPages.in(lang);
        StaffUser me = switch (lang) {
            case "fi" -> org.agent();
            case "sv" -> org.colleague();
            default -> org.manager();
        };
        MockHttpServletResponse wrong = pages.send(me, post("/workspace/profile/absences").with(csrf()).param("first", "huomenna"));
        assertThat(html(wrong)).contains(forExample + " " + DateTimes.date(today(), locale) + ".");

        LocalDate first = today().plusDays(daysAhead);
        MockHttpServletResponse added = pages.send(me, post("/workspace/profile/absences").with(csrf())
                .param("first", first.format(DateTimeFormatter.ofPattern(pattern))).param("last", ""));
        assertThat(added.getStatus()).as(html(added)).isEqualTo(302);
        assertThat(pages.page(me, "/workspace/profile")).contains(DateTimes.date(first, locale));
    }
}
