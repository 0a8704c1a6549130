package fi.aspa.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The kiosk's queue numbers against a script: numbers are counted per service point and client address (30 a minute
 * by default, {@code aspa.appointments.kiosk.rate-limit}); over it the kiosk page comes back with the message in the
 * kiosk's language, 429 with {@code Retry-After}, and no number is taken. A kiosk as busy as a real one is not stopped,
 * nor is another kiosk (address) of the point or the same address at another point. Each test uses service points of
 * its own, so the allowances it uses up are its own. The allowance refills gradually (one number per 2 s), so a number
 * may slip in while the test uses it up: the test takes numbers until the first 429 and counts them.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskRateLimitTest {
    static final int TICKETS = 30;
    static final String LIMITED_FI = "Tästä laitteesta on otettu juuri nyt poikkeuksellisen monta numeroa. Odota hetki ja yritä "
            + "uudelleen, tai kysy henkilökunnalta.";
    static final String LIMITED_SV = "Ovanligt många nummer har tagits från den här apparaten just nu. Vänta en stund och försök "
            + "igen, eller fråga personalen.";

    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    @Autowired Organizations organizations;
    @Autowired Appointments appointments;
    @Autowired JdbcClient db;

    MockMvc mvc;
    Fixtures.Org org;

    @BeforeAll
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        org = fixtures.publicOrganization();
    }

    record Point(ServicePoint point, VisitService service) {}

    Point walkInPoint(String name) {
        ServicePoint p = organizations.createServicePoint(org.id(), org.service().id(),
                new LocalizedText(name + " " + UUID.randomUUID().toString().substring(0, 6), name + " sv", name + " en"),
                "Katu 1", "00100", "Helsinki");
        VisitService s = appointments.addService(org.id(), p.id(), new NewVisitService("neuvonta",
                new LocalizedText("Neuvonta", "Rådgivning", "Advice"), 30, 1, EnumSet.of(AppointmentMode.IN_PERSON), false, true, "N"));
        return new Point(p, s);
    }

    MockHttpServletResponse take(Point p, String address, String language) throws Exception {
        return mvc.perform(post("/kiosk/" + p.point().id() + "/tickets").with(csrf()).param("service", p.service().id().toString())
                .header("Accept-Language", language).with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                })).andReturn().getResponse();
    }

    long tickets(Point p) {
        return db.sql("select count(*) from queue_ticket where service_point_id = ?").param(p.point().id()).query(Long.class).single();
    }

    /** Takes numbers until the first 429 (at most twice the allowance); the others must be taken (a redirect to the number). */
    int takeUntilRefused(Point p, String address) throws Exception {
        for (int taken = 0; taken < TICKETS * 2; taken++) {
            MockHttpServletResponse r = take(p, address, "fi");
            if (r.getStatus() == 429) {
                assertLimited(r, LIMITED_FI);
                return taken;
            }
            assertThat(r.getStatus()).isEqualTo(302);
            assertThat(r.getRedirectedUrl()).isEqualTo("/kiosk/" + p.point().id() + "/ticket");
        }
        throw new AssertionError("not refused with 429 in " + TICKETS * 2 + " numbers");
    }

    static void assertLimited(MockHttpServletResponse r, String message) throws Exception {
        assertThat(r.getStatus()).isEqualTo(429);
        assertThat(r.getHeader("Retry-After")).matches("[1-9]\\d*");
        String page = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<p id=\"kiosk-limited\" class=\"kiosk__alert\" role=\"alert\">" + message + "</p>")
                .as("the kiosk's buttons are still there").contains("class=\"kiosk__button\"");
    }

    @Test
    void aKioskTakesItsAllowanceOfNumbersThenTheKioskPageSaysWaitWith429AndNoNumber() throws Exception {
        Point p = walkInPoint("Kioski");
        String kiosk = "10.88.0.1";
        int taken = takeUntilRefused(p, kiosk);
        assertThat(taken).as("a busy kiosk's numbers within the allowance are taken").isGreaterThanOrEqualTo(TICKETS);
        assertThat(tickets(p)).as("a number for each taken, none for the refused").isEqualTo(taken);

        // in Swedish as well (one number per 2 s refills: one may slip in)
        MockHttpServletResponse sv = take(p, kiosk, "sv");
        if (sv.getStatus() == 302) {
            taken++;
            sv = take(p, kiosk, "sv");
        }
        assertLimited(sv, LIMITED_SV);
        assertThat(tickets(p)).isEqualTo(taken);

        // another kiosk at the point, and the same address at another point, are not affected
        assertThat(take(p, "10.88.0.2", "fi").getStatus()).isEqualTo(302);
        Point other = walkInPoint("Toinen");
        assertThat(take(other, kiosk, "fi").getStatus()).isEqualTo(302);
        assertThat(tickets(other)).isEqualTo(1);
    }
}
