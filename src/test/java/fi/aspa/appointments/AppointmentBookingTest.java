package fi.aspa.appointments;

import fi.aspa.platform.PublicRateLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.appointments.Slots.Slot;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * Booking on the real database: free slots leave out holidays, closed days, booked and past times; two residents
 * racing for the last desk of a slot get one booking and one clear refusal; the private link views and cancels;
 * an unknown link is 404; the booking and its cancellation are on the customer's timeline.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentBookingTest {
    static final Pattern MANAGE_LINK = Pattern.compile("href=\"(?:https?://[^/\"]+)?(/appointments/manage/[A-Za-z0-9_-]{40,})\"");

    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired Organizations organizations;
    @Autowired Appointments appointments;
    @Autowired Slots slots;
    @Autowired Bookings bookings;
    @Autowired Cases cases;
    @Autowired JdbcClient db;
    @Autowired TransactionTemplate tx;
    @Autowired PublicRateLimits limits;

    MockMvc mvc;
    Fixtures.Org org;
    ServicePoint point;
    VisitService passport;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        org = fixtures.organization();
        point = organizations.createServicePoint(org.id(), org.service().id(),
                new LocalizedText("Yhteispalvelupiste", "Samservicepunkt", "Citizen service point"), "Kauppatori 1", "00100", "Helsinki");
        appointments.setOpeningHours(org.id(), point.id(), OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(11, 0)));
        passport = appointments.addService(org.id(), point.id(), new NewVisitService("passport",
                new LocalizedText("Passi", "Pass", "Passport"), 30, 1, EnumSet.of(AppointmentMode.IN_PERSON, AppointmentMode.VIDEO),
                true, true, "A"));
    }

    static Instant helsinki(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, Slots.HELSINKI).toInstant();
    }

    static Bookings.Request request(UUID serviceId, Instant start, String name) {
        return new Bookings.Request(serviceId, start, AppointmentMode.IN_PERSON, name, name.toLowerCase().replace(' ', '.') + "@example.fi",
                null, Language.FI);
    }

    static String marker() {
        return "Varaaja" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void freeSlotsLeaveOutHolidaysClosedDaysBookedAndPastTimes() {
        // Friday 20 December 2030, 9.45: the fortnight runs to Thursday 2 January 2031.
        Instant now = helsinki(2030, 12, 20, 9, 45);
        appointments.addClosure(org.id(), point.id(), LocalDate.of(2030, 12, 27), "Inventaario");
        bookings.book(org.id(), request(passport.id(), helsinki(2030, 12, 23, 9, 0), marker()), now);

        List<Slot> free = slots.free(org.id(), passport, now);
        Set<LocalDate> days = free.stream().map(s -> s.localStart().toLocalDate()).collect(Collectors.toSet());
        assertThat(days).containsExactlyInAnyOrder(LocalDate.of(2030, 12, 20), LocalDate.of(2030, 12, 23),
                LocalDate.of(2030, 12, 30), LocalDate.of(2030, 12, 31), LocalDate.of(2031, 1, 2));
        // Weekends, Christmas Eve and Day, Boxing Day (Tue-Thu), the closure on Friday 27th and New Year's Day are out.
        List<LocalTime> friday = free.stream().filter(s -> s.localStart().toLocalDate().equals(LocalDate.of(2030, 12, 20)))
                .map(s -> s.localStart().toLocalTime()).toList();
        assertThat(friday).as("what has begun is not offered").containsExactly(LocalTime.of(10, 0), LocalTime.of(10, 30));
        List<LocalTime> monday = free.stream().filter(s -> s.localStart().toLocalDate().equals(LocalDate.of(2030, 12, 23)))
                .map(s -> s.localStart().toLocalTime()).toList();
        assertThat(monday).as("the booked 9.00 is gone").containsExactly(LocalTime.of(9, 30), LocalTime.of(10, 0), LocalTime.of(10, 30));
        assertThat(free).allSatisfy(s -> assertThat(s.end()).isEqualTo(s.start().plusSeconds(30 * 60)));
    }

    @Test
    void easterAndItsFridayAndMondayAreClosed() {
        // Easter 2031 is 13 April: Good Friday 11th and Easter Monday 14th are holidays, Maundy Thursday is not.
        List<Slot> free = slots.free(org.id(), passport, helsinki(2031, 4, 9, 6, 0));
        Set<LocalDate> days = free.stream().map(s -> s.localStart().toLocalDate()).collect(Collectors.toSet());
        assertThat(days).contains(LocalDate.of(2031, 4, 9), LocalDate.of(2031, 4, 10), LocalDate.of(2031, 4, 15))
                .doesNotContain(LocalDate.of(2031, 4, 11), LocalDate.of(2031, 4, 14));
        assertThat(days).allSatisfy(d -> assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    @Test
    void twoResidentsRacingForTheLastDeskGetOneBookingAndOneSlotTaken() throws Exception {
        Instant now = helsinki(2031, 2, 3, 7, 0);
        Instant start = helsinki(2031, 2, 4, 10, 0);
        String first = marker();
        String second = marker();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The first resident's booking is written but not yet committed when the second one books the same slot:
            // the second sees the slot free and waits on the first one's locks (the case reference counter, then the
            // unique index); once the first commits, the second's insert finds the desk taken.
            CountDownLatch firstWritten = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<Bookings.Booked> a = pool.submit(() -> tx.execute(status -> {
                Bookings.Booked booked = bookings.book(org.id(), request(passport.id(), start, first), now);
                firstWritten.countDown();
                await(releaseFirst);
                return booked;
            }));
            assertThat(firstWritten.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Bookings.Booked> b = pool.submit(() -> bookings.book(org.id(), request(passport.id(), start, second), now));
            waitUntilTheSecondWaitsForALock();
            releaseFirst.countDown();

            assertThat(a.get(30, TimeUnit.SECONDS).token()).isNotBlank();
            assertThatThrownBy(() -> b.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(AspaException.class)
                    .cause().extracting(e -> ((AspaException) e).code()).isEqualTo("slot-taken");
        } finally {
            pool.shutdownNow();
        }
        assertThat(bookedAt(start)).isEqualTo(1);
        assertThat(appointmentCases(first)).hasSize(1);
        assertThat(appointmentCases(second)).as("the refused resident's customer and case are rolled back").isEmpty();
    }

    @Test
    void twoThreadsBookingTheSameLastSlotAtOnce() throws Exception {
        Instant now = helsinki(2031, 2, 10, 7, 0);
        Instant start = helsinki(2031, 2, 11, 9, 30);
        List<String> names = List.of(marker(), marker());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Bookings.Booked>> results = new ArrayList<>();
        try {
            for (String name : names) {
                results.add(pool.submit(() -> {
                    await(go);
                    return bookings.book(org.id(), request(passport.id(), start, name), now);
                }));
            }
            go.countDown();
            int booked = 0;
            int taken = 0;
            for (Future<Bookings.Booked> result : results) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                    booked++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(AspaException.class);
                    assertThat(((AspaException) e.getCause()).code()).isEqualTo("slot-taken");
                    taken++;
                }
            }
            assertThat(booked).isEqualTo(1);
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(bookedAt(start)).isEqualTo(1);
    }

    @Test
    void aServiceWithTwoDesksTakesTwoBookingsPerSlotAndThenNoMore() {
        VisitService advice = appointments.addService(org.id(), point.id(), new NewVisitService("advice-" + UUID.randomUUID().toString().substring(0, 6),
                new LocalizedText("Neuvonta", "Rådgivning", "Advice"), 20, 2, EnumSet.of(AppointmentMode.PHONE), true, false, "N"));
        Instant now = helsinki(2031, 3, 3, 7, 0);
        Instant start = helsinki(2031, 3, 3, 9, 20);
        Bookings.Request call = new Bookings.Request(advice.id(), start, AppointmentMode.PHONE, marker(), null, "+358401111111", Language.SV);
        bookings.book(org.id(), call, now);
        assertThat(slots.free(org.id(), advice, now)).filteredOn(s -> s.start().equals(start)).singleElement()
                .extracting(Slot::freeDesks).isEqualTo(1);
        bookings.book(org.id(), call, now);
        assertThat(slots.free(org.id(), advice, now)).noneMatch(s -> s.start().equals(start));
        assertThatThrownBy(() -> bookings.book(org.id(), call, now)).isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("slot-taken");
        assertThatThrownBy(() -> bookings.book(org.id(), new Bookings.Request(advice.id(), helsinki(2031, 3, 3, 9, 40),
                AppointmentMode.VIDEO, marker(), "x@example.fi", null, Language.FI), now))
                .extracting(e -> ((AspaException) e).code()).as("a mode the service does not offer").isEqualTo("mode-unavailable");
    }

    @Test
    void theLinkShowsAndCancelsTheBookingWhichJoinsTheTimeline() throws Exception {
        Instant now = helsinki(2031, 5, 5, 7, 0);
        Instant start = helsinki(2031, 5, 6, 10, 30);
        String name = marker();
        Bookings.Booked booked = bookings.book(org.id(), new Bookings.Request(passport.id(), start, AppointmentMode.VIDEO,
                name, null, "040 222 3333", Language.SV), now);
        Bookings.View view = bookings.byToken(booked.token()).orElseThrow();
        assertThat(view.status()).isEqualTo(Bookings.Status.BOOKED);
        assertThat(view.videoUrl()).startsWith("https://video.example.invalid/" + org.organization().slug() + "/");
        CaseDetail detail = cases.detail(org.id(), view.caseId()).orElseThrow();
        assertThat(detail.summary().channel()).isEqualTo(Channel.APPOINTMENT);
        assertThat(detail.summary().reference()).isEqualTo(booked.reference());
        assertThat(detail.summary().language()).isEqualTo(Language.SV);
        assertThat(detail.summary().tags()).contains("appointment");
        assertThat(detail.summary().unitId()).isEqualTo(org.service().id());
        assertThat(detail.messages().getFirst().body()).contains("Pass", "2031-05-06 10:30", "Via video", name, view.videoUrl());
        assertThat(db.sql("select token_sha256 from appointment where id = ?").param(booked.id()).query(String.class).single())
                .as("only the token's hash is stored").hasSize(64).isNotEqualTo(booked.token());

        Bookings.View cancelled = bookings.cancel(booked.token(), now);
        assertThat(cancelled.status()).isEqualTo(Bookings.Status.CANCELLED);
        assertThat(bookings.cancel(booked.token(), now).status()).as("cancelling again changes nothing").isEqualTo(Bookings.Status.CANCELLED);
        detail = cases.detail(org.id(), view.caseId()).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(detail.messages()).hasSize(2).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.INBOUND);
            assertThat(m.channel()).isEqualTo(Channel.APPOINTMENT);
            assertThat(m.body()).startsWith("Jag avbokar min tid: Pass, 2031-05-06 10:30");
        });
        List<TimelineEntry> timeline = cases.timeline(org.id(), detail.summary().customerId(), 10);
        assertThat(timeline).hasSize(2).allSatisfy(e -> {
            assertThat(e.caseId()).isEqualTo(view.caseId());
            assertThat(e.channel()).isEqualTo(Channel.APPOINTMENT);
        });
        assertThat(slots.free(org.id(), passport, now)).as("the slot is free again").anyMatch(s -> s.start().equals(start));
        assertThat(bookings.byToken(booked.token())).map(Bookings.View::status).contains(Bookings.Status.CANCELLED);
    }

    @Test
    void anAppointmentThatHasBegunCannotBeCancelled() {
        Instant now = helsinki(2031, 6, 2, 7, 0);
        Instant start = helsinki(2031, 6, 2, 9, 0);
        Bookings.Booked booked = bookings.book(org.id(), request(passport.id(), start, marker()), now);
        assertThatThrownBy(() -> bookings.cancel(booked.token(), start.plusSeconds(60)))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("appointment-started");
    }

    @Test
    void unknownLinksAreNotFound() throws Exception {
        assertThat(send(get("/appointments/manage/" + "x".repeat(43))).getStatus()).isEqualTo(404);
        assertThat(send(get("/appointments/manage/short")).getStatus()).isEqualTo(404);
        assertThat(send(post("/appointments/manage/" + "y".repeat(43) + "/cancel").with(csrf())).getStatus()).isEqualTo(404);
        assertThat(send(get("/appointments/" + point.id())).getStatus()).as("another organization's service point").isEqualTo(404);
        assertThat(send(get("/appointments/not-a-uuid")).getStatus()).isEqualTo(404);
    }

    /** The pages on the public organization with the real clock: choose, book, see the link, race, cancel. */
    @Test
    void residentBooksOnThePagesAndCancelsThroughTheLink() throws Exception {
        limits.reset();
        Fixtures.Org pub = fixtures.publicOrganization();
        ServicePoint office = organizations.createServicePoint(pub.id(), pub.service().id(),
                new LocalizedText("Kirjasto " + marker(), "Bibliotek", "Library"), "Kirjastokatu 2", "00200", "Helsinki");
        List<OpeningHours> everyDay = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) everyDay.add(new OpeningHours(d, LocalTime.of(8, 0), LocalTime.of(20, 0)));
        appointments.setOpeningHours(pub.id(), office.id(), everyDay);
        VisitService card = appointments.addService(pub.id(), office.id(), new NewVisitService("card",
                new LocalizedText("Kirjastokortti", "Bibliotekskort", "Library card"), 60, 1, Set.of(AppointmentMode.IN_PERSON),
                true, false, "K"));

        assertThat(page("/appointments")).contains("href=\"/appointments/" + office.id() + "\"");
        assertThat(page("/appointments/" + office.id())).contains("Library card").contains("60 min");
        String slotsPage = page("/appointments/" + office.id() + "/" + card.id());
        // the last slot on the page, days ahead: the first may begin (on the hour) between showing the page and booking,
        // and a slot that has begun is rightly no longer bookable
        Matcher slot = Pattern.compile("href=\"(/appointments/[^\"]+/book\\?start=([0-9T:-]+))\"").matcher(slotsPage);
        String bookingPage = null;
        String start = null;
        while (slot.find()) {
            bookingPage = slot.group(1);
            start = slot.group(2);
        }
        assertThat(bookingPage).as(slotsPage).isNotNull();
        assertThat(page(bookingPage)).contains("value=\"" + start + "\" selected");

        String name = marker();
        MvcResult posted = perform(post("/appointments/" + office.id() + "/" + card.id() + "/book").with(csrf())
                .param("start", start).param("mode", "IN_PERSON").param("name", name).param("email", "")
                .param("phone", "040 765 4321").param("language", "en").param("website", ""));
        assertThat(posted.getResponse().getStatus()).as(posted.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/appointments/booked");
        String html = send(get("/appointments/booked").flashAttrs(posted.getFlashMap())).getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Your time is booked").contains("Library card").contains("<meta name=\"robots\" content=\"noindex\">");
        Matcher link = MANAGE_LINK.matcher(html);
        assertThat(link.find()).as(html).isTrue();
        String manage = link.group(1);

        MockHttpServletResponse again = send(post("/appointments/" + office.id() + "/" + card.id() + "/book").with(csrf())
                .param("start", start).param("mode", "IN_PERSON").param("name", marker()).param("email", "late@example.fi")
                .param("language", "fi"));
        assertThat(again.getStatus()).as("the slot was just taken").isEqualTo(409);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8))
                .contains("<title>Error: Your details")
                .contains("<a href=\"#start\">This time was just booked by someone else, or is no longer free.")
                .contains("value=\"late@example.fi\"")
                .containsPattern("<select id=\"start\"[^>]*aria-invalid=\"true\"")
                .doesNotContain("value=\"" + start + "\"");

        assertThat(page(manage)).contains("Library card").contains("Cancel the appointment");
        MvcResult cancelled = perform(post(manage + "/cancel").with(csrf()));
        assertThat(cancelled.getResponse().getStatus()).isEqualTo(302);
        String after = send(get(manage).flashAttrs(cancelled.getFlashMap())).getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("The appointment was cancelled.").contains("This appointment has been cancelled.")
                .doesNotContain("Cancel the appointment</button>");
    }

    @Test
    void invalidDetailsComeBackWithTheErrorSummary() throws Exception {
        limits.reset();
        Fixtures.Org pub = fixtures.publicOrganization();
        ServicePoint office = organizations.createServicePoint(pub.id(), pub.service().id(),
                new LocalizedText("Virasto " + marker(), "Ämbetsverk", "Office"), null, null, null);
        VisitService svc = appointments.addService(pub.id(), office.id(), new NewVisitService("permits",
                new LocalizedText("Luvat", "Tillstånd", "Permits"), 30, 1, EnumSet.of(AppointmentMode.IN_PERSON, AppointmentMode.PHONE),
                true, false, "L"));
        MockHttpServletResponse page = send(post("/appointments/" + office.id() + "/" + svc.id() + "/book").with(csrf())
                .param("start", "").param("mode", "PHONE").param("name", " ").param("email", "not-an-email")
                .param("phone", "").param("language", "xx"));
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Error: Your details")
                .contains("<a href=\"#start\">Choose a time</a>")
                .contains("<a href=\"#name\">Enter your name</a>")
                .contains("<a href=\"#email\">Enter an email address like name@example.com</a>")
                .contains("<a href=\"#phone\">For a phone appointment, enter your phone number</a>")
                .contains("<a href=\"#language-fi\">Choose the language</a>")
                .containsPattern("<input id=\"email\"[^>]*aria-invalid=\"true\"");
    }

    // ------------------------------------------------------------------ helpers

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en").with(r -> {
            r.setRemoteAddr("10.90.0.1");
            return r;
        })).andReturn();
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse();
    }

    String page(String path) throws Exception {
        MockHttpServletResponse response = send(get(path));
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    int bookedAt(Instant start) {
        return db.sql("select count(*) from appointment where organization_id = ? and service_id = ? and starts_at = ? and status = 'BOOKED'")
                .params(org.id().value(), passport.id(), java.sql.Timestamp.from(start)).query(Integer.class).single();
    }

    List<UUID> appointmentCases(String name) {
        return cases.list(org.id(), fi.aspa.cases.CaseFilter.all().withText(name).withChannel(Channel.APPOINTMENT),
                fi.aspa.cases.CaseSort.CREATED_DESC, 0, 10).items().stream().map(c -> c.id()).toList();
    }

    void waitUntilTheSecondWaitsForALock() throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            int waiting = db.sql("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock'""").query(Integer.class).single();
            if (waiting > 0) return;
            Thread.sleep(10);
        }
        throw new AssertionError("the second booking never waited for the first one");
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
