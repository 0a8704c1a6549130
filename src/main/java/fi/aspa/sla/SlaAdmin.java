package fi.aspa.sla;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.cases.Priority;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators set their organization's service-level targets, business hours and extra closed days. Each of the
 * three forms posts and redirects; a form filled in wrongly shows the page again with the error summary.
 */
@Controller
@RequestMapping("/workspace/admin/sla")
class SlaAdmin {
    static final int MAX_HOURS = 24 * 365;
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4])[:.]([0-5]\\d)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");

    private final SlaStore store;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final Clock clock;

    SlaAdmin(SlaStore store, Catalogue catalogue, MessageSource messages, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String value, String label) {}

    record TargetRow(UUID id, String service, String priority, String firstResponse, String resolution, int warnPercent,
                     boolean raisePriority) {}

    record DayRow(String key, String label, String opens, String closes) {}

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        return render(me, model, locale, new FormErrors(messages, locale), Map.of());
    }

    @PostMapping("/targets")
    @Transactional
    String saveTarget(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form, Model model,
                      Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        OrganizationId org = me.organizationId();
        FormErrors errors = new FormErrors(messages, locale);
        UUID service = null;
        String serviceValue = form.getOrDefault("service", "");
        if (!serviceValue.isBlank()) {
            service = uuidOrNull(serviceValue);
            if (service == null || catalogue.find(org, service).isEmpty()) errors.add("target-service", "sla.admin.error.service");
        }
        Priority priority = null;
        String priorityValue = form.getOrDefault("priority", "");
        if (!priorityValue.isBlank()) {
            try {
                priority = Priority.valueOf(priorityValue);
            } catch (IllegalArgumentException e) {
                errors.add("target-priority", "sla.admin.error.priority");
            }
        }
        Integer first = hours(form.get("firstResponseHours"), errors, "target-first");
        Integer resolution = hours(form.get("resolution"), errors, "target-resolution");
        String unit = form.getOrDefault("resolutionUnit", "HOURS");
        if (!unit.equals("HOURS") && !unit.equals("DAYS")) errors.add("target-resolution-unit", "sla.admin.error.unit");
        Integer warn = null;
        String warnValue = form.getOrDefault("warnPercent", "").strip();
        if (!NUMBER.matcher(warnValue).matches() || Integer.parseInt(warnValue) < 1 || Integer.parseInt(warnValue) > 99) {
            errors.add("target-warn", "sla.admin.error.warn");
        } else {
            warn = Integer.parseInt(warnValue);
        }
        if (!errors.isEmpty()) return render(me, model, locale, errors, form);
        int resolutionMinutes = resolution * 60 * (unit.equals("DAYS") ? 8 : 1);
        if (resolutionMinutes > MAX_HOURS * 60) {
            errors.add("target-resolution", "sla.admin.error.hours", MAX_HOURS);
            return render(me, model, locale, errors, form);
        }
        store.saveTarget(org, new SlaTarget(null, service, priority, first * 60, resolutionMinutes, warn,
                "true".equals(form.get("raisePriority"))), clock.instant());
        redirect.addFlashAttribute("notice", "sla.admin.notice.target-saved");
        return "redirect:/workspace/admin/sla";
    }

    @PostMapping("/targets/delete")
    String deleteTarget(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String id,
                        RedirectAttributes redirect) {
        requireAdmin(me);
        UUID target = uuidOrNull(id);
        if (target == null || !store.deleteTarget(me.organizationId(), target)) throw AspaException.notFound("Target");
        redirect.addFlashAttribute("notice", "sla.admin.notice.target-deleted");
        return "redirect:/workspace/admin/sla";
    }

    @PostMapping("/hours")
    @Transactional
    String saveHours(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form, Model model,
                     Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        FormErrors errors = new FormErrors(messages, locale);
        Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String key = dayKey(day);
            String opens = form.getOrDefault(key + "-opens", "").strip();
            String closes = form.getOrDefault(key + "-closes", "").strip();
            if (opens.isEmpty() && closes.isEmpty()) continue;
            LocalTime o = opens.startsWith("24") ? null : time(opens);
            LocalTime c = time(closes);
            if (o == null) {
                errors.add("hours-" + key + "-opens", "sla.admin.error.time");
            } else if (c == null) {
                errors.add("hours-" + key + "-closes", "sla.admin.error.time");
            } else if (!c.equals(LocalTime.MIDNIGHT) && !c.isAfter(o)) {
                errors.add("hours-" + key + "-closes", "sla.admin.error.closes");
            } else {
                hours.put(day, new BusinessCalendar.Hours(o, c));
            }
        }
        if (errors.isEmpty() && hours.isEmpty()) errors.add("hours-mon-opens", "sla.admin.error.no-hours");
        if (!errors.isEmpty()) return render(me, model, locale, errors, form);
        store.saveHours(me.organizationId(), hours);
        redirect.addFlashAttribute("notice", "sla.admin.notice.hours-saved");
        return "redirect:/workspace/admin/sla";
    }

    @PostMapping("/closed-days")
    String addClosedDay(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> form, Model model,
                        Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        FormErrors errors = new FormErrors(messages, locale);
        LocalDate day = DateTimes.parseDate(form.getOrDefault("day", ""), locale);
        if (day == null) errors.add("closed-day", "sla.admin.error.date", dateExample(locale));
        if (!errors.isEmpty()) return render(me, model, locale, errors, form);
        store.addClosedDay(me.organizationId(), day);
        redirect.addFlashAttribute("notice", "sla.admin.notice.day-added");
        return "redirect:/workspace/admin/sla";
    }

    @PostMapping("/closed-days/delete")
    String removeClosedDay(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String day,
                           RedirectAttributes redirect) {
        requireAdmin(me);
        LocalDate value = DateTimes.parseDate(day, Locale.ROOT); // the page's own ISO value
        if (value == null) throw AspaException.notFound("Closed day");
        store.removeClosedDay(me.organizationId(), value);
        redirect.addFlashAttribute("notice", "sla.admin.notice.day-removed");
        return "redirect:/workspace/admin/sla";
    }

    // ------------------------------------------------------------------

    private String render(StaffPrincipal me, Model model, Locale locale, FormErrors errors, Map<String, String> form) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Map<UUID, String> serviceNames = new LinkedHashMap<>();
        catalogue.list(org).stream().sorted(Comparator.comparing((CatalogueService s) -> s.name().in(language)))
                .forEach(s -> serviceNames.put(s.id(), s.name().in(language)));
        List<TargetRow> targets = new ArrayList<>();
        for (SlaTarget t : store.targets(org)) {
            targets.add(new TargetRow(t.id(),
                    t.serviceId() == null ? msg("sla.admin.all-services", locale) : serviceNames.getOrDefault(t.serviceId(), "?"),
                    t.priority() == null ? msg("sla.admin.all-priorities", locale) : msg("sla.priority." + t.priority().name().toLowerCase(), locale),
                    duration(t.firstResponseMinutes(), locale), duration(t.resolutionMinutes(), locale), t.warnPercent(), t.raisePriority()));
        }
        Map<DayOfWeek, BusinessCalendar.Hours> weekly = store.calendar(org).weekly();
        List<DayRow> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String key = dayKey(day);
            BusinessCalendar.Hours h = weekly.get(day);
            days.add(new DayRow(key, msg("sla.admin.day." + key, locale),
                    form.containsKey(key + "-opens") ? form.get(key + "-opens") : h == null ? "" : format(h.opens(), false),
                    form.containsKey(key + "-closes") ? form.get(key + "-closes") : h == null ? "" : format(h.closes(), true)));
        }
        Map<String, String> values = new HashMap<>(form);
        values.putIfAbsent("warnPercent", "75");
        values.putIfAbsent("resolutionUnit", "HOURS");
        model.addAttribute("targets", targets);
        model.addAttribute("services", serviceNames.entrySet().stream().map(e -> new Option(e.getKey().toString(), e.getValue())).toList());
        model.addAttribute("priorities", List.of(Priority.values()).stream()
                .map(p -> new Option(p.name(), msg("sla.priority." + p.name().toLowerCase(), locale))).toList());
        model.addAttribute("days", days);
        model.addAttribute("closedDays", store.closedDayList(org));
        model.addAttribute("dateExample", dateExample(locale));
        model.addAttribute("form", values);
        model.addAttribute("formErrors", errors);
        model.addAttribute("errors", errors.getSummary());
        return "sla/admin";
    }

    private String duration(int minutes, Locale locale) {
        return messages.getMessage("sla.duration", new Object[] {minutes / 60, minutes % 60}, locale);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    static String dayKey(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase();
    }

    private static Integer hours(String value, FormErrors errors, String field) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(field, "sla.admin.error.required");
            return null;
        }
        if (!NUMBER.matcher(v).matches() || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_HOURS) {
            errors.add(field, "sla.admin.error.hours", MAX_HOURS);
            return null;
        }
        return Integer.parseInt(v);
    }

    /** "8:00", "8.00", "16:30"; "24:00" is the end of the day (returned as midnight). */
    static LocalTime time(String value) {
        var m = TIME.matcher(value);
        if (!m.matches()) return null;
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24) return min == 0 ? LocalTime.MIDNIGHT : null;
        return LocalTime.of(h, min);
    }

    static String format(LocalTime time, boolean closing) {
        if (closing && time.equals(LocalTime.MIDNIGHT)) return "24:00";
        return "%d:%02d".formatted(time.getHour(), time.getMinute());
    }

    /** Today as the reader writes a date: the example beside the closed day's field and in its error. */
    private String dateExample(Locale locale) {
        return DateTimes.date(clock.instant().atZone(DateTimes.HELSINKI).toLocalDate(), locale);
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators manage service levels");
        }
    }
}
