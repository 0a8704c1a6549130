package fi.aspa.identity;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageCursor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The review of the personal-data access log, {@code /workspace/admin/access-log}, for administrators: who saw whose
 * data, when and why, narrowed by staff member, customer, purpose and days (Helsinki), newest first, 100 a page with
 * a link to the older ones, and the same as CSV ({@code /export}, up to {@link #EXPORT_LIMIT} rows), for a customer's
 * request to know who has processed their data or for a check on a staff member's reading. The page names staff and
 * API clients but no customer (a customer is a link to their page, where opening it is a logged view as always); a
 * review narrowed to one customer is itself written to the log ({@link #PURPOSE}), so the customer's log shows who
 * has read it. A review that showed nothing (an id that is no customer here, another organization's customer, days
 * without entries) read no one's data and is not written: the log's rows are the organization's own customers'.
 */
@Controller
class AccessLogPage {
    static final String PURPOSE = "access-log-review";
    static final int PAGE_SIZE = 100;
    static final int EXPORT_LIMIT = 50_000;

    private final AccessLogStore log;
    private final Staff staff;
    private final MessageSource messages;

    AccessLogPage(AccessLogStore log, Staff staff, MessageSource messages) {
        this.log = log;
        this.staff = staff;
        this.messages = messages;
    }

    record Option(String value, String label) {}

    record Entry(String at, String atIso, String readerKind, String reader, UUID staffUserId, UUID customerId,
                 String customerShort, String purpose, String detail) {}

    /** The filter as the form sent it (to show it again) and as the store reads it, with the form's errors. */
    private record Query(Map<String, String> form, AccessLogStore.Filter filter, FormErrors errors) {}

    @GetMapping("/workspace/admin/access-log")
    String page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> params, Model model,
                Locale locale) {
        requireAdmin(me);
        OrganizationId org = me.organizationId();
        Query query = query(params, locale);
        List<AccessLogStore.Row> rows = List.of();
        String older = null;
        if (query.errors().isEmpty()) {
            PageCursor before = params.get("before") == null || params.get("before").isBlank() ? null : PageCursor.parse(params.get("before"));
            rows = log.search(org, query.filter(), before, PAGE_SIZE + 1);
            if (rows.size() > PAGE_SIZE) {
                rows = rows.subList(0, PAGE_SIZE);
                AccessLogStore.Row last = rows.getLast();
                UriComponentsBuilder link = UriComponentsBuilder.fromPath("/workspace/admin/access-log");
                query.form().forEach((k, v) -> { if (!v.isEmpty()) link.queryParam(k, v); });
                older = link.queryParam("before", new PageCursor(last.at(), last.id()).toString()).build().encode().toUriString();
            }
            if (query.filter().customerId() != null && !rows.isEmpty()) {
                log.record(org, me.id(), query.filter().customerId(), PURPOSE, null);
            }
        }
        Map<UUID, String> names = staffNames(org);
        model.addAttribute("entries", rows.stream().map(r -> entry(r, locale)).toList());
        model.addAttribute("older", older);
        model.addAttribute("continued", params.containsKey("before"));
        model.addAttribute("form", query.form());
        model.addAttribute("errors", query.errors());
        model.addAttribute("staffOptions", names.entrySet().stream()
                .map(e -> new Option(e.getKey().toString(), e.getValue())).sorted(Comparator.comparing(Option::label)).toList());
        model.addAttribute("purposeOptions", log.purposes(org).stream()
                .map(p -> new Option(p, purposeLabel(p, locale))).sorted(Comparator.comparing(Option::label)).toList());
        model.addAttribute("exportQuery", exportQuery(query.form()));
        return "identity/access-log";
    }

    @GetMapping("/workspace/admin/access-log/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffPrincipal me, @RequestParam Map<String, String> params,
                                  Locale locale) {
        requireAdmin(me);
        Query query = query(params, locale);
        if (!query.errors().isEmpty()) {
            throw AspaException.invalid("invalid-filter", query.errors().getSummary().getFirst().message());
        }
        OrganizationId org = me.organizationId();
        List<AccessLogStore.Row> rows = log.search(org, query.filter(), null, EXPORT_LIMIT);
        if (query.filter().customerId() != null && !rows.isEmpty()) {
            log.record(org, me.id(), query.filter().customerId(), PURPOSE, "export");
        }
        List<String> header = List.of("accesslog.csv.at", "accesslog.csv.reader-kind", "accesslog.csv.reader",
                        "accesslog.csv.customer", "accesslog.csv.purpose", "accesslog.csv.purpose-code", "accesslog.csv.detail")
                .stream().map(k -> messages.getMessage(k, null, locale)).toList();
        return Csv.download("access-log.csv", header, rows.stream().map(r -> {
            Entry e = entry(r, locale);
            return List.of(DateTimes.iso(r.at()), messages.getMessage(e.readerKind(), null, locale),
                    e.reader() == null ? "" : e.reader(), String.valueOf(r.customerId()), e.purpose(), r.purpose(),
                    r.detail() == null ? "" : r.detail());
        }));
    }

    private Query query(Map<String, String> params, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String k : List.of("staff", "customer", "purpose", "from", "to")) form.put(k, params.getOrDefault(k, "").strip());
        UUID staffId = uuid(form.get("staff"), "staff", "accesslog.error.staff", errors);
        UUID customerId = uuid(form.get("customer"), "customer", "accesslog.error.customer", errors);
        LocalDate from = day(form.get("from"), "from", locale, errors);
        LocalDate to = day(form.get("to"), "to", locale, errors);
        if (from != null && to != null && to.isBefore(from)) errors.add("to", "accesslog.error.to-before-from");
        String purpose = form.get("purpose").isEmpty() ? null : form.get("purpose");
        return new Query(form, new AccessLogStore.Filter(staffId, customerId, purpose,
                from == null ? null : from.atStartOfDay(DateTimes.HELSINKI).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(DateTimes.HELSINKI).toInstant()), errors);
    }

    private static UUID uuid(String value, String field, String key, FormErrors errors) {
        if (value.isEmpty()) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(field, key);
            return null;
        }
    }

    private static LocalDate day(String value, String field, Locale locale, FormErrors errors) {
        if (value.isEmpty()) return null;
        LocalDate day = DateTimes.parseDate(value, locale);
        if (day == null) errors.add(field, "accesslog.error.date");
        return day;
    }

    private Entry entry(AccessLogStore.Row r, Locale locale) {
        String kind = r.staffUserId() != null ? "accesslog.reader.staff"
                : r.apiTokenId() != null ? "accesslog.reader.api" : "accesslog.reader.system";
        return new Entry(DateTimes.dateTime(r.at(), locale), DateTimes.iso(r.at()), kind, r.reader(), r.staffUserId(),
                r.customerId(), r.customerId().toString().substring(0, 8), purposeLabel(r.purpose(), locale), r.detail());
    }

    /** A purpose's name in the reader's language; a purpose without one (a new module's) shows its code. */
    private String purposeLabel(String purpose, Locale locale) {
        return messages.getMessage("accesslog.purpose." + purpose, null, purpose, locale);
    }

    private Map<UUID, String> staffNames(OrganizationId org) {
        return staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a));
    }

    private static String exportQuery(Map<String, String> form) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/workspace/admin/access-log/export");
        form.forEach((k, v) -> { if (!v.isEmpty()) link.queryParam(k, v); });
        return link.build().encode().toUriString();
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators review the access log");
        }
    }
}
