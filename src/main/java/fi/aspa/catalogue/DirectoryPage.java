package fi.aspa.catalogue;

import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import fi.aspa.identity.Role;
import fi.aspa.platform.AspaException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Who handles what?": staff search the catalogue by name or keyword and see each service's responsible unit,
 * its named people and how to reach them. (A simple name and keyword match; the search module replaces it.)
 */
@Controller
class DirectoryPage {
    static final int MAX_QUERY = 200;
    static final int LIMIT = 20;

    private final Catalogue catalogue;
    private final Organizations organizations;
    private final Staff staff;

    DirectoryPage(Catalogue catalogue, Organizations organizations, Staff staff) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.staff = staff;
    }

    record Person(UUID id, String name, String email, String role) {}

    record UnitContact(ServicePages.Text name, String email) {}

    record Hit(UUID id, ServicePages.Text name, ServicePages.Text summary, String open311Code, UnitContact unit,
               List<Person> people, List<String> channels, boolean internal) {}

    @GetMapping("/workspace/directory")
    String directory(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q, Locale locale,
                     Model model) {
        Language language = Language.of(locale);
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) query = query.substring(0, MAX_QUERY);
        List<Hit> hits = List.of();
        if (!query.isEmpty()) {
            hits = catalogue.search(me.organizationId(), query, LIMIT).stream().map(s -> new Hit(s.id(),
                    ServicePages.Text.of(s.name(), language), ServicePages.Text.of(s.summary(), language), s.open311Code(),
                    s.unitId() == null ? null : organizations.unit(me.organizationId(), s.unitId())
                            .map(u -> new UnitContact(ServicePages.Text.of(u.name(), language), u.email())).orElse(null),
                    s.people().stream().map(p -> staff.find(me.organizationId(), p.staffId())
                            .map(u -> person(u, p.role())).orElse(null)).filter(p -> p != null).toList(),
                    s.channels().stream().sorted().map(Enum::name).toList(), s.internal())).toList();
        }
        model.addAttribute("q", query);
        model.addAttribute("searched", !query.isEmpty());
        model.addAttribute("hits", hits);
        model.addAttribute("admin", me.has(Role.ADMIN));
        return "catalogue/directory";
    }

    /** An administrator makes a service internal (staff only) or public; back to the same search. */
    @PostMapping("/workspace/admin/services/{id}/visibility")
    String visibility(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id,
                      @RequestParam(required = false) String visibility, @RequestParam(required = false) String q,
                      RedirectAttributes redirect) {
        if (!me.has(Role.ADMIN)) throw AspaException.forbidden("Only administrators change a service's visibility");
        boolean internal;
        if ("INTERNAL".equals(visibility)) internal = true;
        else if ("PUBLIC".equals(visibility)) internal = false;
        else throw AspaException.invalid("validation", "visibility must be PUBLIC or INTERNAL");
        catalogue.setInternal(me.organizationId(), id, internal);
        redirect.addFlashAttribute("notice", "directory.visibility.saved");
        redirect.addAttribute("q", q == null ? "" : q);
        return "redirect:/workspace/directory";
    }

    private static Person person(StaffUser user, ServicePerson.Role role) {
        return new Person(user.id(), user.displayName(), user.email(), role.name());
    }
}
