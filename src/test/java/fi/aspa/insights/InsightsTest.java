package fi.aspa.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatistics;
import fi.aspa.cases.CaseStatistics.Contacts;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.feedback.Feedback;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.routing.RoutingStatistics;
import fi.aspa.sla.SlaCompliance;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The dashboard's figures from a small fixed set of cases opened, replied to and resolved at known Helsinki times in
 * March 2025 (a past period, so the real clock does not matter): exact counts, shares, medians and 90th percentiles
 * computed by hand; who sees which unit; that another organization's cases are never counted; week buckets at the
 * changes of daylight saving time and across a year end; empty periods, bad dates and the CSV.
 */
@AspaTest
class InsightsTest {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    Catalogue catalogue;
    @Autowired
    CaseStatistics statistics;
    @Autowired
    SlaCompliance sla;
    @Autowired
    RoutingStatistics routing;
    @Autowired
    Feedback feedback;
    @Autowired
    JdbcClient db;
    @Autowired
    fi.aspa.organization.Organizations organizations;

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(HELSINKI).toInstant();
    }

    UUID open(Fixtures.Org org, Channel channel, UUID unit) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(channel, customer, "Asia", "Teksti", Language.FI, null, unit, null,
                Set.of(), List.of(), channel == Channel.INTERNAL ? Actor.staff(org.agent().id()) : Actor.customer())).id();
    }

    /**
     * A case opened at {@code opened} (Helsinki), replied to {@code replyHours} later, resolved {@code resolveHours}
     * after opening and reopened {@code reopenHours} after it (each null when it did not happen); its times set after
     * the fact, as only the clock of the application could set them otherwise.
     */
    UUID aCase(Fixtures.Org org, Channel channel, UUID unit, String opened, Integer replyHours, Integer resolveHours,
               Integer reopenHours) {
        UUID id = open(org, channel, unit);
        Actor staff = Actor.staff(org.agent().id());
        if (replyHours != null) cases.reply(org.id(), id, staff, "Vastaus", null);
        if (resolveHours != null) cases.changeStatus(org.id(), id, staff, CaseStatus.RESOLVED);
        if (reopenHours != null) cases.changeStatus(org.id(), id, staff, CaseStatus.OPEN);
        fixtures.awaitSettled(org);
        Instant t0 = at(opened);
        Timestamp open = Timestamp.from(t0);
        Timestamp reply = replyHours == null ? open : Timestamp.from(t0.plus(Duration.ofHours(replyHours)));
        Timestamp resolve = resolveHours == null ? open : Timestamp.from(t0.plus(Duration.ofHours(resolveHours)));
        Timestamp reopen = reopenHours == null ? open : Timestamp.from(t0.plus(Duration.ofHours(reopenHours)));
        db.sql("update support_case set created_at = ? where id = ?").params(open, id).update();
        db.sql("update case_message set created_at = case when kind = 'OUTBOUND' then cast(? as timestamptz) else cast(? as timestamptz) end where case_id = ?")
                .params(reply, open, id).update();
        db.sql("""
                update case_event set created_at = case
                    when type = 'STATUS_CHANGED' and detail ->> 'to' = 'RESOLVED' then cast(? as timestamptz)
                    when type = 'STATUS_CHANGED' and detail ->> 'from' = 'RESOLVED' then cast(? as timestamptz)
                    when type = 'REPLIED' or (type = 'STATUS_CHANGED' and detail ->> 'from' = 'NEW') then cast(? as timestamptz)
                    else cast(? as timestamptz) end
                where case_id = ?""").params(resolve, reopen, reply, open, id).update();
        return id;
    }

    /** The table's rows as text: the cells of each row joined with " | ", tags and extra spaces removed. */
    static List<String> rows(String html, String tableId) {
        int start = html.indexOf("id=\"" + tableId + "\"");
        assertThat(start).as(tableId).isPositive();
        String table = html.substring(start, html.indexOf("</table>", start));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table);
        while (row.find()) {
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            List<String> cells = new ArrayList<>();
            while (cell.find()) cells.add(cell.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip());
            rows.add(String.join(" | ", cells));
        }
        return rows;
    }

    static final String MARCH = "/workspace/insights?from=3.3.2025&to=16.3.2025";

    @Test
    void exactFiguresOfAKnownSetOfCases() throws Exception {
        Fixtures.Org org = fixtures.organization();
        UUID service = org.service().id();
        // first replies after 1, 2, 3 and 5 hours; resolutions after 10, 20 and 30 hours; one reopened
        UUID a = aCase(org, Channel.WEB_FORM, service, "2025-03-03T00:10", 1, 10, null); // the period's first minutes
        UUID b = aCase(org, Channel.WEB_FORM, service, "2025-03-04T08:00", 2, 20, null);
        UUID c = aCase(org, Channel.EMAIL, service, "2025-03-05T08:00", 3, 30, 40);
        UUID d = aCase(org, Channel.PHONE, service, "2025-03-10T08:00", 5, null, null);
        UUID e = aCase(org, Channel.EMAIL, service, "2025-03-11T08:00", null, null, null);
        // outside the period by minutes, another unit's, a staff member's own, and another organization's
        aCase(org, Channel.WEB_FORM, service, "2025-03-02T23:50", 1, null, null);
        aCase(org, Channel.WEB_FORM, service, "2025-03-17T00:00", 1, null, null);
        UUID building = aCase(org, Channel.WEB_FORM, org.building().id(), "2025-03-06T12:00", 4, 8, null);
        aCase(org, Channel.INTERNAL, service, "2025-03-07T09:00", 6, 12, null);
        Fixtures.Org other = fixtures.organization();
        aCase(other, Channel.WEB_FORM, other.service().id(), "2025-03-05T08:00", 1, 2, null);
        // resolved before the period, reopened, and resolved again in it: not first resolved in the period
        UUID again = aCase(org, Channel.WEB_FORM, service, "2025-02-20T08:00", 1, 10, 20);
        cases.changeStatus(org.id(), again, Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        fixtures.awaitSettled(org);
        assertThat(db.sql("""
                update case_event set created_at = ? where case_id = ? and type = 'STATUS_CHANGED'
                  and detail ->> 'to' = 'RESOLVED' and created_at > ?""")
                .params(Timestamp.from(at("2025-03-06T08:00")), again, Timestamp.from(at("2025-02-21T08:00"))).update())
                .isEqualTo(1);

        // d was transferred to another unit and back by a person: re-routed by hand; e by the system (routing's
        // placement), which is not counted
        cases.transfer(org.id(), d, Actor.staff(org.manager().id()), org.building().id(), null);
        cases.transfer(org.id(), d, Actor.staff(org.manager().id()), service, null);
        cases.transfer(org.id(), e, Actor.system(), org.building().id(), null);
        cases.transfer(org.id(), e, Actor.system(), service, null);

        Instant from = at("2025-03-03T00:00");
        Instant to = at("2025-03-17T00:00");
        CaseStatistics.Figures residents = statistics.figures(org.id(), service, from, to).residents();
        assertThat(residents.contacts()).containsExactlyInAnyOrder(
                new Contacts(Channel.WEB_FORM, LocalDate.of(2025, 3, 3), 2),
                new Contacts(Channel.EMAIL, LocalDate.of(2025, 3, 3), 1),
                new Contacts(Channel.EMAIL, LocalDate.of(2025, 3, 10), 1),
                new Contacts(Channel.PHONE, LocalDate.of(2025, 3, 10), 1));
        assertThat(residents.opened()).isEqualTo(5);
        assertThat(residents.transferredByStaff()).isEqualTo(1);
        assertThat(residents.resolved()).isEqualTo(3);
        assertThat(residents.reopened()).isEqualTo(1);
        // open now, whenever opened: c reopened, d and e, and the two cases just outside the period
        assertThat(residents.backlog()).isEqualTo(5);
        assertThat(residents.backlogOver7Days()).isEqualTo(5);
        assertThat(residents.backlogOver30Days()).isEqualTo(5);
        // median of 1, 2, 3, 5 is 2.5; the 90th percentile 3 + 0.7 × (5 − 3) = 4.4
        assertThat(residents.firstResponse()).isEqualTo(new CaseStatistics.Durations(4, 2.5, 4.4));
        // median of 10, 20, 30 is 20; the 90th percentile 20 + 0.8 × (30 − 20) = 28
        assertThat(residents.resolution()).isEqualTo(new CaseStatistics.Durations(3, 20.0, 28.0));

        CaseStatistics.Figures internal = statistics.figures(org.id(), service, from, to).internal();
        assertThat(internal.contacts()).containsExactlyInAnyOrder(new Contacts(Channel.INTERNAL, LocalDate.of(2025, 3, 3), 1));
        assertThat(internal.firstResponse()).isEqualTo(new CaseStatistics.Durations(1, 6.0, 6.0));
        assertThat(internal.opened()).as("counted apart from the residents' five").isEqualTo(1);
        CaseStatistics.Figures none = statistics.figures(org.id(), service, at("2024-03-03T00:00"), at("2024-03-17T00:00")).internal();
        assertThat(none.contacts()).isEmpty();
        assertThat(none.opened()).isZero();
        assertThat(none.resolved()).isZero();
        assertThat(none.firstResponse()).isEqualTo(new CaseStatistics.Durations(0, null, null));
        assertThat(statistics.figures(org.id(), null, from, to).residents().contacts().stream().mapToLong(Contacts::cases).sum())
                .as("the whole organization has the other unit's case too").isEqualTo(6);

        // service levels: a met both, b met the first response only, d met the first response and its resolution
        // clock has breached while running; e's first response clock still runs within its target
        slaCase(org, a, service, "2025-03-03T00:10", clock("FIRST_RESPONSE", "STOPPED", 60, 240, false),
                clock("RESOLUTION", "STOPPED", 600, 960, false));
        slaCase(org, b, service, "2025-03-04T08:00", clock("FIRST_RESPONSE", "STOPPED", 120, 240, false),
                clock("RESOLUTION", "STOPPED", 1200, 960, false));
        slaCase(org, d, service, "2025-03-10T08:00", clock("FIRST_RESPONSE", "STOPPED", 200, 240, false),
                clock("RESOLUTION", "RUNNING", 2000, 960, true));
        slaCase(org, e, service, "2025-03-11T08:00", clock("FIRST_RESPONSE", "RUNNING", 100, 240, false));
        slaCase(org, building, org.building().id(), "2025-03-06T12:00", clock("FIRST_RESPONSE", "STOPPED", 999, 240, false));
        assertThat(sla.compliance(org.id(), service, from, to)).isEqualTo(new SlaCompliance.Compliance(3, 3, 3, 1));
        assertThat(sla.compliance(org.id(), null, from, to)).isEqualTo(new SlaCompliance.Compliance(4, 3, 3, 1));

        // routing: a and b routed automatically (b corrected by a person), c sent to triage; d kept its unit and e
        // was routed by a person: neither counts
        UUID permit = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", null, null),
                null, List.of(), service)).id();
        decision(org, a, "ROUTED", permit, service, null, "2025-03-03T00:11");
        decision(org, b, "ROUTED", permit, service, null, "2025-03-04T08:01");
        decision(org, c, "TRIAGE", null, null, null, "2025-03-05T08:01");
        decision(org, d, "KEPT", null, service, null, "2025-03-10T08:01");
        decision(org, e, "ROUTED", permit, service, org.manager().id(), "2025-03-11T08:01");
        db.sql("""
                insert into routing_feedback (id, organization_id, case_id, text, language, service_id, kind, created_at)
                values (?, ?, ?, 'Asia', 'fi', ?, 'CORRECTED', ?)""")
                .params(UUID.randomUUID(), org.id().value(), b, permit, Timestamp.from(at("2025-03-04T09:00"))).update();
        assertThat(routing.quality(org.id(), null, from, to)).isEqualTo(new RoutingStatistics.Quality(3, 2, 1, 1));
        assertThat(routing.quality(org.id(), service, from, to)).as("triage has no unit")
                .isEqualTo(new RoutingStatistics.Quality(2, 2, 0, 1));

        // the survey: a answered 5, c answered 2, b not answered; d's phone call could not be reached (not delivered)
        survey(a, "2025-03-03T11:00", 5);
        survey(b, "2025-03-05T04:00", null);
        survey(c, "2025-03-06T14:00", 2);
        db.sql("""
                insert into feedback_invitation (id, organization_id, case_id, unit_id, channel, language, token_sha256,
                                                 created_at, delivered)
                values (?, ?, ?, ?, 'PHONE', 'fi', ?, ?, false)""")
                .params(UUID.randomUUID(), org.id().value(), d, service, UUID.randomUUID().toString(),
                        Timestamp.from(at("2025-03-10T12:00"))).update();
        assertThat(feedback.satisfaction(org.id(), service, from, to)).isEqualTo(new Feedback.Satisfaction(4, 3, 2, 1, 2));

        String page = pages.page(org.manager(), MARCH);
        assertThat(rows(page, "residents-channels")).containsExactly(
                "Kanava | Asioita | Osuus",
                "Verkkolomake | 2 | 40 %", "Sähköposti | 2 | 40 %", "Puhelin | 1 | 20 %", "Yhteensä | 5 | 100 %");
        assertThat(rows(page, "residents-weeks")).containsExactly(
                "Viikko | Verkkolomake | Sähköposti | Puhelin | Yhteensä",
                "Viikko 10 (3.3.2025 alkaen) | 2 | 1 | 0 | 3", "Viikko 11 (10.3.2025 alkaen) | 0 | 1 | 1 | 2");
        assertThat(rows(page, "residents-flow")).containsExactly("Tunnusluku | Arvo",
                "Avattu jaksolla | 5", "Niistä henkilön siirtämiä toiseen yksikköön | 20 %", "Ratkaistu jaksolla | 3", "Niistä avattu uudelleen | 33 %", "Avoinna nyt | 5",
                "Niistä avattu yli 7 päivää sitten | 100 %", "Niistä avattu yli 30 päivää sitten | 100 %");
        assertThat(rows(page, "residents-speed")).containsExactly(
                "Vaihe | Asioita | Mediaani (tuntia) | 90. persentiili (tuntia)",
                "Ensimmäinen vastaus | 4 | 2,5 | 4,4", "Ratkaisu | 3 | 20,0 | 28,0");
        assertThat(rows(page, "internal-channels")).containsExactly("Kanava | Asioita | Osuus",
                "Sisäinen | 1 | 100 %", "Yhteensä | 1 | 100 %");
        assertThat(rows(page, "sla")).contains("Ensimmäinen vastaus | 3 | 100 %", "Ratkaisu | 3 | 33 %");
        assertThat(rows(page, "routing")).contains("Automaattisesti ohjattuja asioita | 2",
                "Henkilö korjasi myöhemmin | 50 %", "Ohjattu käsittelyjonoon (triage) | ei lasketa yksikölle (triagella ei ole yksikköä)");
        assertThat(rows(page, "csat")).containsExactly("Tunnusluku | Arvo", "CSAT | 50 %", "Vastauksia | 2",
                "Vastausprosentti | 67 %", "Toimitettuja kyselyjä | 3", "Toimittamattomia kyselyjä | 1");
        assertThat(page).contains("bar--40", "href=\"/workspace/insights\"").doesNotContain("NaN");

        var administrator = fixtures.admin(org);
        String admin = pages.page(administrator, MARCH);
        assertThat(rows(admin, "residents-channels")).contains("Verkkolomake | 3 | 50 %", "Yhteensä | 6 | 100 %");
        assertThat(rows(admin, "routing")).contains("Ohjattu käsittelyjonoon (triage) | 33 %");
        String building2 = pages.page(administrator, MARCH + "&unit=" + org.building().id());
        assertThat(rows(building2, "residents-channels")).containsExactly("Kanava | Asioita | Osuus",
                "Verkkolomake | 1 | 100 %", "Yhteensä | 1 | 100 %");
        assertThat(building2).contains("Yksikön Rakennusvalvonta luvut");

        String swedish = pages.in("sv").page(org.manager(), MARCH);
        assertThat(rows(swedish, "residents-speed")).contains("Första svar | 4 | 2,5 | 4,4");
        assertThat(rows(swedish, "residents-weeks").get(1)).startsWith("Vecka 10 (från ").endsWith(") | 2 | 1 | 0 | 3");
        String english = pages.in("en").page(org.manager(), MARCH);
        assertThat(rows(english, "residents-speed")).contains("First response | 4 | 2.5 | 4.4");
    }

    void slaCase(Fixtures.Org org, UUID caseId, UUID unit, String started, Object[]... clocks) {
        Timestamp at = Timestamp.from(at(started));
        db.sql("insert into sla_case (case_id, organization_id, unit_id, started_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(caseId, org.id().value(), unit, at, at).update();
        for (Object[] k : clocks) {
            db.sql("""
                    insert into sla_clock (case_id, kind, organization_id, target_minutes, warn_percent, raise_priority,
                                           state, elapsed_seconds, computed_at, breached_at)
                    values (?, ?, ?, ?, 75, false, ?, ?, ?, ?)""")
                    .params(caseId, k[0], org.id().value(), k[3], k[1], ((Integer) k[2]) * 60L, at,
                            (Boolean) k[4] ? at : null).update();
        }
    }

    /** kind, state, minutes used, target minutes, breached. */
    static Object[] clock(String kind, String state, int minutes, int target, boolean breached) {
        return new Object[] {kind, state, minutes, target, breached};
    }

    void decision(Fixtures.Org org, UUID caseId, String outcome, UUID serviceId, UUID unitId, UUID decidedBy, String at) {
        db.sql("""
                insert into routing_decision (id, organization_id, case_id, outcome, service_id, unit_id, confidence, reason,
                                              model, decided_at, decided_by)
                values (?, ?, ?, ?, ?, ?, 0.9, 'test', 'test', ?, ?)""")
                .params(UUID.randomUUID(), org.id().value(), caseId, outcome, serviceId, unitId,
                        Timestamp.from(at(at)), decidedBy).update();
    }

    /** The invitation the case got when it was resolved, moved into the period, answered with the score (or not). */
    void survey(UUID caseId, String invited, Integer score) {
        Timestamp at = Timestamp.from(at(invited));
        assertThat(db.sql("""
                update feedback_invitation set created_at = ?, answered_at = ?, score = ? where case_id = ?""")
                .params(at, score == null ? null : at, score, caseId).update()).isEqualTo(1);
    }

    @Test
    void weeksAreHelsinkiWeeksAcrossDaylightSavingChangesAndTheYearEnd() throws Exception {
        Fixtures.Org org = fixtures.organization();
        UUID unit = org.service().id();
        // spring forward on Sunday 30 March 2025 at 03:00; in UTC both of these are on that Sunday
        aCase(org, Channel.WEB_FORM, unit, "2025-03-30T23:30", null, null, null);
        aCase(org, Channel.WEB_FORM, unit, "2025-03-31T00:30", null, null, null);
        // fall back on Sunday 26 October 2025 at 04:00
        aCase(org, Channel.WEB_FORM, unit, "2025-10-26T03:30", null, null, null);
        aCase(org, Channel.WEB_FORM, unit, "2025-10-27T00:30", null, null, null);
        // the year changes on a Thursday: ISO week 1 of 2026 begins on Monday 29 December 2025
        aCase(org, Channel.EMAIL, unit, "2025-12-31T12:00", null, null, null);
        aCase(org, Channel.EMAIL, unit, "2026-01-04T23:59", null, null, null);
        aCase(org, Channel.EMAIL, unit, "2026-01-05T00:01", null, null, null);

        assertThat(statistics.figures(org.id(), null, at("2025-03-24T00:00"), at("2025-04-07T00:00")).residents().contacts())
                .containsExactly(new Contacts(Channel.WEB_FORM, LocalDate.of(2025, 3, 24), 1),
                        new Contacts(Channel.WEB_FORM, LocalDate.of(2025, 3, 31), 1));
        assertThat(statistics.figures(org.id(), null, at("2025-10-20T00:00"), at("2025-11-03T00:00")).residents().contacts())
                .containsExactly(new Contacts(Channel.WEB_FORM, LocalDate.of(2025, 10, 20), 1),
                        new Contacts(Channel.WEB_FORM, LocalDate.of(2025, 10, 27), 1));
        assertThat(statistics.figures(org.id(), null, at("2025-12-29T00:00"), at("2026-01-12T00:00")).residents().contacts())
                .containsExactly(new Contacts(Channel.EMAIL, LocalDate.of(2025, 12, 29), 2),
                        new Contacts(Channel.EMAIL, LocalDate.of(2026, 1, 5), 1));

        String page = pages.page(fixtures.admin(org), "/workspace/insights?from=29.12.2025&to=11.1.2026");
        assertThat(rows(page, "residents-weeks")).containsExactly("Viikko | Sähköposti | Yhteensä",
                "Viikko 1 (29.12.2025 alkaen) | 2 | 2", "Viikko 2 (5.1.2026 alkaen) | 1 | 1");
    }

    @Test
    void emptyPeriodsSaySoAndAgentsAndOtherOrganizationsSeeNothing() throws Exception {
        Fixtures.Org org = fixtures.organization();
        aCase(org, Channel.WEB_FORM, org.service().id(), "2025-03-05T08:00", 1, 2, null);

        Fixtures.Org other = fixtures.organization();
        String theirs = pages.page(fixtures.admin(other), MARCH);
        assertThat(theirs).contains("id=\"residents-channels-empty\"", "ei uusia asioita tällä jaksolla")
                .doesNotContain("id=\"residents-channels\"", "NaN", "0 %");
        assertThat(rows(theirs, "residents-speed")).contains("Ensimmäinen vastaus | 0 | ei laskettavaa | ei laskettavaa");
        assertThat(rows(theirs, "residents-flow")).contains("Niistä avattu uudelleen | ei laskettavaa");
        assertThat(rows(theirs, "csat")).contains("CSAT | ei laskettavaa", "Vastausprosentti | ei laskettavaa");

        assertThat(pages.send(org.agent(), get("/workspace/insights")).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.agent(), get("/workspace/insights.csv")).getStatus()).isEqualTo(403);
        assertThat(pages.page(org.agent(), "/workspace")).doesNotContain("href=\"/workspace/insights\"");
        assertThat(pages.page(org.manager(), "/workspace")).contains("href=\"/workspace/insights\"");
        assertThat(pages.send(get("/workspace/insights")).getStatus()).as("signed out").isEqualTo(302);

        // a unit manager cannot choose another unit: the parameter is not theirs to use
        String manager = pages.page(org.manager(), MARCH + "&unit=" + org.building().id());
        assertThat(rows(manager, "residents-channels")).contains("Verkkolomake | 1 | 100 %");
        assertThat(pages.page(org.manager(), "/workspace/insights")).as("the default: the last 30 days")
                .contains("<option value=\"30\" selected=\"selected\">");
    }

    @Test
    void badDatesAndUnitsAreLocalizedFieldErrors() throws Exception {
        Fixtures.Org org = fixtures.organization();
        var admin = fixtures.admin(org);
        for (String query : List.of("from=31.2.2025&to=1.3.2025", "from=eilen&to=1.3.2025", "from=1.3.2025",
                "from=" + "9".repeat(5000) + "&to=1.3.2025", "from=1.3.2025&to=%EF%BF%BD%00",
                "from=2.3.2025&to=1.3.2025", "from=1.1.2024&to=1.3.2025", "unit=abc", "unit=" + UUID.randomUUID(),
                "unit=" + fixtures.organization().service().id())) {
            MockHttpServletResponse response = pages.send(admin, get("/workspace/insights?" + query));
            assertThat(response.getStatus()).as(query).isEqualTo(400);
            String html = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(query).contains("class=\"error-summary\"", "aria-invalid=\"true\"")
                    .doesNotContain("id=\"residents-channels");
            assertThat(html.substring(html.indexOf("<title>"), html.indexOf("</title>"))).startsWith("<title>Virhe:");
        }
        // bytes that are not UTF-8, sent as they are
        MockHttpServletResponse notUtf8 = pages.send(admin, get(java.net.URI.create("/workspace/insights?from=%FF%FE&to=1.3.2025")));
        assertThat(notUtf8.getStatus()).isEqualTo(400);
        assertThat(notUtf8.getContentAsString(StandardCharsets.UTF_8)).contains("Kirjoita päivämäärä, esimerkiksi");
        String order = pages.send(admin, get("/workspace/insights?from=2.3.2025&to=1.3.2025")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(order).contains("Päättymispäivä ei voi olla ennen alkamispäivää.");
        String swedish = pages.in("sv").send(admin, get("/workspace/insights?from=eilen&to=1.3.2025"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(swedish).contains("Skriv ett datum, till exempel");
        MockHttpServletResponse csv = pages.send(admin, get("/workspace/insights.csv?from=eilen&to=1.3.2025"));
        assertThat(csv.getStatus()).isEqualTo(400);
        assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).contains("Kirjoita päivämäärä, esimerkiksi");
    }

    @Test
    void theCsvHasTheSameFiguresAndRunsNoFormula() throws Exception {
        Fixtures.Org org = fixtures.organization();
        aCase(org, Channel.WEB_FORM, org.service().id(), "2025-03-03T08:00", 1, 2, null);
        aCase(org, Channel.PHONE, org.service().id(), "2025-03-04T08:00", 3, null, null);
        // a unit named like a formula, as an administrator could name one
        UUID formula = organizations.createUnit(org.id(), null,
                new LocalizedText("=HYPERLINK(\"http://x\";\"y\")", "=X", "=X"), null).id();

        var admin = fixtures.admin(org);
        MockHttpServletResponse response = pages.send(admin,
                get("/workspace/insights.csv?from=3.3.2025&to=16.3.2025&unit=" + org.service().id()));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(response.getHeader("Content-Disposition")).contains("attachment", "insights-2025-03-03-2025-03-16.csv");
        String csv = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFAsiakaskokemus;Asiakaspalvelu;2025-03-03;2025-03-16\r\n")
                .contains("Verkkolomake;1;50 %\r\n", "Puhelin;1;50 %\r\n", "Ensimmäinen vastaus;2;2,0;2,8\r\n");

        MockHttpServletResponse building = pages.send(admin,
                get("/workspace/insights.csv?from=3.3.2025&to=16.3.2025&unit=" + formula));
        assertThat(building.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
        assertThat(pages.in("en").send(admin, get("/workspace/insights.csv?from=3.3.2025&to=16.3.2025"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("First response;2;2.0;2.8\r\n");
    }
}
