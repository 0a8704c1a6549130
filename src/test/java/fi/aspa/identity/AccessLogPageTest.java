package fi.aspa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The administrators' review of the personal-data access log: narrowed by staff member, customer, purpose and days,
 * paged without gaps or repeats, as CSV with formula-looking cells neutralized; only the organization's own entries;
 * a review of one customer's log is logged itself; bad filters get field errors, a forged page link a 422; agents and
 * unit managers are refused.
 */
@AspaTest
class AccessLogPageTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired PersonalDataLog log;
    @Autowired Customers customers;
    @Autowired JdbcClient db;

    UUID customer(Fixtures.Org org, String name) {
        return customers.resolve(org.id(), ContactDetails.resident(name, name.toLowerCase().replace(' ', '.') + "@example.fi", null, Language.FI));
    }

    String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** Moves the entries of this detail to the given time, for the date filter. */
    void at(String detail, String instant) {
        db.sql("update personal_data_access set accessed_at = ? where detail = ?").params(Timestamp.from(Instant.parse(instant)), detail).update();
    }

    @Test
    void anAdministratorNarrowsTheLogAndTheReviewOfOneCustomerIsLoggedToo() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        UUID maija = customer(org, "Maija Meikalainen");
        UUID matti = customer(org, "Matti Virtanen");
        UUID outsider = customer(other, "Olli Ulkopuolinen");
        log.record(org.id(), org.agent().id(), maija, "case-handling", "ASPA-2026-000001");
        log.record(org.id(), org.colleague().id(), matti, "phone-call", "incoming call");
        log.record(other.id(), other.agent().id(), outsider, "case-handling", "ASPA-2026-999999");

        String all = pages.page(admin, "/workspace/admin/access-log");
        assertThat(all).contains("<h1>Henkilötietojen käyttöloki</h1>", "ASPA-2026-000001", "incoming call",
                        "Asian käsittely", "Puhelu", org.agent().displayName(), org.colleague().displayName(),
                        "Asiakas " + maija.toString().substring(0, 8))
                .as("another organization's log").doesNotContain("ASPA-2026-999999")
                .as("the review names no customer").doesNotContain("Maija Meikalainen", "Matti Virtanen");

        String byStaff = pages.page(admin, "/workspace/admin/access-log?staff=" + org.colleague().id());
        assertThat(byStaff).contains("incoming call").doesNotContain("ASPA-2026-000001");
        String byPurpose = pages.page(admin, "/workspace/admin/access-log?purpose=case-handling");
        assertThat(byPurpose).contains("ASPA-2026-000001").doesNotContain("incoming call");

        String byCustomer = pages.page(admin, "/workspace/admin/access-log?customer=" + maija);
        assertThat(byCustomer).contains("ASPA-2026-000001").doesNotContain("incoming call");
        assertThat(log.forCustomer(org.id(), maija, 10)).first()
                .satisfies(e -> {
                    assertThat(e.purpose()).isEqualTo(AccessLogPage.PURPOSE);
                    assertThat(e.staffUserId()).isEqualTo(admin.id());
                });
        assertThat(pages.page(admin, "/workspace/admin/access-log?customer=" + maija))
                .as("the customer's log now shows the review").contains("Lokitietojen tarkastus", "Anna Admin");

        assertThat(pages.page(admin, "/workspace/admin/access-log?customer=" + outsider))
                .as("another organization's customer").contains("Ei merkintöjä.").doesNotContain("ASPA-2026-999999");
        assertThat(log.forCustomer(other.id(), outsider, 10)).as("nothing written to the other organization's log")
                .extracting(PersonalDataLog.Entry::purpose).containsExactly("case-handling");
        assertThat(db.sql("select count(*) from personal_data_access where customer_id = ?").param(outsider)
                .query(Integer.class).single()).as("nor to this one's: the review showed no one's data").isEqualTo(1);

        UUID nobody = UUID.fromString("00000000-0000-0000-0000-000000000000");
        assertThat(pages.page(admin, "/workspace/admin/access-log?customer=" + nobody))
                .as("an id that is no customer").contains("Ei merkintöjä.");
        assertThat(pages.send(admin, get("/workspace/admin/access-log/export?customer=" + nobody)).getStatus()).isEqualTo(200);
    }

    @Test
    void daysAreHelsinkiDaysAndTheEndDayIsIncluded() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        UUID maija = customer(org, "Maija Meikalainen");
        log.record(org.id(), org.agent().id(), maija, "case-handling", "before-midnight");
        log.record(org.id(), org.agent().id(), maija, "case-handling", "after-midnight");
        log.record(org.id(), org.agent().id(), maija, "case-handling", "next-day");
        at("before-midnight", "2026-03-09T21:59:00Z"); // 9.3. 23.59 in Helsinki
        at("after-midnight", "2026-03-09T22:01:00Z");  // 10.3. 00.01
        at("next-day", "2026-03-11T10:00:00Z");

        String tenth = pages.page(admin, "/workspace/admin/access-log?customer=" + maija + "&from=2026-03-10&to=2026-03-10");
        assertThat(tenth).contains("after-midnight").doesNotContain("before-midnight", "next-day");
        String finnishDates = pages.page(admin, "/workspace/admin/access-log?customer=" + maija + "&from=10.3.2026&to=11.3.2026");
        assertThat(finnishDates).contains("after-midnight", "next-day").doesNotContain("before-midnight");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        UUID maija = customer(org, "Maija Meikalainen");
        for (int i = 0; i < AccessLogPage.PAGE_SIZE + 5; i++) log.record(org.id(), org.agent().id(), maija, "case-handling", "view-" + i + ".");
        // the same time for all: the id decides the order within it
        db.sql("update personal_data_access set accessed_at = ? where customer_id = ?").params(Timestamp.from(Instant.parse("2026-05-05T08:00:00Z")), maija).update();

        String first = pages.page(admin, "/workspace/admin/access-log?purpose=case-handling&customer=" + maija);
        Matcher older = Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(first);
        assertThat(older.find()).as("a link to the older entries").isTrue();
        String link = older.group(1).replace("&amp;", "&");
        assertThat(link).contains("purpose=case-handling", "customer=" + maija, "before=");
        String second = pages.page(admin, link);
        assertThat(second).doesNotContain("id=\"older\"");
        int seen = 0;
        for (int i = 0; i < AccessLogPage.PAGE_SIZE + 5; i++) {
            String detail = ">view-" + i + ".<";
            boolean onFirst = first.contains(detail);
            boolean onSecond = second.contains(detail);
            assertThat(onFirst && onSecond).as(detail + " on both pages").isFalse();
            if (onFirst || onSecond) seen++;
        }
        assertThat(seen).isEqualTo(AccessLogPage.PAGE_SIZE + 5);
    }

    @Test
    void theExportIsCsvWithFormulasNeutralized() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        UUID maija = customer(org, "Maija Meikalainen");
        log.record(org.id(), org.agent().id(), maija, "case-handling", "=HYPERLINK(\"http://evil\";\"x\")");
        log.record(org.id(), org.agent().id(), maija, "phone-call", "line one\nline two; with semicolon");

        MockHttpServletResponse csv = pages.send(admin, get("/workspace/admin/access-log/export?customer=" + maija));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition")).contains("attachment", "access-log.csv");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFAika;Lukija;Nimi;Asiakkaan tunniste;Käyttötarkoitus;Käyttötarkoituksen koodi;Tarkenne\r\n")
                .contains(";\"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\"")
                .contains("\"line one\nline two; with semicolon\"")
                .contains(";Työntekijä;" + org.agent().displayName() + ";" + maija + ";Asian käsittely;case-handling;");
        assertThat(log.forCustomer(org.id(), maija, 1)).first()
                .satisfies(e -> assertThat(e.purpose() + " " + e.detail()).isEqualTo(AccessLogPage.PURPOSE + " export"));
    }

    @Test
    void badFiltersGetFieldErrorsAndAForgedPageLinkA422() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        MockHttpServletResponse bad = pages.send(admin, get("/workspace/admin/access-log?customer=<script>x</script>&from=31.2.2026&to=1.1.2026&staff=nobody"));
        assertThat(bad.getStatus()).isEqualTo(200);
        String page = html(bad);
        assertThat(page).contains("Asiakkaan tunniste on muotoa", "Anna päivämäärä muodossa 31.12.2026.", "Valitse työntekijä listasta.",
                        "aria-invalid=\"true\"")
                .doesNotContain("<script>x</script>").contains("&lt;script&gt;x&lt;/script&gt;");
        assertThat(html(pages.send(admin, get("/workspace/admin/access-log?from=2.1.2026&to=1.1.2026"))))
                .contains("Päättymispäivä on ennen alkamispäivää.");
        assertThat(html(pages.in("sv").send(admin, get("/workspace/admin/access-log?from=2.1.2026&to=1.1.2026"))))
                .contains("Slutdatumet är före startdatumet.");
        assertThat(pages.send(admin, get("/workspace/admin/access-log?before=12_not-a-uuid")).getStatus()).isEqualTo(422);
        assertThat(pages.send(admin, get("/workspace/admin/access-log/export?customer=x")).getStatus()).isEqualTo(422);
    }

    @Test
    void onlyAdministratorsReviewTheLog() throws Exception {
        Fixtures.Org org = fixtures.organization();
        assertThat(pages.send(org.agent(), get("/workspace/admin/access-log")).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.manager(), get("/workspace/admin/access-log")).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.manager(), get("/workspace/admin/access-log/export")).getStatus()).isEqualTo(403);
        assertThat(pages.send(get("/workspace/admin/access-log")).getStatus()).as("signed out: to the login page").isEqualTo(302);
    }
}
