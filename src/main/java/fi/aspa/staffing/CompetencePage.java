package fi.aspa.staffing;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The competence map, for a unit or the organization, and the unit's automatic assignment switch (its manager or an
 * administrator turns it on or off).
 */
@Controller
class CompetencePage {
    private final CompetenceMaps maps;
    private final StaffingViews views;
    private final StaffingStore store;

    CompetencePage(CompetenceMaps maps, StaffingViews views, StaffingStore store) {
        this.maps = maps;
        this.views = views;
        this.store = store;
    }

    @GetMapping("/workspace/competence")
    String page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) UUID unit, Locale locale, Model model) {
        Language language = Language.of(locale);
        var units = views.units(me.organizationId(), language);
        StaffingViews.UnitOption chosen = unit == null ? null
                : units.stream().filter(u -> u.id().equals(unit)).findFirst().orElseThrow(() -> AspaException.notFound("Unit"));
        model.addAttribute("units", units);
        model.addAttribute("unit", chosen);
        model.addAttribute("map", maps.build(me.organizationId(), unit, language));
        model.addAttribute("autoAssign", unit != null && store.autoAssign(me.organizationId(), unit));
        model.addAttribute("mayChange", unit != null && mayChange(me, unit));
        return "staffing/competence";
    }

    @PostMapping("/workspace/competence/auto-assign")
    String autoAssign(@AuthenticationPrincipal StaffPrincipal me, @RequestParam UUID unit, @RequestParam boolean on,
                      RedirectAttributes redirect) {
        views.units(me.organizationId(), Language.FI).stream().filter(u -> u.id().equals(unit)).findFirst()
                .orElseThrow(() -> AspaException.notFound("Unit"));
        if (!mayChange(me, unit)) throw AspaException.forbidden("Only the unit's manager or an admin");
        store.setAutoAssign(me.organizationId(), unit, on, views.now());
        redirect.addFlashAttribute("notice", on ? "staffing.notice.auto-on" : "staffing.notice.auto-off");
        return "redirect:/workspace/competence?unit=" + unit;
    }

    static boolean mayChange(StaffPrincipal me, UUID unit) {
        return me.user().roles().contains(Role.ADMIN)
                || (me.user().roles().contains(Role.UNIT_MANAGER) && unit.equals(me.unitId()));
    }
}
