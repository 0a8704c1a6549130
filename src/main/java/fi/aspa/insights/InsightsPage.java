package fi.aspa.insights;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The customer-experience dashboard for staff who lead the service (the same rule as the survey's results): unit
 * managers see their own unit's figures, administrators the organization's or one unit's they choose; agents none.
 * For a period of whole Helsinki days, the last 7, 30 (default) or 90 ending today, or dates typed in the reader's
 * way (at most {@value Period#MAX_DAYS} days): the residents' and the staff's own (INTERNAL) cases apart, each with
 * their contacts per channel and per week, flow and speed; the service levels and routing; and the survey. The same
 * tables download as CSV ({@code /workspace/insights.csv}). The page shows counts only, no one's personal data, so
 * nothing is logged as a view of it. A bad date or unit is a localized field error (400), never a guess. The page
 * also says how many improvement targets of the unit (or organization) in view are open and overdue, and links to
 * them ({@link TargetPages}): measuring is for acting on.
 */
@Controller
class InsightsPage {
    private final Dashboards dashboards;
    private final Organizations organizations;
    private final MessageSource messages;
    private final Clock clock;
    private final TargetStore targets;

    InsightsPage(Dashboards dashboards, Organizations organizations, MessageSource messages, Clock clock,
                 TargetStore targets) {
        this.targets = targets;
        this.dashboards = dashboards;
        this.organizations = organizations;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String value, String label, boolean selected) {}

    /** What was asked, checked: the period and the unit (null for the whole organization), or the errors. */
    private record Query(Period period, UUID unitId, String unitName, List<Unit> units, FormErrors errors) {}

    @GetMapping("/workspace/insights")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String days,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String unit, Locale locale) {
        requireManager(me);
        Query query = query(me, days, from, to, unit, locale);
        ModelAndView page = new ModelAndView("insights/dashboard",
                query.errors().isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        page.addObject("errors", query.errors());
        page.addObject("admin", me.has(Role.ADMIN));
        Period.addFields(page, query.period(), from, to, locale);
        page.addObject("units", unitOptions(query, locale));
        page.addObject("unitName", query.unitName());
        if (!query.errors().isEmpty()) return page;

        Period period = query.period();
        Dashboards.Figures figures = dashboards.figures(me.organizationId(), query.unitId(), period);
        page.addObject("sections", new DashboardView(messages, locale).sections(figures, query.unitId() == null));
        period.addShown(page, locale);
        page.addObject("csvQuery", query.unitId() == null ? period.datesQuery() : period.datesQuery() + "&unit=" + query.unitId());
        // the same period among the organizations that share their figures (administrators: whole organizations)
        page.addObject("networkQuery", period.query());
        // what the unit (or organization) in view set out to improve: open and overdue targets, and the way to them
        page.addObject("targets", targets.counts(me.organizationId(), query.unitId()));
        page.addObject("targetsUnit", me.has(Role.ADMIN) && query.unitId() != null ? query.unitId().toString() : "");
        return page;
    }

    @GetMapping("/workspace/insights.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String days,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String unit, Locale locale) {
        requireManager(me);
        Query query = query(me, days, from, to, unit, locale);
        if (!query.errors().isEmpty()) return refused(HttpStatus.BAD_REQUEST, query.errors());
        Period period = query.period();
        Dashboards.Figures figures = dashboards.figures(me.organizationId(), query.unitId(), period);
        List<String> title = List.of(messages.getMessage("insights.title", null, locale),
                query.unitName() == null ? messages.getMessage("insights.whole-organization", null, locale) : query.unitName(),
                DateTimes.iso(period.first()), DateTimes.iso(period.last()));
        List<List<String>> rows = new ArrayList<>();
        for (DashboardView.Section section : new DashboardView(messages, locale).sections(figures, query.unitId() == null)) {
            for (DashboardView.Table table : section.tables()) {
                rows.add(List.of());
                rows.add(List.of(section.title() + " – " + table.caption()));
                rows.add(table.columns());
                for (DashboardView.Row row : table.rows()) {
                    List<String> fields = new ArrayList<>();
                    fields.add(row.label());
                    row.cells().forEach(c -> fields.add(c.text()));
                    rows.add(fields);
                }
            }
        }
        return Csv.download("insights-" + DateTimes.iso(period.first()) + "-" + DateTimes.iso(period.last()) + ".csv",
                title, rows.stream());
    }

    static void requireManager(StaffPrincipal me) {
        if (me == null || !me.has(Role.UNIT_MANAGER) || (!me.has(Role.ADMIN) && me.unitId() == null)) {
            throw AspaException.forbidden("Only unit managers and administrators see the dashboard");
        }
    }

    private Query query(StaffPrincipal me, String days, String from, String to, String unit, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        List<Unit> units = organizations.units(org).stream()
                .sorted(Comparator.comparing(u -> u.name().in(language))).toList();
        UUID unitId = me.has(Role.ADMIN) ? null : me.unitId();
        if (me.has(Role.ADMIN) && !blank(unit)) {
            UUID chosen = parseUuid(unit);
            if (chosen == null || units.stream().noneMatch(u -> u.id().equals(chosen))) errors.add("unit", "insights.error.unit");
            else unitId = chosen;
        }
        UUID finalUnit = unitId;
        String unitName = unitId == null ? null : units.stream().filter(u -> u.id().equals(finalUnit)).findFirst()
                .map(u -> u.name().in(language)).orElse(null);

        LocalDate today = clock.instant().atZone(DateTimes.HELSINKI).toLocalDate();
        Period period = Period.read(days, from, to, today, errors, locale);
        return new Query(period, unitId, unitName, units, errors);
    }

    private List<Option> unitOptions(Query query, Locale locale) {
        Language language = Language.of(locale);
        List<Option> options = new ArrayList<>();
        options.add(new Option("", messages.getMessage("insights.whole-organization", null, locale), query.unitId() == null));
        query.units().forEach(u -> options.add(new Option(u.id().toString(), u.name().in(language), u.id().equals(query.unitId()))));
        return options;
    }

    /** A CSV download refused, with the reason as plain text (the form's errors, one a line). */
    static ResponseEntity<byte[]> refused(HttpStatus status, FormErrors errors) {
        return refused(status, String.join("\n", errors.getSummary().stream().map(e -> e.message()).toList()));
    }

    static ResponseEntity<byte[]> refused(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    static UUID parseUuid(String text) {
        if (text.length() != 36) return null;
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Tells the workspace navigation whether to offer the dashboard (managers and administrators only). */
    @Component
    static class Navigation implements PageModel {
        @Override
        public void addTo(Page page) {
            page.put("insightsManager", page.principal() instanceof StaffPrincipal staff && staff.has(Role.UNIT_MANAGER));
        }
    }
}
