package fi.aspa.insights;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.NetworkComparison.Metric;
import fi.aspa.insights.NetworkComparison.Value;
import fi.aspa.insights.NetworkStore.Setting;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.text.Collator;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer-experience network: organizations on the platform that share their aggregate figures compare them
 * with each other's.
 *
 * <p>{@code /workspace/admin/network}: an administrator decides whether the organization shares (default: not) and
 * whether the others see its name or an anonymous label ("Organization B"); every change is recorded and the latest
 * are shown. Only the administrator's own organization is ever changed: the form names no organization.
 *
 * <p>{@code /workspace/insights/network} (and {@code .csv}): for a period (the dashboard's presets or dates), the
 * {@link NetworkComparison} metrics of the organization and of each sharing one, and the network's median. Give to
 * get: an organization that does not share sees an explanation and no one's figures, and its own appear to no one.
 * Administrators only: the comparison is of whole organizations, and the dashboard shows a unit manager their unit's
 * figures only (unit managers and agents 403). Counts and rates only, no personal data, so nothing is logged as a
 * view. An anonymous organization's name appears nowhere in the page or the CSV; its letter comes from a hash of its
 * id, so neither the order of names nor of joining tells who it is.
 */
@Controller
class NetworkPages {
    private final NetworkStore store;
    private final Dashboards dashboards;
    private final Organizations organizations;
    private final Staff staff;
    private final MessageSource messages;
    private final Clock clock;

    NetworkPages(NetworkStore store, Dashboards dashboards, Organizations organizations, Staff staff,
                 MessageSource messages, Clock clock) {
        this.store = store;
        this.dashboards = dashboards;
        this.organizations = organizations;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    record ChangeView(String by, String at, String atIso, String what) {}

    record Row(String label, boolean own, List<String> cells) {}

    record Definition(String id, String term, String definition) {}

    // ------------------------------------------------------------ the administrators' setting

    @GetMapping("/workspace/admin/network")
    ModelAndView admin(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        requireAdmin(me);
        Setting setting = store.setting(me.organizationId());
        return adminPage(me, String.valueOf(setting.shares()), setting.named() ? "named" : "anonymous",
                new FormErrors(messages, locale), HttpStatus.OK, locale);
    }

    @PostMapping("/workspace/admin/network")
    ModelAndView save(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String shares,
                      @RequestParam(required = false) String visibility, RedirectAttributes redirect, Locale locale) {
        requireAdmin(me);
        FormErrors errors = new FormErrors(messages, locale);
        if (!"true".equals(shares) && !"false".equals(shares)) errors.add("shares-true", "insights.network.error.shares");
        if (!"named".equals(visibility) && !"anonymous".equals(visibility)) {
            errors.add("visibility-named", "insights.network.error.visibility");
        }
        if (!errors.isEmpty()) {
            return adminPage(me, "true".equals(shares) || "false".equals(shares) ? shares : "",
                    "named".equals(visibility) || "anonymous".equals(visibility) ? visibility : "", errors,
                    HttpStatus.BAD_REQUEST, locale);
        }
        boolean changed = store.save(me.organizationId(), me.id(),
                new Setting("true".equals(shares), "named".equals(visibility)));
        redirect.addFlashAttribute("notice", changed ? "insights.network.admin.saved" : "insights.network.admin.unchanged");
        return new ModelAndView("redirect:/workspace/admin/network");
    }

    private ModelAndView adminPage(StaffPrincipal me, String shares, String visibility, FormErrors errors,
                                   HttpStatus status, Locale locale) {
        OrganizationId org = me.organizationId();
        ModelAndView page = new ModelAndView("insights/network-admin", status);
        page.addObject("errors", errors);
        page.addObject("shares", shares);
        page.addObject("visibility", visibility);
        page.addObject("current", describe(store.setting(org), locale));
        Map<UUID, String> names = staff.inOrganization(org).stream()
                .collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a));
        page.addObject("history", store.changes(org).stream()
                .map(c -> new ChangeView(names.getOrDefault(c.changedBy(), ""), DateTimes.dateTime(c.changedAt(), locale),
                        DateTimes.iso(c.changedAt()), describe(c.setting(), locale)))
                .toList());
        return page;
    }

    private String describe(Setting setting, Locale locale) {
        return text(!setting.shares() ? "insights.network.setting.not-shared"
                : setting.named() ? "insights.network.setting.named" : "insights.network.setting.anonymous", locale);
    }

    // ------------------------------------------------------------ the comparison

    /** What was asked, checked: the period or the errors. */
    private record Query(Period period, FormErrors errors) {}

    @GetMapping("/workspace/insights/network")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String days,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      Locale locale) {
        requireAdmin(me);
        boolean shares = store.setting(me.organizationId()).shares();
        Query query = query(days, from, to, locale);
        HttpStatus status = shares && !query.errors().isEmpty() ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        ModelAndView page = new ModelAndView("insights/network", status);
        page.addObject("shares", shares);
        page.addObject("errors", shares ? query.errors() : new FormErrors(messages, locale));
        Period.addFields(page, query.period(), from, to, locale);
        // give to get: an organization that does not share sees no one's figures
        if (!shares || !query.errors().isEmpty()) return page;

        Period period = query.period();
        Comparison comparison = compare(me.organizationId(), period, locale);
        page.addObject("columns", comparison.columns());
        page.addObject("rows", comparison.rows());
        page.addObject("median", comparison.median());
        page.addObject("ownLabel", comparison.ownLabel()); // null only if the organization stopped sharing just now
        page.addObject("organizations", comparison.rows().size());
        page.addObject("definitions", definitions(locale));
        page.addObject("minBase", NetworkComparison.MIN_BASE);
        period.addShown(page, locale);
        page.addObject("csvQuery", period.datesQuery());
        page.addObject("dashboardQuery", period.query());
        return page;
    }

    @GetMapping("/workspace/insights/network.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String days,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               Locale locale) {
        requireAdmin(me);
        if (!store.setting(me.organizationId()).shares()) {
            return InsightsPage.refused(HttpStatus.FORBIDDEN, text("insights.network.not-shared.csv", locale));
        }
        Query query = query(days, from, to, locale);
        if (!query.errors().isEmpty()) return InsightsPage.refused(HttpStatus.BAD_REQUEST, query.errors());
        Period period = query.period();
        Comparison comparison = compare(me.organizationId(), period, locale);
        List<List<String>> rows = new ArrayList<>();
        rows.add(comparison.columns());
        comparison.rows().forEach(r -> {
            List<String> fields = new ArrayList<>();
            fields.add(r.label());
            fields.addAll(r.cells());
            rows.add(fields);
        });
        List<String> median = new ArrayList<>();
        median.add(comparison.median().label());
        median.addAll(comparison.median().cells());
        rows.add(median);
        List<String> title = List.of(text("insights.network.title", locale), DateTimes.iso(period.first()),
                DateTimes.iso(period.last()));
        return Csv.download("network-" + DateTimes.iso(period.first()) + "-" + DateTimes.iso(period.last()) + ".csv",
                title, rows.stream());
    }

    private Query query(String days, String from, String to, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        LocalDate today = clock.instant().atZone(DateTimes.HELSINKI).toLocalDate();
        return new Query(Period.read(days, from, to, today, errors, locale), errors);
    }

    /** The table: the header, the organizations' rows (this one first, marked), the median; the own row's label. */
    private record Comparison(List<String> columns, List<Row> rows, Row median, String ownLabel) {}

    private record Entry(Organization organization, boolean named, boolean own, String label, Map<Metric, Value> values) {}

    private Comparison compare(OrganizationId me, Period period, Locale locale) {
        Language language = Language.of(locale);
        List<NetworkStore.Member> members = store.members();
        // the anonymous ones lettered by a hash of their id: stable, and unrelated to their names or when they joined
        List<NetworkStore.Member> anonymous = members.stream().filter(m -> !m.named())
                .sorted(Comparator.comparing(m -> Tokens.sha256(m.organization().value().toString()))).toList();
        List<Entry> entries = new ArrayList<>();
        String ownLabel = null;
        for (NetworkStore.Member m : members) {
            Organization o = organizations.find(m.organization()).orElse(null);
            if (o == null) continue;
            boolean own = m.organization().equals(me);
            String label;
            if (!m.named()) label = messages.getMessage("insights.network.anonymous",
                    new Object[] {letter(anonymous.indexOf(m))}, locale);
            else label = o.name().in(language);
            if (own) {
                ownLabel = label;
                label = messages.getMessage("insights.network.own", new Object[] {o.name().in(language)}, locale);
            }
            entries.add(new Entry(o, m.named(), own, label,
                    NetworkComparison.values(dashboards.shared(m.organization(), period))));
        }
        Collator collator = Collator.getInstance(locale);
        entries.sort(Comparator.comparing((Entry e) -> e.own() ? 0 : e.named() ? 1 : 2)
                .thenComparing(e -> e.named() || e.own() ? e.label() : "", collator)
                .thenComparing(e -> e.named() || e.own() ? "" : Tokens.sha256(e.organization().id().value().toString())));

        Formats formats = new Formats(locale);
        List<String> columns = new ArrayList<>();
        columns.add(text("insights.network.organization", locale));
        for (Metric metric : Metric.values()) columns.add(text("insights.network.metric." + metric.code, locale));
        List<Row> rows = new ArrayList<>();
        for (Entry e : entries) {
            List<String> cells = new ArrayList<>();
            for (Metric metric : Metric.values()) {
                Value v = e.values().get(metric);
                cells.add(v.compared() ? formats.format(metric, v.value()) : text("insights.network.too-few", locale));
            }
            rows.add(new Row(e.label(), e.own(), cells));
        }
        List<String> medians = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Double median = NetworkComparison.median(entries.stream().map(e -> e.values().get(metric)).toList());
            medians.add(median == null ? text("insights.no-data", locale) : formats.format(metric, median));
        }
        return new Comparison(columns, rows, new Row(text("insights.network.median", locale), false, medians), ownLabel);
    }

    private List<Definition> definitions(Locale locale) {
        List<Definition> list = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            list.add(new Definition("definition-" + metric.code, text("insights.network.metric." + metric.code, locale),
                    messages.getMessage("insights.network.metric." + metric.code + ".definition",
                            new Object[] {String.valueOf(NetworkComparison.MIN_BASE)}, locale)));
        }
        return list;
    }

    /** Counts whole, shares as whole percents (rounded half up), hours with one decimal, the reader's way. */
    private final class Formats {
        final Locale locale;
        final NumberFormat counts;
        final NumberFormat hours;

        Formats(Locale locale) {
            this.locale = locale;
            this.counts = NumberFormat.getIntegerInstance(locale);
            this.hours = NumberFormat.getNumberInstance(locale);
            hours.setMinimumFractionDigits(1);
            hours.setMaximumFractionDigits(1);
        }

        String format(Metric metric, double value) {
            return switch (metric.kind) {
                case COUNT -> counts.format(Math.round(value));
                case PERCENT -> messages.getMessage("insights.percent",
                        new Object[] {counts.format(Math.round(100 * value))}, locale);
                case HOURS -> hours.format(value);
            };
        }
    }

    /** 0 → A, 25 → Z, 26 → AA: a label for any number of anonymous organizations. */
    static String letter(int index) {
        StringBuilder s = new StringBuilder();
        int n = index;
        do {
            s.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return s.toString();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators see and change the organization's place in the network");
        }
    }
}
