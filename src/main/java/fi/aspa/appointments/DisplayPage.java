package fi.aspa.appointments;

import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The display at a service point: the number being called now (in an {@code aria-live} region) and the ones
 * called before it. htmx asks every few seconds whether anything changed, sending the version it shows; the
 * answer is 204 (nothing to do) or the changed parts, swapped in place so that the live region stays and
 * announces only the new number. Without JavaScript the page reloads itself.
 */
@Controller
class DisplayPage {
    static final int SHOWN = 6;

    private final PublicOrganization publicOrganization;
    private final ServiceSetup setup;
    private final WalkInQueue queue;

    DisplayPage(PublicOrganization publicOrganization, ServiceSetup setup, WalkInQueue queue) {
        this.publicOrganization = publicOrganization;
        this.setup = setup;
        this.queue = queue;
    }

    record Called(String code, String desk) {}

    @GetMapping("/display/{pointId}")
    ModelAndView display(@PathVariable String pointId, Locale locale, HttpServletResponse response) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        ModelAndView page = new ModelAndView("appointments/display");
        board(page, org, point);
        page.addObject("point", BookingPages.pointView(point, Language.of(locale)));
        page.addObject("noindex", true);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return page;
    }

    /** The changed parts of the board, or 204 when the display already shows version {@code v}. */
    @GetMapping("/display/{pointId}/board")
    Object update(@PathVariable String pointId, @RequestParam(required = false) String v, HttpServletResponse response) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ModelAndView page = new ModelAndView("appointments/display-update :: update");
        String version = board(page, org, point);
        if (version.equals(v)) return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
        return page;
    }

    private String board(ModelAndView page, OrganizationId org, ServicePoint point) {
        LocalDate today = queue.today();
        List<WalkInQueue.Ticket> called = queue.called(org, point.id(), today, SHOWN);
        int waiting = queue.waiting(org, point.id(), today);
        List<Called> list = called.stream().map(t -> new Called(t.code(), t.desk())).toList();
        String version = (called.isEmpty() ? "none" : called.getFirst().id() + "-" + called.getFirst().calledAt().toEpochMilli())
                + "-" + waiting;
        page.addObject("now", list.isEmpty() ? null : list.getFirst());
        page.addObject("earlier", list.size() > 1 ? list.subList(1, list.size()) : List.of());
        page.addObject("waiting", waiting);
        page.addObject("version", version);
        page.addObject("boardUrl", "/display/" + point.id() + "/board?v=" + version);
        return version;
    }

    private ServicePoint point(OrganizationId org, String pointId) {
        return setup.findServicePoint(org, Inputs.uuidOrNull(pointId))
                .filter(p -> setup.walkInPoints(org).stream().anyMatch(w -> w.id().equals(p.id())))
                .orElseThrow(() -> AspaException.notFound("Service point"));
    }
}
