package fi.aspa.routing;

import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The triage queue: cases the classifier was not confident about (their latest routing decision is triage) that
 * still have no unit, oldest first, each with the classifier's three best suggestions. Choosing one routes the
 * case in one step ({@link Routing#choose}); any other service can be picked from the full list.
 */
@Controller
class TriagePage {
    static final int LIMIT = 100;
    static final int SUGGESTIONS = 3;
    private static final Set<CaseStatus> DONE = Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED);

    private final ServiceRouter routing;
    private final Cases cases;
    private final Catalogue catalogue;
    private final MessageSource messages;

    TriagePage(ServiceRouter routing, Cases cases, Catalogue catalogue, MessageSource messages) {
        this.routing = routing;
        this.cases = cases;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    record Choice(UUID serviceId, String name, String confidence) {}

    record Row(UUID caseId, String reference, String subject, String created, String createdIso, List<Choice> suggestions) {}

    @GetMapping("/workspace/triage")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        return render(me, model, locale, List.of(), null);
    }

    @PostMapping("/workspace/triage/{caseId}")
    String choose(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID caseId,
                  @RequestParam(required = false) String serviceId, @RequestParam(required = false) String other,
                  Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        OrganizationId org = me.organizationId();
        CaseSummary summary = cases.summary(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        String chosen = serviceId != null && !serviceId.isBlank() ? serviceId : other;
        CatalogueService service = parse(chosen) == null ? null : catalogue.find(org, parse(chosen)).orElse(null);
        if (service == null) {
            response.setStatus(422);
            return render(me, model, locale, List.of(new FieldMessage("other-" + caseId,
                    messages.getMessage("routing.triage.error.service", new Object[] {summary.reference()}, locale))), caseId);
        }
        routing.choose(org, caseId, service.id(), me.id());
        redirect.addFlashAttribute("routed", messages.getMessage("routing.triage.routed",
                new Object[] {summary.reference(), service.name().in(Language.of(locale))}, locale));
        return "redirect:/workspace/triage";
    }

    private String render(StaffPrincipal me, Model model, Locale locale, List<FieldMessage> errors, UUID errorCase) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Map<UUID, CatalogueService> services = new LinkedHashMap<>();
        catalogue.list(org).stream().sorted(Comparator.comparing((CatalogueService s) -> s.name().in(language)))
                .forEach(s -> services.put(s.id(), s));
        List<Row> rows = new ArrayList<>();
        for (RoutingDecision d : routing.triage(org, LIMIT)) {
            CaseSummary c = cases.summary(org, d.caseId()).orElse(null);
            if (c == null || c.unitId() != null || DONE.contains(c.status())) continue;
            List<Choice> suggestions = d.alternatives().stream().filter(a -> services.containsKey(a.serviceId()))
                    .limit(SUGGESTIONS)
                    .map(a -> new Choice(a.serviceId(), services.get(a.serviceId()).name().in(language),
                            String.format(locale, "%.0f %%", a.confidence() * 100)))
                    .toList();
            rows.add(new Row(c.id(), c.reference(), c.subject(), DateTimes.dateTime(c.createdAt(), locale), DateTimes.iso(c.createdAt()), suggestions));
        }
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        errors.forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        Map<UUID, String> names = new LinkedHashMap<>();
        services.values().forEach(s -> names.put(s.id(), s.name().in(language)
                + (s.open311Code() == null ? "" : " (" + s.open311Code() + ")")));
        model.addAttribute("rows", rows);
        model.addAttribute("services", names);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", fieldErrors);
        return "routing/triage";
    }

    private static UUID parse(String value) {
        if (value == null || value.strip().length() != 36) return null;
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
