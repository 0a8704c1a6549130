package fi.aspa.cases;

import fi.aspa.cases.HistoricalCase.Assignment;
import fi.aspa.cases.HistoricalCase.CustomerMessage;
import fi.aspa.cases.HistoricalCase.Note;
import fi.aspa.cases.HistoricalCase.PriorityChange;
import fi.aspa.cases.HistoricalCase.Reply;
import fi.aspa.cases.HistoricalCase.StatusChange;
import fi.aspa.cases.HistoricalCase.Step;
import fi.aspa.cases.HistoricalCase.Transfer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of cases with explicit times ({@link Cases#importHistorical}): replays each case's steps in memory
 * through the {@link Lifecycle} rules, then writes cases, messages and history with batched JDBC inserts.
 * Publishes no events: what happened in the past must not notify anyone now.
 */
@Component
class HistoricalImport {
    private static final int CHUNK = 1000;
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final JdbcTemplate jdbc;
    private final Organizations organizations;
    private final Staff staff;
    private final Customers customers;
    private final JsonMapper json;
    private final Clock clock;
    private final References references;

    HistoricalImport(JdbcTemplate jdbc, Organizations organizations, Staff staff, Customers customers, JsonMapper json, Clock clock,
                     References references) {
        this.jdbc = jdbc;
        this.references = references;
        this.organizations = organizations;
        this.staff = staff;
        this.customers = customers;
        this.json = json;
        this.clock = clock;
    }

    List<ImportedCase> run(OrganizationId organization, List<HistoricalCase> cases) {
        if (cases.isEmpty()) return List.of();
        Organization org = organizations.find(organization).orElseThrow(() -> AspaException.notFound("Organization"));
        Set<UUID> units = organizations.units(organization).stream().map(Unit::id).collect(Collectors.toSet());
        Set<UUID> staffIds = staff.inOrganization(organization).stream().map(StaffUser::id).collect(Collectors.toSet());
        Set<UUID> wanted = cases.stream().map(HistoricalCase::customerId).collect(Collectors.toSet());
        if (wanted.contains(null)) throw AspaException.invalid("required", "customerId is required", "customerId");
        Set<UUID> customerIds = new HashSet<>(customers.names(organization, wanted).keySet());
        Instant now = clock.instant();
        Context context = new Context(organization, units, staffIds, customerIds, now);

        for (HistoricalCase c : cases) {
            if (c.createdAt() == null) throw AspaException.invalid("required", "createdAt is required", "createdAt");
        }
        // References in time order, from the organization's per-year sequences, as if the cases had arrived live.
        List<Integer> byTime = IntStream.range(0, cases.size()).boxed()
                .sorted(Comparator.comparing(i -> cases.get(i).createdAt())).toList();
        String[] references = new String[cases.size()];
        Map<Integer, List<Integer>> byYear = new TreeMap<>();
        for (int i : byTime) {
            Instant created = cases.get(i).createdAt();
            byYear.computeIfAbsent(created.atZone(HELSINKI).getYear(), y -> new ArrayList<>()).add(i);
        }
        byYear.forEach((year, indexes) -> {
            List<Long> numbers = this.references.reserve(organization, year, indexes.size());
            for (int k = 0; k < indexes.size(); k++) {
                references[indexes.get(k)] = References.format(org, year, numbers.get(k));
            }
        });

        List<ImportedCase> result = new ArrayList<>(cases.size());
        for (int from = 0; from < byTime.size(); from += CHUNK) {
            Rows rows = new Rows();
            for (int i : byTime.subList(from, Math.min(byTime.size(), from + CHUNK))) {
                rows.add(replay(context, cases.get(i), references[i]), i);
            }
            rows.write();
            result.addAll(rows.imported);
        }
        ImportedCase[] inInputOrder = new ImportedCase[cases.size()];
        for (int k = 0; k < byTime.size(); k++) inInputOrder[byTime.get(k)] = result.get(k);
        return List.of(inInputOrder);
    }

    private record Context(OrganizationId organization, Set<UUID> units, Set<UUID> staff, Set<UUID> customers, Instant now) {}

    /** The state of one case while its steps are replayed. */
    private final class Replay {
        final UUID id = Ids.next();
        final HistoricalCase source;
        final String reference;
        CaseStatus status = CaseStatus.NEW;
        UUID unitId;
        UUID assigneeId;
        Priority priority;
        Instant updatedAt;
        final StringBuilder searchText = new StringBuilder();
        // the dashboard's facts (V345), written with the case so that the triggers of its messages and events find
        // them true and write the case's row no second time; the steps come in time order
        Instant firstReplyAt;
        Instant firstResolvedAt;
        boolean reopened;
        boolean staffTransferred;
        final List<Object[]> messages = new ArrayList<>();
        final List<Object[]> events = new ArrayList<>();
        final OrganizationId organization;

        Replay(OrganizationId organization, HistoricalCase source, String reference) {
            this.organization = organization;
            this.source = source;
            this.reference = reference;
            this.unitId = source.unitId();
            this.priority = source.priority();
            this.updatedAt = source.createdAt();
        }

        void message(MessageKind kind, Channel channel, UUID author, String body, Instant at) {
            messages.add(new Object[] {Ids.next(), organization.value(), id, kind.name(), channel.name(), author, body, Timestamp.from(at)});
            if (kind == MessageKind.OUTBOUND && firstReplyAt == null) firstReplyAt = at;
            if (kind != MessageKind.NOTE) searchText.append('\n').append(body);
        }

        void event(Actor actor, String type, Map<String, ?> detail, Instant at) {
            events.add(new Object[] {Ids.next(), organization.value(), id, actor.staffId(), actor.kind().name(), type,
                    json.writeValueAsString(detail), Timestamp.from(at)});
            if (type.equals("TRANSFERRED") && actor.kind() == Actor.Kind.STAFF) staffTransferred = true;
        }

        void status(Actor actor, CaseStatus next, Instant at) {
            if (next != status) {
                event(actor, "STATUS_CHANGED", Map.of("from", status.name(), "to", next.name()), at);
                if (next == CaseStatus.RESOLVED && firstResolvedAt == null) firstResolvedAt = at;
                else if ((status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED) && firstResolvedAt != null
                        && at.isAfter(firstResolvedAt)
                        && (next == CaseStatus.NEW || next == CaseStatus.OPEN || next == CaseStatus.WAITING)) reopened = true;
            }
            status = next;
        }
    }

    private Replay replay(Context context, HistoricalCase source, String reference) {
        String subject = CaseStore.requireText("subject", source.subject(), CaseStore.MAX_SUBJECT);
        String body = CaseStore.requireText("body", source.body(), CaseStore.MAX_BODY);
        if (source.channel() == null) throw AspaException.invalid("required", "channel is required", "channel");
        if (!context.customers().contains(source.customerId())) throw AspaException.notFound("Customer");
        if (source.unitId() != null) requireUnit(context, source.unitId());
        requireActor(context, source.openedBy());
        requireNotFuture(context, source.createdAt());
        Replay r = new Replay(context.organization(), source, reference);
        r.message(MessageKind.INBOUND, source.channel(), source.openedBy().staffId(), body, source.createdAt());
        r.event(source.openedBy(), "OPENED", Map.of("channel", source.channel().name(), "reference", reference), source.createdAt());
        for (Step step : source.steps()) {
            Instant at = step.at();
            if (at == null || at.isBefore(r.updatedAt)) {
                throw AspaException.invalid("out-of-order", "Steps of case " + reference + " must be in time order after its creation");
            }
            requireNotFuture(context, at);
            switch (step) {
                case CustomerMessage m -> {
                    String text = CaseStore.requireText("body", m.body(), CaseStore.MAX_BODY);
                    Channel channel = m.channel() == null ? source.channel() : m.channel();
                    r.message(MessageKind.INBOUND, channel, null, text, at);
                    r.event(Actor.customer(), "CUSTOMER_MESSAGE", Map.of("channel", channel.name()), at);
                    r.status(Actor.customer(), Lifecycle.afterCustomerReply(r.status), at);
                }
                case Reply m -> {
                    String text = CaseStore.requireText("body", m.body(), CaseStore.MAX_BODY);
                    Actor actor = requireStaff(context, m.staffId());
                    CaseStatus next = Lifecycle.afterStaffReply(r.status, m.nextStatus());
                    r.message(MessageKind.OUTBOUND, source.channel(), m.staffId(), text, at);
                    if (r.assigneeId == null) r.assigneeId = m.staffId();
                    r.event(actor, "REPLIED", Map.of(), at);
                    r.status(actor, next, at);
                }
                case Note m -> {
                    String text = CaseStore.requireText("body", m.body(), CaseStore.MAX_BODY);
                    Actor actor = requireStaff(context, m.staffId());
                    r.message(MessageKind.NOTE, source.channel(), m.staffId(), text, at);
                    r.event(actor, "NOTE_ADDED", Map.of(), at);
                }
                case Assignment m -> {
                    Actor actor = requireStaff(context, m.actorStaffId());
                    if (m.assigneeId() != null && !context.staff().contains(m.assigneeId())) {
                        throw AspaException.invalid("unknown-assignee", "No such staff member in this organization");
                    }
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("from", r.assigneeId == null ? null : r.assigneeId.toString());
                    detail.put("to", m.assigneeId() == null ? null : m.assigneeId().toString());
                    r.assigneeId = m.assigneeId();
                    r.event(actor, "ASSIGNED", detail, at);
                }
                case Transfer m -> {
                    Actor actor = requireStaff(context, m.staffId());
                    requireUnit(context, m.toUnitId());
                    if (m.toUnitId().equals(r.unitId)) throw AspaException.invalid("same-unit", "The case is already in that unit");
                    if (m.note() != null && !m.note().isBlank()) {
                        r.message(MessageKind.NOTE, source.channel(), m.staffId(), CaseStore.requireText("note", m.note(), CaseStore.MAX_BODY), at);
                    }
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("fromUnit", r.unitId == null ? null : r.unitId.toString());
                    detail.put("toUnit", m.toUnitId().toString());
                    r.unitId = m.toUnitId();
                    r.assigneeId = null;
                    r.event(actor, "TRANSFERRED", detail, at);
                }
                case StatusChange m -> {
                    Actor actor = m.actor() == null ? Actor.system() : m.actor();
                    requireActor(context, actor);
                    r.status(actor, Lifecycle.move(r.status, m.to()), at);
                }
                case PriorityChange m -> {
                    Actor actor = requireStaff(context, m.staffId());
                    if (m.to() != null && m.to() != r.priority) {
                        r.event(actor, "PRIORITY_CHANGED", Map.of("from", r.priority.name(), "to", m.to().name()), at);
                        r.priority = m.to();
                    }
                }
            }
            r.updatedAt = at;
        }
        return r;
    }

    private static void requireUnit(Context context, UUID unitId) {
        if (unitId == null || !context.units().contains(unitId)) {
            throw AspaException.invalid("unknown-unit", "No such unit in this organization");
        }
    }

    private static Actor requireStaff(Context context, UUID staffId) {
        if (staffId == null || !context.staff().contains(staffId)) {
            throw AspaException.invalid("unknown-staff", "No such staff member in this organization");
        }
        return Actor.staff(staffId);
    }

    private static void requireActor(Context context, Actor actor) {
        if (actor.staffId() != null) requireStaff(context, actor.staffId());
    }

    private static void requireNotFuture(Context context, Instant at) {
        if (at.isAfter(context.now())) throw AspaException.invalid("in-future", "A historical case cannot happen in the future");
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    /** One chunk of replayed cases, written with three batched inserts. */
    private final class Rows {
        final List<Object[]> cases = new ArrayList<>();
        final List<Object[]> messages = new ArrayList<>();
        final List<Object[]> events = new ArrayList<>();
        final List<ImportedCase> imported = new ArrayList<>();

        void add(Replay r, int index) {
            HistoricalCase s = r.source;
            cases.add(new Object[] {r.id, r.organization.value(), r.reference, s.subject().strip(), s.channel().name(),
                    s.language().code(), s.customerId(), r.unitId, r.assigneeId, r.priority.name(), r.status.name(),
                    CaseStore.normalizeTags(s.tags()).toArray(String[]::new), s.topic(), Timestamp.from(s.createdAt()),
                    Timestamp.from(r.updatedAt), timestamp(r.firstReplyAt), timestamp(r.firstResolvedAt), r.reopened,
                    r.staffTransferred, r.reference + " " + s.subject().strip(), r.searchText.toString()});
            messages.addAll(r.messages);
            events.addAll(r.events);
            imported.add(new ImportedCase(r.id, r.reference, r.status));
        }

        void write() {
            jdbc.batchUpdate("""
                    insert into support_case (id, organization_id, reference, subject, channel, language, customer_id, unit_id,
                        assignee_id, priority, status, tags, topic, tracking_token_sha256, created_at, updated_at,
                        first_reply_at, first_resolved_at, reopened, staff_transferred, search)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?,
                        setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', left(?, 100000)))""", cases);
            jdbc.batchUpdate(CaseRows.INSERT_MESSAGE, messages);
            jdbc.batchUpdate(CaseRows.INSERT_EVENT, events);
        }
    }
}
