package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.FinnishHolidays;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Internal customers: an admin offers a service to staff, a staff member orders it, the order becomes an assigned case. */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffingStore store;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Staff staff;
    @Autowired StaffPages pages;

    Fixtures.Org org;
    StaffUser admin;
    StaffUser itPerson;
    UUID it;
    UUID publicService;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        admin = staff.create(org.id(), org.service().id(), org.organization().slug() + "-admin", "Anna Admin", null, Fixtures.PASSWORD,
                EnumSet.of(Role.ADMIN), Language.SV);
        itPerson = staff.create(org.id(), org.building().id(), org.organization().slug() + "-it", "Iiro It", null, Fixtures.PASSWORD,
                EnumSet.of(Role.AGENT), Language.FI);
        it = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("IT-tuki", "IT-stöd", "IT support"),
                new LocalizedText("Tietokoneet", null, null), List.of("tietokone"), org.building().id())).id();
        publicService = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", null, null),
                null, List.of(), org.service().id())).id();
        store.save(org.id(), itPerson.id(), "", List.of("fi"), new WorkingHours(EnumSet.allOf(DayOfWeek.class), 0, 1440), Instant.now());
        store.setExpertise(org.id(), itPerson.id(), it, Level.EXPERT);
        store.setAutoAssign(org.id(), org.building().id(), true, Instant.now());
    }

    MockHttpServletResponse send(StaffUser u, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(u, request);
    }

    @Test
    void anAdminOffersAServiceAndAStaffMemberOrdersIt() throws Exception {
        store.markInternal(org.id(), it, false, Instant.now()); // whichever test runs first
        assertThat(send(org.agent(), get("/workspace/order")).getContentAsString(StandardCharsets.UTF_8)).contains("id=\"no-offers\"");
        assertThat(send(org.agent(), post("/workspace/order/services").with(csrf()).param("service", it.toString()).param("internal", "true"))
                .getStatus()).as("only admins").isEqualTo(403);
        assertThat(send(admin, get("/workspace/order?find=tietokone")).getContentAsString(StandardCharsets.UTF_8)).contains("IT-tuki");
        assertThat(send(admin, post("/workspace/order/services").with(csrf()).param("service", it.toString()).param("internal", "true"))
                .getStatus()).isEqualTo(302);
        assertThat(store.internalServices(org.id())).containsExactly(it);

        String bad = send(org.agent(), post("/workspace/order").with(csrf()).param("service", publicService.toString())
                .param("subject", " ").param("body", "")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("<title>Virhe:", "href=\"#service\"", "href=\"#subject\"", "href=\"#body\"", "aria-invalid=\"true\"");
        assertThat(send(org.agent(), post("/workspace/order").with(csrf()).param("service", "junk").param("subject", "x").param("body", "y"))
                .getContentAsString(StandardCharsets.UTF_8)).contains("Valitse tilattava palvelu");
        assertThat(send(org.agent(), post("/workspace/order").with(csrf()).param("service", it.toString())
                .param("subject", "Aihe\u0000").param("body", "Teksti \uFFFD")).getContentAsString(StandardCharsets.UTF_8))
                .as("NUL, and what bytes that are not UTF-8 decode to, are a message, not a 500")
                .contains("<title>Virhe:", "href=\"#subject\"", "href=\"#body\"", "merkkejä, joita ei voitu lukea");

        MockHttpServletResponse ok = send(org.agent(), post("/workspace/order").with(csrf()).param("service", it.toString())
                .param("subject", "Näyttö ei toimi").param("body", "Toinen näyttö pimeänä."));
        assertThat(ok.getStatus()).isEqualTo(302);
        List<CaseSummary> ordered = cases.list(org.id(), CaseFilter.all().withText("Näyttö"), CaseSort.UPDATED_DESC, 0, 10).items();
        assertThat(ordered).singleElement().satisfies(c -> {
            assertThat(c.tags()).containsExactly("internal");
            assertThat(c.channel()).as("an order is an internal contact, not a web form").isEqualTo(fi.aspa.cases.Channel.INTERNAL);
            assertThat(c.unitId()).isEqualTo(org.building().id());
            assertThat(customers.find(org.id(), c.customerId()).orElseThrow().kind()).isEqualTo(CustomerKind.INTERNAL);
            // nobody works on a public holiday: whether it was one is decided by the day the order was assigned on, as
            // recorded, not by the day it is when this line runs (midnight may have passed); the assignee is read after
            // the reason, so that both are of the same choice
            StaffingStore.Reason reason = store.lastReason(org.id(), c.id()).orElseThrow();
            boolean holiday = FinnishHolidays.isHoliday(reason.decidedAt().atZone(ZoneId.of("Europe/Helsinki")).toLocalDate());
            if (!holiday) assertThat(cases.summary(org.id(), c.id()).orElseThrow().assigneeId()).isEqualTo(itPerson.id());
        });
        // the queue filters by the channel, and the INTERNAL channel has its label in the filter and the table
        String internalQueue = send(org.agent(), get("/workspace?queue=all&channel=INTERNAL")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(internalQueue).contains("Näyttö ei toimi", "<option value=\"INTERNAL\"", "Sisäinen");
        assertThat(send(org.agent(), get("/workspace?queue=all&channel=WEB_FORM")).getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain("Näyttö ei toimi");
        String page = send(org.agent(), get("/workspace/cases/" + ordered.getFirst().id())).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Sisäinen");
    }

    @Test
    void anotherOrganizationCannotOrderOrOfferIt() throws Exception {
        Fixtures.Org other = fixtures.organization();
        store.markInternal(org.id(), it, true, Instant.now());
        assertThat(send(other.agent(), get("/workspace/order")).getContentAsString(StandardCharsets.UTF_8)).doesNotContain("IT-tuki");
        String refused = send(other.agent(), post("/workspace/order").with(csrf()).param("service", it.toString())
                .param("subject", "Hei").param("body", "Apua")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("<title>Virhe:");
    }
}
