package fi.aspa.staffing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's people: everyone with their availability and how current their profile is, "who handles
 * parking permits?" (services matching the question, each with the people who know it, best first), and one
 * person's profile.
 */
@Controller
class PeoplePage {
    static final int MAX_QUERY = 200;
    static final int SERVICES = 10;

    private final StaffingViews views;
    private final StaffingStore store;
    private final Catalogue catalogue;
    private final Staff staff;

    PeoplePage(StaffingViews views, StaffingStore store, Catalogue catalogue, Staff staff) {
        this.views = views;
        this.store = store;
        this.catalogue = catalogue;
        this.staff = staff;
    }

    record Handler(StaffingViews.Person person, String level) {}

    record Answer(UUID serviceId, StaffingViews.Text service, List<Handler> handlers) {}

    @GetMapping("/workspace/people")
    String people(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q,
                  @RequestParam(required = false) UUID service, Locale locale, Model model) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) query = query.substring(0, MAX_QUERY);
        List<StaffingViews.Person> everyone = views.people(org, (UUID) null, language);
        Map<UUID, StaffingViews.Person> byId = everyone.stream().collect(Collectors.toMap(StaffingViews.Person::id, Function.identity()));
        List<CatalogueService> matched = List.of();
        if (service != null) {
            matched = catalogue.find(org, service).map(List::of).orElseThrow(() -> AspaException.notFound("Service"));
            query = "";
        } else if (!query.isEmpty()) {
            matched = catalogue.search(org, query, SERVICES);
        }
        Map<UUID, Map<UUID, Level>> expertise = matched.isEmpty() ? Map.of() : store.expertiseByService(org);
        List<Answer> answers = matched.stream().map(s -> new Answer(s.id(), StaffingViews.Text.of(s.name(), language),
                expertise.getOrDefault(s.id(), Map.of()).entrySet().stream()
                        .filter(e -> byId.containsKey(e.getKey()))
                        .sorted(Comparator.comparing((Map.Entry<UUID, Level> e) -> e.getValue())
                                .thenComparing(e -> byId.get(e.getKey()).presence())
                                .thenComparing(e -> byId.get(e.getKey()).name()))
                        .map(e -> new Handler(byId.get(e.getKey()), e.getValue().name()))
                        .toList()))
                .toList();
        model.addAttribute("q", query);
        model.addAttribute("asked", !matched.isEmpty() || !query.isEmpty());
        model.addAttribute("answers", answers);
        model.addAttribute("people", everyone);
        return "staffing/people";
    }

    @GetMapping("/workspace/people/{id}")
    String person(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Locale locale, Model model) {
        var user = staff.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Staff member"));
        model.addAttribute("person", views.person(me.organizationId(), user, Language.of(locale)));
        model.addAttribute("me", id.equals(me.id()));
        model.addAttribute("mayEdit", ProfilePage.mayEdit(me, user));
        model.addAttribute("personId", id);
        return "staffing/person";
    }
}
