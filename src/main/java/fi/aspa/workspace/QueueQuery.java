package fi.aspa.workspace;

import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.util.MultiValueMap;

/**
 * What the queue page was asked for, read leniently: a value that cannot be used (an unknown status, a date that
 * is not a date, a unit of another organization) is dropped and named in {@code ignored} (message keys of the
 * filters), so the page says so instead of failing. Without any status filter the queue shows open work.
 */
record QueueQuery(Queue queue, Set<CaseStatus> statuses, Channel channel, Priority priority, UUID unit,
                  LocalDate from, LocalDate to, String q, String tag, CaseSort sort, int page, List<String> ignored) {
    static final Set<CaseStatus> OPEN_WORK = EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING);
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE = 10_000;
    static final int MAX_TEXT = 200;

    static QueueQuery parse(MultiValueMap<String, String> params, Predicate<UUID> knownUnit) {
        List<String> ignored = new ArrayList<>();
        String queueParam = first(params, "queue");
        Queue queue = Queue.parse(queueParam).orElse(Queue.UNIT);
        if (queueParam != null && Queue.parse(queueParam).isEmpty()) ignored.add("workspace.filter.queue");

        List<String> statusParams = params.getOrDefault("status", List.of());
        Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
        boolean badStatus = false;
        for (String value : statusParams) {
            if (value == null || value.isBlank()) continue;
            try {
                statuses.add(CaseStatus.valueOf(value.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                badStatus = true;
            }
        }
        if (badStatus) ignored.add("workspace.filter.status");
        // "f" marks a submitted filter form: then no status checked means every status, otherwise open work.
        if (statuses.isEmpty() && first(params, "f") == null) statuses = EnumSet.copyOf(OPEN_WORK);

        Channel channel = enumValue(Channel.class, first(params, "channel"), "workspace.filter.channel", ignored);
        Priority priority = enumValue(Priority.class, first(params, "priority"), "workspace.filter.priority", ignored);
        CaseSort sort = enumValue(CaseSort.class, first(params, "sort"), "workspace.filter.sort", ignored);

        UUID unit = null;
        String unitParam = first(params, "unit");
        if (unitParam != null) {
            try {
                unit = UUID.fromString(unitParam);
                if (!knownUnit.test(unit)) throw new IllegalArgumentException("unknown unit");
            } catch (IllegalArgumentException e) {
                unit = null;
                ignored.add("workspace.filter.unit");
            }
        }
        LocalDate from = date(first(params, "from"), "workspace.filter.from", ignored);
        LocalDate to = date(first(params, "to"), "workspace.filter.to", ignored);
        String q = text(first(params, "q"), "workspace.filter.q", ignored);
        String tag = text(first(params, "tag"), "workspace.filter.tag", ignored);
        if (tag != null && tag.length() > 50) {
            tag = null;
            ignored.add("workspace.filter.tag");
        }
        int page = 0;
        String pageParam = first(params, "page");
        if (pageParam != null) {
            try {
                page = Integer.parseInt(pageParam);
                if (page < 1 || page > MAX_PAGE) throw new NumberFormatException();
                page = page - 1;
            } catch (NumberFormatException e) {
                page = 0;
                ignored.add("workspace.filter.page");
            }
        }
        return new QueueQuery(queue, statuses, channel, priority, unit, from, to, q, tag,
                sort == null ? CaseSort.UPDATED_DESC : sort, page, List.copyOf(ignored));
    }

    /** The filter for the cases module; the queue's own condition comes from the signed-in staff member. */
    CaseFilter toFilter(UUID me, UUID myUnit) {
        UUID unitId = queue == Queue.UNIT && myUnit != null ? myUnit : unit;
        UUID assignee = queue == Queue.MINE ? me : null;
        CaseFilter filter = new CaseFilter(statuses, channel, priority, unitId, assignee, false, null, from, to, q, tag);
        return queue == Queue.UNASSIGNED ? filter.unassigned() : filter;
    }

    /** This query's page {@code page} (0-based) as a link; every filter is spelled out, so the link is the state. */
    String url(int page) {
        Query b = new Query().add("queue", queue.param).add("f", "1");
        statuses.stream().sorted().forEach(s -> b.add("status", s.name()));
        if (channel != null) b.add("channel", channel.name());
        if (priority != null) b.add("priority", priority.name());
        if (unit != null) b.add("unit", unit.toString());
        if (from != null) b.add("from", from.toString());
        if (to != null) b.add("to", to.toString());
        if (q != null) b.add("q", q);
        if (tag != null) b.add("tag", tag);
        b.add("sort", sort.name());
        if (page > 0) b.add("page", Integer.toString(page + 1));
        return "/workspace?" + b;
    }

    /** Another queue with no filters: what the queue tabs link to. */
    static String queueUrl(Queue queue) {
        return "/workspace?queue=" + queue.param;
    }

    private static final class Query {
        private final StringBuilder text = new StringBuilder();

        Query add(String name, String value) {
            if (!text.isEmpty()) text.append('&');
            text.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The date inputs show what was asked, as ISO dates. */
    public String fromValue() {
        return from == null ? "" : from.toString();
    }

    public String toValue() {
        return to == null ? "" : to.toString();
    }

    private static String first(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A search text, cut to {@link #MAX_TEXT}; one with a control character (a NUL the database refuses) is ignored. */
    private static String text(String value, String key, List<String> ignored) {
        if (value == null) return null;
        if (value.chars().anyMatch(Character::isISOControl)) {
            ignored.add(key);
            return null;
        }
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }

    private static LocalDate date(String value, String key, List<String> ignored) {
        if (value == null) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            ignored.add(key);
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String key, List<String> ignored) {
        if (value == null) return null;
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ignored.add(key);
            return null;
        }
    }
}
