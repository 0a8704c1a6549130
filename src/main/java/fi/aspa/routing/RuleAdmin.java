package fi.aspa.routing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators manage their organization's routing rules: list in order, add, edit, enable or disable, move up or
 * down, delete. The form's "Preview" button shows how many of the latest cases the rule would have matched, with a
 * sample, before anything is saved; "Save" shows the same when the form has errors.
 */
@Controller
@RequestMapping("/workspace/admin/routing")
class RuleAdmin {
    private final RuleStore rules;
    private final RulePreview preview;
    private final Catalogue catalogue;
    private final Organizations organizations;
    private final Staff staff;
    private final MessageSource messages;

    RuleAdmin(RuleStore rules, RulePreview preview, Catalogue catalogue, Organizations organizations, Staff staff,
              MessageSource messages) {
        this.rules = rules;
        this.preview = preview;
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.staff = staff;
        this.messages = messages;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        Names names = names(me.organizationId(), locale);
        model.addAttribute("rules", rules.list(me.organizationId()).stream().map(r -> row(r, names, locale)).toList());
        return "routing/rules";
    }

    @GetMapping("/new")
    String add(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        return form(me, model, locale, null, RuleForm.empty(), List.of(), null);
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Model model, Locale locale) {
        requireAdmin(me);
        RoutingRule rule = find(me, id);
        return form(me, model, locale, rule, RuleForm.of(rule), List.of(), preview.preview(me.organizationId(), rule.when()));
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute RuleForm form,
                  @RequestParam(name = "action", defaultValue = "save") String action, Model model, Locale locale,
                  RedirectAttributes redirect, HttpServletResponse response) {
        requireAdmin(me);
        return save(me, null, form, action, model, locale, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, @ModelAttribute RuleForm form,
                  @RequestParam(name = "action", defaultValue = "save") String action, Model model, Locale locale,
                  RedirectAttributes redirect, HttpServletResponse response) {
        requireAdmin(me);
        return save(me, find(me, id), form, action, model, locale, redirect, response);
    }

    @PostMapping("/{id}/enabled")
    String enable(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id,
                  @RequestParam(defaultValue = "false") boolean enabled, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        RoutingRule rule = find(me, id);
        rules.setEnabled(me.organizationId(), id, enabled);
        redirect.addFlashAttribute("noticeText", msg(enabled ? "routing.admin.enabled-notice" : "routing.admin.disabled-notice", locale, rule.name()));
        return "redirect:/workspace/admin/routing";
    }

    @PostMapping("/{id}/move")
    String move(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id,
                @RequestParam(defaultValue = "") String direction, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        RoutingRule rule = find(me, id);
        int delta = switch (direction) {
            case "up" -> -1;
            case "down" -> 1;
            default -> throw AspaException.invalid("validation", "direction must be up or down");
        };
        rules.move(me.organizationId(), id, delta);
        redirect.addFlashAttribute("noticeText", msg("routing.admin.moved-notice", locale, rule.name()));
        return "redirect:/workspace/admin/routing#rule-" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        RoutingRule rule = find(me, id);
        rules.delete(me.organizationId(), id);
        redirect.addFlashAttribute("noticeText", msg("routing.admin.deleted-notice", locale, rule.name()));
        return "redirect:/workspace/admin/routing";
    }

    private String save(StaffPrincipal me, RoutingRule rule, RuleForm form, String action, Model model, Locale locale,
                        RedirectAttributes redirect, HttpServletResponse response) {
        OrganizationId org = me.organizationId();
        RuleForm.Checked checked = form.check(choices(org), key -> messages.getMessage(key, null, locale));
        if (!checked.errors().isEmpty()) {
            response.setStatus(422);
            return form(me, model, locale, rule, form, checked.errors(), null);
        }
        if ("preview".equals(action)) return form(me, model, locale, rule, form, List.of(), preview.preview(org, checked.when()));
        RoutingRule saved = rule == null
                ? rules.create(org, checked.name(), checked.enabled(), checked.when(), checked.then())
                : rules.update(org, rule.id(), checked.name(), checked.enabled(), checked.when(), checked.then());
        redirect.addFlashAttribute("noticeText", msg("routing.admin.saved-notice", locale, saved.name()));
        return "redirect:/workspace/admin/routing";
    }

    private String form(StaffPrincipal me, Model model, Locale locale, RoutingRule rule, RuleForm form,
                        List<FieldMessage> errors, RulePreview.Result result) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        errors.forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        Names names = names(me.organizationId(), locale);
        model.addAttribute("rule", rule);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("preview", result);
        model.addAttribute("services", names.services());
        model.addAttribute("units", names.units());
        model.addAttribute("staff", names.staff());
        model.addAttribute("channels", labels(fi.aspa.cases.Channel.values(), "workspace.channel.", locale));
        model.addAttribute("priorities", labels(fi.aspa.cases.Priority.values(), "workspace.priority.", locale));
        model.addAttribute("kinds", labels(fi.aspa.customer.CustomerKind.values(), "workspace.customer-kind.", locale));
        Map<String, String> languages = new LinkedHashMap<>();
        for (Language l : Language.values()) languages.put(l.code(), msg("routing.language." + l.code(), locale));
        model.addAttribute("languages", languages);
        return "routing/rule-form";
    }

    /** A rule in the list: its conditions and actions in words. */
    record Row(RoutingRule rule, List<String> when, List<String> then) {}

    private Row row(RoutingRule r, Names names, Locale locale) {
        List<String> when = new java.util.ArrayList<>();
        RoutingRule.Conditions w = r.when();
        if (w.channel() != null) when.add(msg("routing.admin.cond.channel", locale, msg("workspace.channel." + w.channel(), locale)));
        if (w.mailbox() != null) when.add(msg("routing.admin.cond.mailbox", locale, w.mailbox()));
        if (w.open311Code() != null) when.add(msg("routing.admin.cond.open311", locale, w.open311Code()));
        if (!w.keywords().isEmpty()) when.add(msg("routing.admin.cond.keywords", locale, String.join(", ", w.keywords())));
        if (w.language() != null) when.add(msg("routing.admin.cond.language", locale, msg("routing.language." + w.language().code(), locale)));
        if (w.customerKind() != null) {
            when.add(msg("routing.admin.cond.customer", locale, msg("workspace.customer-kind." + w.customerKind(), locale)));
        }
        if (when.isEmpty()) when.add(msg("routing.admin.cond.any", locale));
        List<String> then = new java.util.ArrayList<>();
        RoutingRule.Actions t = r.then();
        if (t.serviceId() != null) then.add(msg("routing.admin.act.service", locale, names.services().getOrDefault(t.serviceId(), "?")));
        if (t.unitId() != null) then.add(msg("routing.admin.act.unit", locale, names.units().getOrDefault(t.unitId(), "?")));
        if (t.assigneeId() != null) then.add(msg("routing.admin.act.assignee", locale, names.staff().getOrDefault(t.assigneeId(), "?")));
        if (t.priority() != null) then.add(msg("routing.admin.act.priority", locale, msg("workspace.priority." + t.priority(), locale)));
        if (!t.tags().isEmpty()) then.add(msg("routing.admin.act.tags", locale, String.join(", ", t.tags())));
        return new Row(r, when, then);
    }

    private Map<String, String> labels(Enum<?>[] values, String prefix, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Enum<?> v : values) labels.put(v.name(), msg(prefix + v.name(), locale));
        return labels;
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Names of what rules point to, by id, sorted by name. */
    record Names(Map<UUID, String> services, Map<UUID, String> units, Map<UUID, String> staff) {}

    private Names names(OrganizationId org, Locale locale) {
        Language language = Language.of(locale);
        Map<UUID, String> services = catalogue.list(org).stream()
                .sorted(Comparator.comparing((CatalogueService s) -> s.name().in(language)))
                .collect(Collectors.toMap(CatalogueService::id, s -> s.name().in(language)
                        + (s.open311Code() == null ? "" : " (" + s.open311Code() + ")"), (a, b) -> a, LinkedHashMap::new));
        Map<UUID, String> units = organizations.units(org).stream()
                .sorted(Comparator.comparing((Unit u) -> u.name().in(language)))
                .collect(Collectors.toMap(Unit::id, u -> u.name().in(language), (a, b) -> a, LinkedHashMap::new));
        Map<UUID, String> people = staff.inOrganization(org).stream()
                .sorted(Comparator.comparing(StaffUser::displayName))
                .collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a, LinkedHashMap::new));
        return new Names(services, units, people);
    }

    private RuleForm.Choices choices(OrganizationId org) {
        return new RuleForm.Choices(
                catalogue.list(org).stream().map(CatalogueService::id).collect(Collectors.toSet()),
                organizations.units(org).stream().map(Unit::id).collect(Collectors.toSet()),
                staff.inOrganization(org).stream().map(StaffUser::id).collect(Collectors.toSet()));
    }

    private RoutingRule find(StaffPrincipal me, UUID id) {
        return rules.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Rule"));
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators manage routing rules");
        }
    }
}
