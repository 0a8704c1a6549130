package fi.aspa.sla;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The unit manager's in-app list of escalations: the cases of the manager's unit whose clocks are at risk (warned) or
 * breached and not yet stopped, breached first. Administrators see the whole organization. This list is how managers
 * are notified; no email is sent (Aspa has no staff mail path yet: the email channel answers customers only).
 */
@Controller
class SlaAlertsPage {
    static final int LIMIT = 200;
    private final SlaStore store;
    private final Cases cases;
    private final Organizations organizations;

    SlaAlertsPage(SlaStore store, Cases cases, Organizations organizations) {
        this.store = store;
        this.cases = cases;
        this.organizations = organizations;
    }

    record Row(UUID caseId, String reference, String subject, String unit, String kindKey, String stateKey,
               boolean breached, Instant due) {}

    @GetMapping("/workspace/sla")
    String alerts(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        if (me == null || !me.has(Role.UNIT_MANAGER)) {
            throw AspaException.forbidden("Only unit managers see the escalations");
        }
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Map<UUID, String> units = organizations.units(org).stream().collect(Collectors.toMap(Unit::id, u -> u.name().in(language)));
        UUID unit = me.has(Role.ADMIN) ? null : me.unitId();
        List<Row> rows = new ArrayList<>();
        for (SlaStore.Alert a : store.alerts(org, unit, LIMIT)) {
            Optional<CaseSummary> summary = cases.summary(org, a.caseId());
            if (summary.isEmpty()) continue;
            SlaClock view = new SlaClock(a.kind(), a.state(), java.time.Duration.ZERO, java.time.Duration.ZERO, a.dueAt(), true, a.breachedAt() != null);
            rows.add(new Row(a.caseId(), summary.get().reference(), summary.get().subject(),
                    a.unitId() == null ? "" : units.getOrDefault(a.unitId(), ""), view.kindKey(), view.stateKey(),
                    a.breachedAt() != null, a.dueAt()));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("unitName", unit == null ? null : units.get(unit));
        return "sla/alerts";
    }

    /** Tells the workspace navigation whether to offer the list (managers and administrators only). */
    @Component
    static class Navigation implements PageModel {
        @Override
        public void addTo(Page page) {
            page.put("slaManager", page.principal() instanceof StaffPrincipal staff && staff.has(Role.UNIT_MANAGER));
        }
    }
}
