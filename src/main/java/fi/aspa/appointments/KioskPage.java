package fi.aspa.appointments;

import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.organization.PublicOrganization;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
 */
@Controller
class KioskPage {
    private final PublicOrganization publicOrganization;
    private final ServiceSetup setup;
    private final WalkInQueue queue;

    KioskPage(PublicOrganization publicOrganization, ServiceSetup setup, WalkInQueue queue) {
        this.publicOrganization = publicOrganization;
        this.setup = setup;
        this.queue = queue;
    }

    record ServiceButton(UUID id, String name, String letter) {}

    @GetMapping("/kiosk/{pointId}")
    ModelAndView kiosk(@PathVariable String pointId, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        Language language = Language.of(locale);
        List<ServiceButton> buttons = setup.services(org, point.id()).stream().filter(VisitService::walkIn)
                .map(s -> new ServiceButton(s.id(), s.name().in(language), s.queueLetter())).toList();
        ModelAndView page = new ModelAndView("appointments/kiosk");
        page.addObject("point", BookingPages.pointView(point, language));
        page.addObject("services", buttons);
        page.addObject("kioskUrl", "/kiosk/" + point.id());
        page.addObject("noindex", true);
        return page;
    }

    @PostMapping("/kiosk/{pointId}/tickets")
    String take(@PathVariable String pointId, @RequestParam(required = false) String service, RedirectAttributes redirect) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        UUID serviceId = Inputs.uuidOrNull(service);
        if (serviceId == null) throw AspaException.notFound("Service");
        WalkInQueue.Ticket ticket = queue.take(org, point.id(), serviceId);
        redirect.addFlashAttribute("ticketId", ticket.id().toString());
        return "redirect:/kiosk/" + point.id() + "/ticket";
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
