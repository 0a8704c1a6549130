package fi.aspa.appointments;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.WallClock;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The walk-in queue on the real database: numbers run per service point, day and letter; desks calling at the same
 * time never get the same number; a served visit of an identified customer is a resolved WALK_IN case on the
 * timeline, an anonymous one is only counted; the kiosk, the display and the desk page over HTTP.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkInQueueTest {
    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired Organizations organizations;
    @Autowired Appointments appointments;
    @Autowired WalkInQueue queue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired PersonalDataLog accessLog;
    @Autowired UserDetailsService users;

    MockMvc mvc;
    Fixtures.Org org;
    ServicePoint point;
    VisitService passport;
    VisitService permits;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        org = fixtures.organization();
        point = servicePoint(org, "Palvelupiste");
        passport = service(org, point, "passport", "A");
        permits = service(org, point, "permits", "B");
    }

    ServicePoint servicePoint(Fixtures.Org o, String name) {
        return organizations.createServicePoint(o.id(), o.service().id(),
                new LocalizedText(name + " " + UUID.randomUUID().toString().substring(0, 6), name + " sv", name + " en"),
                "Katu 1", "00100", "Helsinki");
    }

    VisitService service(Fixtures.Org o, ServicePoint p, String code, String letter) {
        return appointments.addService(o.id(), p.id(), new NewVisitService(code,
                new LocalizedText("Palvelu " + code, "Tjänst " + code, "Service " + code), 30, 1,
                EnumSet.of(AppointmentMode.IN_PERSON), false, true, letter));
    }

    @Test
    void numbersRunPerServicePointDayAndLetter() {
        LocalDate day = LocalDate.of(2031, 1, 7);
        Instant now = Instant.parse("2031-01-07T08:00:00Z");
        ServicePoint other = servicePoint(org, "Toinen");
        VisitService otherService = service(org, other, "passport", "A");

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) codes.add(queue.take(org.id(), point.id(), passport.id(), day, now).code());
        codes.add(queue.take(org.id(), point.id(), permits.id(), day, now).code());
        codes.add(queue.take(org.id(), point.id(), passport.id(), day, now).code());
        assertThat(codes).containsExactly("A001", "A002", "A003", "B001", "A004");
        assertThat(queue.take(org.id(), other.id(), otherService.id(), day, now).code()).as("another service point").isEqualTo("A001");
        assertThat(queue.take(org.id(), point.id(), passport.id(), day.plusDays(1), now).code()).as("the next day").isEqualTo("A001");
    }

    @Test
    void twoDesksCallingAtTheSameTimeNeverGetTheSameNumber() throws Exception {
        ServicePoint busy = servicePoint(org, "Ruuhka");
        VisitService svc = service(org, busy, "busy", "C");
        LocalDate day = LocalDate.of(2031, 1, 8);
        Instant now = Instant.parse("2031-01-08T08:00:00Z");
        Set<UUID> taken = new HashSet<>();
        for (int i = 0; i < 40; i++) taken.add(queue.take(org.id(), busy.id(), svc.id(), day, now).id());

        List<UUID> called = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> desks = new ArrayList<>();
            for (UUID staff : List.of(org.agent().id(), org.colleague().id())) {
                desks.add(pool.submit(() -> {
                    AppointmentBookingTest.await(go);
                    int n = 0;
                    while (true) {
                        Optional<WalkInQueue.Ticket> next = queue.callNext(org.id(), busy.id(), null, "Tiski " + staff, staff, day, now);
                        if (next.isEmpty()) return n;
                        called.add(next.get().id());
                        n++;
                    }
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> desk : desks) total += desk.get(60, TimeUnit.SECONDS);
            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(called).hasSize(40).doesNotHaveDuplicates();
        assertThat(new HashSet<>(called)).isEqualTo(taken);
    }

    @Test
    void callingTakesTheOldestWaitingNumberOfTheChosenService() {
        ServicePoint p = servicePoint(org, "Järjestys");
        VisitService a = service(org, p, "first", "A");
        VisitService b = service(org, p, "second", "B");
        LocalDate day = LocalDate.of(2031, 1, 9);
        queue.take(org.id(), p.id(), a.id(), day, Instant.parse("2031-01-09T08:00:00Z"));
        queue.take(org.id(), p.id(), b.id(), day, Instant.parse("2031-01-09T08:01:00Z"));
        queue.take(org.id(), p.id(), a.id(), day, Instant.parse("2031-01-09T08:02:00Z"));
        UUID agent = org.agent().id();
        WalkInQueue.Ticket first = queue.callNext(org.id(), p.id(), b.id(), "2", agent, day, Instant.parse("2031-01-09T09:00:00Z")).orElseThrow();
        assertThat(first.code()).as("only the chosen service").isEqualTo("B001");
        assertThat(queue.callNext(org.id(), p.id(), null, "2", agent, day, Instant.parse("2031-01-09T09:05:00Z")))
                .map(WalkInQueue.Ticket::code).contains("A001");
        assertThat(queue.find(org.id(), first.id())).map(WalkInQueue.Ticket::status)
                .as("calling the next one finishes the previous as served").contains(WalkInQueue.Status.SERVED);
        assertThat(queue.callNext(org.id(), p.id(), null, "2", agent, day, Instant.parse("2031-01-09T09:10:00Z")))
                .map(WalkInQueue.Ticket::code).contains("A002");
        assertThat(queue.called(org.id(), p.id(), day, 10)).extracting(WalkInQueue.Ticket::code)
                .as("the display shows the latest first").containsExactly("A002", "A001", "B001");
        assertThat(queue.callNext(org.id(), p.id(), null, "2", agent, day, Instant.parse("2031-01-09T09:15:00Z"))).isEmpty();
    }

    @Test
    void theKioskGivesANumberTheDisplayShowsItAndTheDeskServesTheCustomerOntoTheTimeline() throws Exception {
        // the pages number, show and call today's queue by the application's clock: all of it on one day
        WallClock.sameDayFor(Duration.ofMinutes(1));
        Fixtures.Org pub = fixtures.publicOrganization();
        ServicePoint office = servicePoint(pub, "Kioski");
        VisitService svc = appointments.addService(pub.id(), office.id(), new NewVisitService("kela",
                new LocalizedText("Neuvonta", "Rådgivning", "Advice"), 30, 1, EnumSet.of(AppointmentMode.IN_PERSON), false, true, "N"));

        String kiosk = page(get("/kiosk/" + office.id()));
        assertThat(kiosk).contains("Take a queue number").contains("Advice").contains("name=\"service\" value=\"" + svc.id() + "\"");
        MvcResult taken = perform(post("/kiosk/" + office.id() + "/tickets").with(csrf()).param("service", svc.id().toString()));
        assertThat(taken.getResponse().getRedirectedUrl()).isEqualTo("/kiosk/" + office.id() + "/ticket");
        String ticket = send(get("/kiosk/" + office.id() + "/ticket").flashAttrs(taken.getFlashMap())).getContentAsString(StandardCharsets.UTF_8);
        Matcher number = Pattern.compile("id=\"ticket-number\">(N\\d{3})<").matcher(ticket);
        assertThat(number.find()).as(ticket).isTrue();
        String code = number.group(1);
        assertThat(ticket).contains("You are next in the queue.");
        assertThat(send(get("/kiosk/" + office.id() + "/ticket")).getRedirectedUrl()).as("the number is shown once")
                .isEqualTo("/kiosk/" + office.id());

        String display = page(get("/display/" + office.id()));
        assertThat(display).contains("No numbers have been called yet today.").contains("aria-live=\"polite\"");
        Matcher version = Pattern.compile("hx-get=\"(/display/[^\"]+/board\\?v=[^\"]+)\"").matcher(display);
        assertThat(version.find()).isTrue();
        assertThat(send(get(version.group(1).replace("&amp;", "&"))).getStatus()).as("nothing changed").isEqualTo(204);

        RequestPostProcessor agent = user(users.loadUserByUsername(pub.agent().username()));
        String desk = "/workspace/desk?point=" + office.id() + "&desk=4";
        assertThat(page(get(desk).with(agent))).contains("Call the next number").contains("Waiting: 1.");
        MvcResult call = perform(post("/workspace/desk/call").with(agent).with(csrf())
                .param("point", office.id().toString()).param("desk", "4").param("service", ""));
        assertThat(call.getResponse().getRedirectedUrl()).isEqualTo(desk);
        assertThat(call.getFlashMap().get("notice")).isEqualTo("Called number " + code + ".");

        MockHttpServletResponse changed = send(get(version.group(1).replace("&amp;", "&")));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getContentAsString(StandardCharsets.UTF_8)).contains("hx-swap-oob").contains(code).contains("Desk 4");
        assertThat(page(get("/display/" + office.id()))).contains(code).contains("Desk 4");

        String marker = "walkin" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        UUID customer = customers.resolve(pub.id(), ContactDetails.resident("Wilma Walk-in", marker, null, Language.FI));
        String withCurrent = page(get(desk + "&lookup=" + marker).with(agent));
        assertThat(withCurrent).contains("id=\"current-number\">" + code + "<").contains("Wilma Walk-in");
        assertThat(accessLog.forCustomer(pub.id(), customer, 10)).anySatisfy(e -> {
            assertThat(e.purpose()).isEqualTo(DeskPage.PURPOSE);
            assertThat(e.staffUserId()).isEqualTo(pub.agent().id());
        });
        UUID ticketId = queue.current(pub.id(), office.id(), pub.agent().id(), queue.today()).orElseThrow().id();

        MockHttpServletResponse noNote = send(post("/workspace/desk/served").with(agent).with(csrf())
                .param("point", office.id().toString()).param("desk", "4").param("ticket", ticketId.toString())
                .param("lookup", "").param("customer", "").param("note", "Kävi kysymässä"));
        assertThat(noNote.getStatus()).as("a note needs a customer").isEqualTo(422);
        assertThat(noNote.getContentAsString(StandardCharsets.UTF_8)).contains("<a href=\"#note\">A note is saved on a customer");

        MvcResult served = perform(post("/workspace/desk/served").with(agent).with(csrf())
                .param("point", office.id().toString()).param("desk", "4").param("ticket", ticketId.toString())
                .param("lookup", marker).param("customer", customer.toString()).param("note", "Neuvottiin asumistuessa."));
        assertThat(served.getResponse().getStatus()).as(served.getResponse().getContentAsString()).isEqualTo(302);
        WalkInQueue.Ticket done = queue.find(pub.id(), ticketId).orElseThrow();
        assertThat(done.status()).isEqualTo(WalkInQueue.Status.SERVED);
        assertThat(done.customerId()).isEqualTo(customer);
        CaseDetail visit = cases.detail(pub.id(), done.caseId()).orElseThrow();
        assertThat(visit.summary().channel()).isEqualTo(Channel.WALK_IN);
        assertThat(visit.summary().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(visit.summary().assigneeId()).isEqualTo(pub.agent().id());
        assertThat(visit.messages().getFirst().body()).isEqualTo("Neuvottiin asumistuessa.");
        assertThat(cases.timeline(pub.id(), customer, 10)).anySatisfy(e -> {
            assertThat(e.caseId()).isEqualTo(done.caseId());
            assertThat(e.channel()).isEqualTo(Channel.WALK_IN);
        });
        assertThat((String) served.getFlashMap().get("notice")).contains(visit.summary().reference());

        MockHttpServletResponse again = send(post("/workspace/desk/served").with(agent).with(csrf())
                .param("point", office.id().toString()).param("desk", "4").param("ticket", ticketId.toString()).param("customer", ""));
        assertThat(again.getStatus()).as("a finished number cannot be finished again").isEqualTo(409);
    }

    @Test
    void anAnonymousVisitIsOnlyCountedAndOtherOrganizationsCannotCallIt() throws Exception {
        ServicePoint p = servicePoint(org, "Laskuri");
        VisitService svc = service(org, p, "count", "D");
        // a day of its own, not today: a number taken just before midnight would not be called "today" after it
        LocalDate day = LocalDate.of(2031, 1, 10);
        Instant now = Instant.parse("2031-01-10T08:00:00Z");
        queue.take(org.id(), p.id(), svc.id(), day, now);
        Fixtures.Org other = fixtures.organization();
        assertThat(queue.callNext(other.id(), p.id(), null, "1", other.agent().id(), day, now)).as("another organization").isEmpty();
        WalkInQueue.Ticket called = queue.callNext(org.id(), p.id(), null, "1", org.agent().id(), day, now).orElseThrow();

        RequestPostProcessor agent = user(users.loadUserByUsername(org.agent().username()));
        MockHttpServletResponse served = send(post("/workspace/desk/served").with(agent).with(csrf())
                .param("point", p.id().toString()).param("desk", "1").param("ticket", called.id().toString()).param("customer", ""));
        assertThat(served.getStatus()).isEqualTo(302);
        WalkInQueue.Ticket done = queue.find(org.id(), called.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(WalkInQueue.Status.SERVED);
        assertThat(done.caseId()).isNull();
        assertThat(queue.counts(org.id(), p.id(), day)).isEqualTo(new WalkInQueue.Counts(0, 1, 0, 0));

        RequestPostProcessor stranger = user(users.loadUserByUsername(other.agent().username()));
        Document desk = Jsoup.parse(send(get("/workspace/desk?point=" + p.id() + "&desk=1").with(stranger))
                .getContentAsString(StandardCharsets.UTF_8));
        desk.select("a[hreflang]").remove(); // the language switch carries the asked-for query on, to the same page
        assertThat(desk.outerHtml()).as("another organization's service point is not offered").doesNotContain(p.id().toString());
        assertThat(send(get("/kiosk/" + p.id())).getStatus()).as("not the public organization's").isEqualTo(404);
        assertThat(send(get("/display/" + p.id())).getStatus()).isEqualTo(404);
        assertThat(send(get("/workspace/desk")).getStatus()).as("staff only").isEqualTo(302);
    }

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en")).andReturn();
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse();
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = send(request);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
