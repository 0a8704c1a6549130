package fi.aspa.appointments;

import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.organization.PublicOrganization;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The kiosk at a service point: a customer picks a service with one big button and gets a queue number; no
 * personal data is asked. The page refreshes its buttons every two minutes (htmx) so that their CSRF tokens stay
 * valid on a kiosk that runs all day, across restarts; without JavaScript it reloads itself.
 *
 * <p>Queue numbers are public: anyone who can reach the page could fill the queue with a script. A kiosk is one device
 * at one address, so numbers are counted per service point and client address: {@code
 * aspa.appointments.kiosk.rate-limit.tickets} per {@code period}, by default 30 a minute, refilled gradually. A busy
 * service point gives a number every 10–20 seconds (3–6 a minute) and a rush (a bus arrives, the doors open in the
 * morning) a few within seconds: 30 a minute is five times that peak, with room for 30 in a row, so a real kiosk is
 * never stopped, while a script adds at most one number every two seconds. Several kiosks of one point behind one
 * address share it, which is why it is this generous.
 */
@Controller
class KioskPage {
    static final String RATE_ACTION = "kiosk-ticket";
    private final PublicOrganization publicOrganization;
    private final ServiceSetup setup;
    private final WalkInQueue queue;
    private final PublicRateLimits limits;
    private final long ticketsPerPeriod;
    private final Duration period;

    KioskPage(PublicOrganization publicOrganization, ServiceSetup setup, WalkInQueue queue, PublicRateLimits limits,
              @Value("${aspa.appointments.kiosk.rate-limit.tickets:30}") long ticketsPerPeriod,
              @Value("${aspa.appointments.kiosk.rate-limit.period:1m}") Duration period) {
        if (ticketsPerPeriod < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("aspa.appointments.kiosk.rate-limit needs a positive number of tickets and period");
        }
        this.publicOrganization = publicOrganization;
        this.setup = setup;
        this.queue = queue;
        this.limits = limits;
        this.ticketsPerPeriod = ticketsPerPeriod;
        this.period = period;
    }

    record ServiceButton(UUID id, String name, String letter) {}

    @GetMapping("/kiosk/{pointId}")
    ModelAndView kiosk(@PathVariable String pointId, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        return kiosk(org, point(org, pointId), Language.of(locale));
    }

    private ModelAndView kiosk(OrganizationId org, ServicePoint point, Language language) {
        List<ServiceButton> buttons = setup.services(org, point.id()).stream().filter(VisitService::walkIn)
                .map(s -> new ServiceButton(s.id(), s.name().in(language), s.queueLetter())).toList();
        ModelAndView page = new ModelAndView("appointments/kiosk");
        page.addObject("point", BookingPages.pointView(point, language));
        page.addObject("services", buttons);
        page.addObject("kioskUrl", "/kiosk/" + point.id());
        page.addObject("noindex", true);
        return page;
    }

    /**
     * A queue number. Counted per service point and client address ({@link PublicRateLimits}, action
     * {@value #RATE_ACTION}) before it is taken; over the allowance the kiosk page again with the message, 429.
     */
    @PostMapping("/kiosk/{pointId}/tickets")
    ModelAndView take(@PathVariable String pointId, @RequestParam(required = false) String service, RedirectAttributes redirect,
                      HttpServletRequest request, HttpServletResponse response, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        UUID serviceId = Inputs.uuidOrNull(service);
        if (serviceId == null) throw AspaException.notFound("Service");
        Duration wait = limits.acquire(RATE_ACTION, point.id() + " " + request.getRemoteAddr(), ticketsPerPeriod, period);
        if (!wait.isZero()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PublicRateLimits.retryAfterSeconds(wait)));
            ModelAndView page = kiosk(org, point, Language.of(locale));
            page.addObject("limited", true);
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            return page;
        }
        WalkInQueue.Ticket ticket = queue.take(org, point.id(), serviceId);
        redirect.addFlashAttribute("ticketId", ticket.id().toString());
        return new ModelAndView("redirect:/kiosk/" + point.id() + "/ticket");
    }

    /** The number just taken; comes once, as a flash attribute of the redirect. */
    @GetMapping("/kiosk/{pointId}/ticket")
    ModelAndView ticket(@PathVariable String pointId, Model model, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        if (!(model.getAttribute("ticketId") instanceof String ticketId)) {
            return new ModelAndView("redirect:/kiosk/" + point.id());
        }
        WalkInQueue.Ticket ticket = queue.find(org, UUID.fromString(ticketId)).orElseThrow(() -> AspaException.notFound("Ticket"));
        Language language = Language.of(locale);
        ModelAndView page = new ModelAndView("appointments/kiosk-ticket");
        page.addObject("point", BookingPages.pointView(point, language));
        page.addObject("code", ticket.code());
        page.addObject("service", setup.service(org, ticket.serviceId()).map(s -> s.name().in(language)).orElse(""));
        page.addObject("ahead", queue.ahead(org, ticket));
        page.addObject("kioskUrl", "/kiosk/" + point.id());
        page.addObject("noindex", true);
        return page;
    }

    private ServicePoint point(OrganizationId org, String pointId) {
        return setup.findServicePoint(org, Inputs.uuidOrNull(pointId))
                .filter(p -> setup.walkInPoints(org).stream().anyMatch(w -> w.id().equals(p.id())))
                .orElseThrow(() -> AspaException.notFound("Service point"));
    }
}
