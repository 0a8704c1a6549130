package fi.aspa.cases;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.MessageReceived;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.identity.Staff;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.PageCursor;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class CaseStore implements Cases {
    /** A case reference as residents quote it: searched exactly, not as words. */
    private static final Pattern REFERENCE = Pattern.compile("(?i)[a-z]{2,10}-\\d{4}-\\d{1,9}");
    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");
    /** Up to this many estimated matches a word search sorts all of them (about 20 ms per 10,000 on these machines). */
    static final long COLLECT_MATCHES_UP_TO = 10_000;
    /** {@link #COLLECT_MATCHES_UP_TO}; tests lower it to take the other path. */
    volatile long collectMatchesUpTo = COLLECT_MATCHES_UP_TO;
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_TAGS = 20;
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final JdbcClient db;
    private final Organizations organizations;
    private final Staff staff;
    private final AttachmentPolicy attachmentPolicy;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final HistoricalImport historicalImport;
    private final References references;

    CaseStore(JdbcClient db, Organizations organizations, Staff staff, AttachmentPolicy attachmentPolicy,
              ApplicationEventPublisher events, JsonMapper json, Clock clock, HistoricalImport historicalImport,
              References references) {
        this.db = db;
        this.references = references;
        this.organizations = organizations;
        this.staff = staff;
        this.attachmentPolicy = attachmentPolicy;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.historicalImport = historicalImport;
    }

    // ------------------------------------------------------------------ commands

    @Override
    public OpenedCase open(OrganizationId organization, NewCase command) {
        Organization org = organizations.find(organization).orElseThrow(() -> AspaException.notFound("Organization"));
        String subject = requireText("subject", command.subject(), MAX_SUBJECT);
        String body = requireText("body", command.body(), MAX_BODY);
        Set<String> tags = normalizeTags(command.tags());
        if (command.unitId() != null) requireUnit(organization, command.unitId());
        List<AttachmentPolicy.Checked> files = attachmentPolicy.check(command.attachments());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        UUID id = Ids.next();
        UUID messageId = Ids.next();
        String token = Tokens.random();
        // The hot path of every channel: the number, the case, its first message and its history in one statement.
        int year = now.atZone(HELSINKI).getYear();
        String reference = db.sql("""
                with ref as (
                    select :prefix || '-' || :year || '-' || lpad(n::text, greatest(6, length(n::text)), '0') as reference
                    from (select nextval(cast(:sequence as regclass)) as n) s
                ), opened as (
                    insert into support_case (id, organization_id, reference, subject, channel, language, customer_id, unit_id,
                        priority, status, tags, topic, tracking_token_sha256, created_at, updated_at, search)
                    select :id, :org, reference, :subject, :channel, :language, :customer, :unit, :priority, 'NEW', :tags,
                        :topic, :token, cast(:now as timestamptz), cast(:now as timestamptz),
                        setweight(to_tsvector('simple', reference || ' ' || :subject), 'A') || to_tsvector('simple', left(:body, 100000))
                    from ref
                    returning reference
                ), message as (
                    insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
                    values (:messageId, :org, :id, 'INBOUND', :channel, null, :body, cast(:now as timestamptz))
                ), history as (
                    insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
                    select :eventId, :org, :id, cast(:actorStaff as uuid), :actor, :eventType,
                        jsonb_build_object('channel', :channel, 'reference', reference), cast(:now as timestamptz)
                    from opened
                )
                select reference from opened""")
                .param("prefix", org.casePrefix()).param("year", String.valueOf(year))
                .param("sequence", references.sequence(organization, year))
                .param("id", id).param("org", organization.value())
                .param("subject", subject).param("channel", command.channel().name())
                .param("language", command.language().code()).param("customer", command.customerId())
                .param("unit", command.unitId()).param("priority", command.priority().name())
                .param("tags", tags.toArray(String[]::new)).param("topic", command.topic())
                .param("token", Tokens.sha256(token)).param("now", Timestamp.from(now)).param("body", body)
                .param("messageId", messageId).param("eventId", Ids.next()).param("eventType", "OPENED")
                .param("actorStaff", command.actor().staffId()).param("actor", command.actor().kind().name())
                .query(String.class).single();
        insertAttachments(organization, id, messageId, files, now);
        events.publishEvent(new CaseOpened(organization, id, reference, command.channel(), command.customerId(), command.unitId()));
        events.publishEvent(new MessageReceived(organization, id, messageId, command.channel()));
        return new OpenedCase(id, reference, token, CaseRows.opened(id, reference, subject, command, tags, now));
    }

    @Override
    public UUID addCustomerMessage(OrganizationId organization, UUID caseId, String body, Channel channel,
                                   List<NewAttachment> attachments) {
        return addCustomerMessage(organization, caseId, body, channel, attachments, Actor.customer());
    }

    @Override
    public UUID addCustomerMessage(OrganizationId organization, UUID caseId, String body, Channel channel,
                                   List<NewAttachment> attachments, Actor recordedBy) {
        Actor actor = recordedBy == null ? Actor.customer() : recordedBy;
        String text = requireText("body", body, MAX_BODY);
        CaseRow current = lock(organization, caseId);
        List<AttachmentPolicy.Checked> files = attachmentPolicy.check(attachments == null ? List.of() : attachments);
        Instant now = clock.instant();
        UUID messageId = insertMessage(organization, caseId, MessageKind.INBOUND, channel, actor.staffId(), text, files, now);
        CaseStatus next = Lifecycle.afterCustomerReply(current.status());
        db.sql("update support_case set status = ?, updated_at = ?, search = search || to_tsvector('simple', left(?, 100000)) where id = ?")
                .params(next.name(), Timestamp.from(now), text, caseId).update();
        recordEvent(organization, caseId, actor, "CUSTOMER_MESSAGE", Map.of("channel", channel.name()), now);
        statusChanged(organization, caseId, actor, current.status(), next, now);
        events.publishEvent(new MessageReceived(organization, caseId, messageId, channel));
        return messageId;
    }

    // The overloads without files are declared here, not as default methods of Cases: the class's @Transactional
    // applies to the methods of this class only, and a default method would run outside any transaction (its events
    // would then never reach the listeners that run after commit).
    @Override
    public UUID reply(OrganizationId organization, UUID caseId, Actor actor, String body, CaseStatus nextStatus) {
        return reply(organization, caseId, actor, body, nextStatus, List.of());
    }

    @Override
    public UUID addNote(OrganizationId organization, UUID caseId, Actor actor, String body) {
        return addNote(organization, caseId, actor, body, List.of());
    }

    @Override
    public UUID reply(OrganizationId organization, UUID caseId, Actor actor, String body, CaseStatus nextStatus,
                      List<NewAttachment> attachments) {
        String text = requireText("body", body, MAX_BODY);
        // the files are sniffed before the case is locked: the lock is held only for the writes
        List<AttachmentPolicy.Checked> files = attachmentPolicy.check(attachments == null ? List.of() : attachments);
        CaseRow current = lock(organization, caseId);
        CaseStatus next = Lifecycle.afterStaffReply(current.status(), nextStatus);
        Instant now = clock.instant();
        UUID messageId = insertMessage(organization, caseId, MessageKind.OUTBOUND, current.channel(), actor.staffId(), text, files, now);
        db.sql("""
                update support_case set status = ?, updated_at = ?, assignee_id = coalesce(assignee_id, ?),
                    search = search || to_tsvector('simple', left(?, 100000)) where id = ?""")
                .params(next.name(), Timestamp.from(now), actor.staffId(), text, caseId).update();
        recordEvent(organization, caseId, actor, "REPLIED", Map.of(), now);
        statusChanged(organization, caseId, actor, current.status(), next, now);
        events.publishEvent(new ReplyPosted(organization, caseId, messageId, current.channel()));
        return messageId;
    }

    @Override
    public UUID addNote(OrganizationId organization, UUID caseId, Actor actor, String body, List<NewAttachment> attachments) {
        String text = requireText("body", body, MAX_BODY);
        List<AttachmentPolicy.Checked> files = attachmentPolicy.check(attachments == null ? List.of() : attachments);
        CaseRow current = lock(organization, caseId);
        Instant now = clock.instant();
        UUID messageId = insertMessage(organization, caseId, MessageKind.NOTE, current.channel(), actor.staffId(), text, files, now);
        touch(caseId, now);
        recordEvent(organization, caseId, actor, "NOTE_ADDED", Map.of(), now);
        return messageId;
    }

    @Override
    public AttachmentLimits attachmentLimits() {
        return attachmentPolicy.limits();
    }

    @Override
    public void assign(OrganizationId organization, UUID caseId, Actor actor, UUID assigneeId) {
        CaseRow current = lock(organization, caseId);
        if (assigneeId != null) {
            if (staff.find(organization, assigneeId).isEmpty()) throw AspaException.invalid("unknown-assignee", "No such staff member in this organization");
        }
        Instant now = clock.instant();
        db.sql("update support_case set assignee_id = ?, updated_at = ? where id = ?")
                .params(assigneeId, Timestamp.from(now), caseId).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", current.assigneeId() == null ? null : current.assigneeId().toString());
        detail.put("to", assigneeId == null ? null : assigneeId.toString());
        recordEvent(organization, caseId, actor, "ASSIGNED", detail, now);
    }

    @Override
    public void assignAll(OrganizationId organization, Actor actor, Map<UUID, UUID> assigneeByCase) {
        if (assigneeByCase.isEmpty()) return;
        requireStaff(organization, assigneeByCase.values());
        changeAll(organization, actor, assigneeByCase, Map.of(), CaseRow::assigneeId, "assignee_id = v.target", "ASSIGNED", "from", "to");
    }

    private void requireStaff(OrganizationId organization, java.util.Collection<UUID> assignees) {
        for (UUID assignee : new java.util.HashSet<>(assignees)) {
            if (assignee == null || staff.find(organization, assignee).isEmpty()) {
                throw AspaException.invalid("unknown-assignee", "No such staff member in this organization");
            }
        }
    }

    @Override
    public void transferAll(OrganizationId organization, Actor actor, Map<UUID, UUID> unitByCase, Map<UUID, UUID> assigneeByCase) {
        if (unitByCase.isEmpty()) return;
        for (UUID unit : new java.util.HashSet<>(unitByCase.values())) {
            if (unit == null) throw AspaException.invalid("unknown-unit", "No such unit in this organization");
            requireUnit(organization, unit);
        }
        Map<UUID, UUID> assignees = new LinkedHashMap<>(assigneeByCase);
        assignees.keySet().retainAll(unitByCase.keySet());
        requireStaff(organization, assignees.values());
        Map<UUID, CaseRow> moved = changeAll(organization, actor, unitByCase, assignees, CaseRow::unitId,
                "unit_id = v.target, assignee_id = v.person", "TRANSFERRED", "fromUnit", "toUnit");
        List<UUID> assigned = moved.keySet().stream().filter(assignees::containsKey).toList();
        if (!assigned.isEmpty()) {
            List<Map<String, ?>> details = new ArrayList<>();
            for (UUID caseId : assigned) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", null); // the move unassigns
                detail.put("to", assignees.get(caseId).toString());
                details.add(detail);
            }
            recordEvents(organization, assigned, actor, "ASSIGNED", details, clock.instant());
        }
        moved.forEach((caseId, was) ->
                events.publishEvent(new CaseTransferred(organization, caseId, was.unitId(), unitByCase.get(caseId), was.channel(), actor.kind())));
    }

    /**
     * A batch's change of one of the cases' references (case → new value): the cases locked in id order, those whose
     * {@code field} already has it left out, the others updated with one statement ({@code set}, the new value as
     * {@code v.target}, a second one from {@code persons} as {@code v.person}, null where it has none) and their
     * history written with one insert ({@code type}, from / to under the keys given). Returns the changed cases as
     * they were.
     */
    private Map<UUID, CaseRow> changeAll(OrganizationId organization, Actor actor, Map<UUID, UUID> targets,
                                         Map<UUID, UUID> persons, java.util.function.Function<CaseRow, UUID> field,
                                         String set, String type, String fromKey, String toKey) {
        Map<UUID, CaseRow> changed = new LinkedHashMap<>();
        List<Map<String, ?>> details = new ArrayList<>();
        lockAll(organization, targets.keySet()).forEach((caseId, row) -> {
            UUID from = field.apply(row), to = targets.get(caseId);
            if (to.equals(from)) return;
            changed.put(caseId, row);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put(fromKey, from == null ? null : from.toString());
            detail.put(toKey, to.toString());
            details.add(detail);
        });
        if (changed.isEmpty()) return changed;
        Instant now = clock.instant();
        List<UUID> ids = List.copyOf(changed.keySet());
        db.sql("update support_case c set " + set + ", updated_at = ? from unnest(?::uuid[], ?::uuid[], ?::uuid[]) as v(id, target, person)"
                        + " where c.id = v.id")
                .params(Timestamp.from(now), ids.toArray(UUID[]::new), ids.stream().map(targets::get).toArray(UUID[]::new),
                        ids.stream().map(persons::get).toArray(UUID[]::new))
                .update();
        recordEvents(organization, ids, actor, type, details, now);
        return changed;
    }

    @Override
    public void transfer(OrganizationId organization, UUID caseId, Actor actor, UUID toUnitId, String note) {
        CaseRow current = lock(organization, caseId);
        requireUnit(organization, toUnitId);
        if (toUnitId.equals(current.unitId())) {
            throw AspaException.invalid("same-unit", "The case is already in that unit");
        }
        String text = note == null || note.isBlank() ? null : requireText("note", note, MAX_BODY);
        Instant now = clock.instant();
        db.sql("update support_case set unit_id = ?, assignee_id = null, updated_at = ? where id = ?")
                .params(toUnitId, Timestamp.from(now), caseId).update();
        if (text != null) {
            insertMessage(organization, caseId, MessageKind.NOTE, current.channel(), actor.staffId(), text, List.of(), now);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fromUnit", current.unitId() == null ? null : current.unitId().toString());
        detail.put("toUnit", toUnitId.toString());
        recordEvent(organization, caseId, actor, "TRANSFERRED", detail, now);
        events.publishEvent(new CaseTransferred(organization, caseId, current.unitId(), toUnitId, current.channel(), actor.kind()));
    }

    @Override
    public void changeStatus(OrganizationId organization, UUID caseId, Actor actor, CaseStatus to) {
        CaseRow current = lock(organization, caseId);
        CaseStatus next = Lifecycle.move(current.status(), to);
        Instant now = clock.instant();
        db.sql("update support_case set status = ?, updated_at = ? where id = ?").params(next.name(), Timestamp.from(now), caseId).update();
        statusChanged(organization, caseId, actor, current.status(), next, now);
    }

    @Override
    public void setTags(OrganizationId organization, UUID caseId, Actor actor, Set<String> tags) {
        lock(organization, caseId);
        Set<String> normalized = normalizeTags(tags);
        Instant now = clock.instant();
        db.sql("update support_case set tags = ?, updated_at = ? where id = ?")
                .params(normalized.toArray(String[]::new), Timestamp.from(now), caseId).update();
        recordEvent(organization, caseId, actor, "TAGGED", Map.of("tags", List.copyOf(normalized)), now);
    }

    @Override
    public void setPriority(OrganizationId organization, UUID caseId, Actor actor, Priority priority) {
        CaseRow current = lock(organization, caseId);
        if (current.priority() == priority) return;
        Instant now = clock.instant();
        db.sql("update support_case set priority = ?, updated_at = ? where id = ?").params(priority.name(), Timestamp.from(now), caseId).update();
        recordEvent(organization, caseId, actor, "PRIORITY_CHANGED", Map.of("from", current.priority().name(), "to", priority.name()), now);
        events.publishEvent(new CaseEvents.CasePriorityChanged(organization, caseId, current.priority(), priority));
    }

    @Override
    public List<ImportedCase> importHistorical(OrganizationId organization, List<HistoricalCase> cases) {
        return historicalImport.run(organization, cases);
    }

    // ------------------------------------------------------------------ queries

    @Override
    @Transactional(readOnly = true)
    public CasePage list(OrganizationId organization, CaseFilter filter, CaseSort sort, int page, int size) {
        int safeSize = Math.clamp(size, 1, 200);
        int safePage = Math.clamp(page, 0, 10_000);
        StringBuilder sql = new StringBuilder(" from support_case where organization_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", organization.value());
        if (!filter.statuses().isEmpty()) {
            sql.append(" and status = any(:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new));
        }
        if (filter.channel() != null) {
            sql.append(" and channel = :channel");
            params.put("channel", filter.channel().name());
        }
        if (filter.priority() != null) {
            sql.append(" and priority = :priority");
            params.put("priority", filter.priority().name());
        }
        if (filter.unitId() != null) {
            sql.append(" and unit_id = :unit");
            params.put("unit", filter.unitId());
        }
        if (filter.unassignedOnly()) {
            sql.append(" and assignee_id is null");
        } else if (filter.assigneeId() != null) {
            sql.append(" and assignee_id = :assignee");
            params.put("assignee", filter.assigneeId());
        }
        if (filter.customerId() != null) {
            sql.append(" and customer_id = :customer");
            params.put("customer", filter.customerId());
        }
        if (filter.createdFrom() != null) {
            sql.append(" and created_at >= :from");
            params.put("from", Timestamp.from(filter.createdFrom().atStartOfDay(HELSINKI).toInstant()));
        }
        if (filter.createdTo() != null) {
            sql.append(" and created_at < :to");
            params.put("to", Timestamp.from(filter.createdTo().plusDays(1).atStartOfDay(HELSINKI).toInstant()));
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            sql.append(" and tags @> array[:tag]::text[]");
            params.put("tag", filter.tag().strip().toLowerCase());
        }
        boolean words = false;
        if (filter.text() != null && !filter.text().isBlank()) {
            String text = filter.text().strip();
            if (REFERENCE.matcher(text).matches()) {
                sql.append(" and reference = upper(:text)");
            } else {
                sql.append(" and search @@ plainto_tsquery('simple', :text)");
                words = true;
            }
            params.put("text", text);
        }
        String ordered = " order by " + sort.sql + " limit :limit offset :offset";
        String query = words && fewMatches(sql.toString(), params)
                ? "with matching as materialized (select *" + sql + ") select * from matching" + ordered
                : "select *" + sql + ordered;
        params.put("limit", safeSize + 1);
        params.put("offset", safePage * safeSize);
        List<CaseSummary> rows = db.sql(query).params(params).query(CaseStore::summary).list();
        boolean hasNext = rows.size() > safeSize;
        return new CasePage(hasNext ? rows.subList(0, safeSize) : rows, safePage, safeSize, hasNext);
    }

    /**
     * Whether a word search matches few enough cases to collect them all through the text index and sort them: the
     * planner's own estimate decides. Otherwise the newest cases are read in order until a page is full, which is
     * fast for common words but reads far for rare ones (measured in BENCHMARKS.md: a word in 0.15 % of 1,000,000
     * cases took 200 ms that way and 3 ms through the index).
     */
    private boolean fewMatches(String from, Map<String, Object> params) {
        String plan = db.sql("explain select 1" + from).params(params).query(String.class).list().getFirst();
        Matcher rows = PLAN_ROWS.matcher(plan);
        return rows.find() && Long.parseLong(rows.group(1)) <= collectMatchesUpTo;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Integer> openLoad(OrganizationId organization, java.util.Collection<UUID> assigneeIds) {
        Map<UUID, Integer> load = new LinkedHashMap<>();
        for (UUID id : assigneeIds) load.put(id, 0);
        if (load.isEmpty()) return load;
        // each person's count stops at the cap: one index range of at most LOAD_CAP entries per person, whatever the backlog
        db.sql("""
                select p.id as assignee_id,
                       (select count(*) from (select 1 from support_case c
                                              where c.organization_id = ? and c.assignee_id = p.id and c.assignee_id is not null
                                                and c.status in ('NEW', 'OPEN', 'WAITING')
                                              limit ?) capped) as n
                from unnest(cast(? as uuid[])) as p(id)""")
                .params(organization.value(), LOAD_CAP, load.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> load.put(rs.getObject("assignee_id", UUID.class), rs.getInt("n")))
                .list();
        return load;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseSummary> summary(OrganizationId organization, UUID caseId) {
        return db.sql("select * from support_case where organization_id = ? and id = ?")
                .params(organization.value(), caseId).query(CaseStore::summary).optional();
    }

    @Override
    public java.util.Set<UUID> lockAvailable(OrganizationId organization, java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(db.sql(
                        "select id from support_case where organization_id = ? and id = any(?) order by id for update skip locked")
                .params(organization.value(), caseIds.stream().distinct().toArray(UUID[]::new))
                .query(UUID.class).list());
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseSummary> summaries(OrganizationId organization, java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) return List.of();
        return db.sql("select * from support_case where organization_id = ? and id = any(?)")
                .params(organization.value(), caseIds.stream().distinct().toArray(UUID[]::new))
                .query(CaseStore::summary).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseDetail> detail(OrganizationId organization, UUID caseId) {
        return db.sql("select * from support_case where organization_id = ? and id = ?")
                .params(organization.value(), caseId)
                .query((rs, n) -> Map.entry(summary(rs, n), Optional.ofNullable(rs.getString("topic"))))
                .optional()
                .map(e -> new CaseDetail(organization, e.getKey(), e.getValue().orElse(null),
                        messages(organization, caseId), history(organization, caseId)));
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseDetail> details(OrganizationId organization, java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) return List.of();
        UUID[] ids = caseIds.stream().distinct().toArray(UUID[]::new);
        Map<UUID, Map.Entry<CaseSummary, String>> found = new LinkedHashMap<>();
        db.sql("select * from support_case where organization_id = ? and id = any(?)")
                .params(organization.value(), ids)
                .query(rs -> {
                    CaseSummary summary = summary(rs, 0);
                    found.put(summary.id(), new java.util.AbstractMap.SimpleEntry<>(summary, rs.getString("topic")));
                });
        if (found.isEmpty()) return List.of();
        UUID[] existing = found.keySet().toArray(UUID[]::new);
        Map<UUID, List<CaseMessage.AttachmentInfo>> files = new LinkedHashMap<>();
        db.sql("select id, message_id, filename, content_type, size_bytes from attachment where organization_id = ? and case_id = any(?) order by created_at")
                .params(organization.value(), existing)
                .query(rs -> {
                    files.computeIfAbsent(rs.getObject("message_id", UUID.class), k -> new ArrayList<>())
                            .add(new CaseMessage.AttachmentInfo(rs.getObject("id", UUID.class), rs.getString("filename"),
                                    rs.getString("content_type"), rs.getLong("size_bytes")));
                });
        Map<UUID, List<CaseMessage>> messages = new LinkedHashMap<>();
        db.sql("select * from case_message where organization_id = ? and case_id = any(?) order by created_at, id")
                .params(organization.value(), existing)
                .query(rs -> {
                    UUID caseId = rs.getObject("case_id", UUID.class);
                    messages.computeIfAbsent(caseId, k -> new ArrayList<>()).add(new CaseMessage(rs.getObject("id", UUID.class), caseId,
                            MessageKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
                            rs.getObject("author_staff_id", UUID.class), rs.getString("body"),
                            rs.getTimestamp("created_at").toInstant(),
                            files.getOrDefault(rs.getObject("id", UUID.class), List.of())));
                });
        Map<UUID, List<CaseEventEntry>> history = new LinkedHashMap<>();
        db.sql("select * from case_event where organization_id = ? and case_id = any(?) order by created_at, id")
                .params(organization.value(), existing)
                .query(rs -> {
                    history.computeIfAbsent(rs.getObject("case_id", UUID.class), k -> new ArrayList<>()).add(eventEntry(rs));
                });
        List<CaseDetail> details = new ArrayList<>(found.size());
        found.forEach((id, e) -> details.add(new CaseDetail(organization, e.getKey(), e.getValue(),
                messages.getOrDefault(id, List.of()), history.getOrDefault(id, List.of()))));
        return details;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> idByReference(OrganizationId organization, String reference) {
        return db.sql("select id from support_case where organization_id = ? and reference = ?")
                .params(organization.value(), reference.strip().toUpperCase()).query(UUID.class).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseDetail> byTrackingToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) return Optional.empty();
        return db.sql("select organization_id, id from support_case where tracking_token_sha256 = ?")
                .param(Tokens.sha256(token))
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .optional()
                .flatMap(e -> detail(e.getKey(), e.getValue()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(OrganizationId organization, UUID customerId, int limit) {
        return timelineRows(organization, customerId, null, Math.clamp(limit, 1, 1000));
    }

    @Override
    @Transactional(readOnly = true)
    public TimelinePage timeline(OrganizationId organization, UUID customerId, String before, int limit) {
        int size = Math.clamp(limit, 1, 1000);
        List<TimelineEntry> rows = timelineRows(organization, customerId, before == null ? null : PageCursor.parse(before), size + 1);
        if (rows.size() <= size) return new TimelinePage(rows, null);
        List<TimelineEntry> page = List.copyOf(rows.subList(0, size));
        TimelineEntry last = page.getLast();
        return new TimelinePage(page, new PageCursor(last.at(), last.messageId()).toString());
    }

    @Override
    @Transactional(readOnly = true)
    public int countCases(OrganizationId organization, UUID customerId) {
        return db.sql("select count(*) from support_case where organization_id = ? and customer_id = ?")
                .params(organization.value(), customerId).query(Integer.class).single();
    }

    /** The customer's messages newest first (created at, then id: a total order, so pages neither skip nor repeat). */
    private List<TimelineEntry> timelineRows(OrganizationId organization, UUID customerId, PageCursor before, int limit) {
        String older = before == null ? "" : " and (m.created_at, m.id) < (?, ?)";
        List<Object> params = new java.util.ArrayList<>(List.of(organization.value(), customerId));
        if (before != null) {
            params.add(Timestamp.from(before.at()));
            params.add(before.id());
        }
        params.add(limit);
        return db.sql("""
                select c.id as case_id, c.reference, c.subject, c.status, m.id as message_id, m.kind, m.channel,
                       left(m.body, 300) as excerpt, m.created_at
                from support_case c join case_message m on m.case_id = c.id
                where c.organization_id = ? and c.customer_id = ?""" + older + """

                order by m.created_at desc, m.id desc limit ?""")
                .params(params)
                .query((rs, n) -> new TimelineEntry(rs.getObject("case_id", UUID.class), rs.getString("reference"),
                        rs.getString("subject"), CaseStatus.valueOf(rs.getString("status")),
                        rs.getObject("message_id", UUID.class), MessageKind.valueOf(rs.getString("kind")),
                        Channel.valueOf(rs.getString("channel")), rs.getString("excerpt"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AttachmentContent> attachment(OrganizationId organization, UUID caseId, UUID attachmentId) {
        return db.sql("select filename, content_type, content from attachment where organization_id = ? and case_id = ? and id = ?")
                .params(organization.value(), caseId, attachmentId)
                .query((rs, n) -> new AttachmentContent(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    // ------------------------------------------------------------------ internals

    private List<CaseMessage> messages(OrganizationId organization, UUID caseId) {
        Map<UUID, List<CaseMessage.AttachmentInfo>> files = new LinkedHashMap<>();
        db.sql("select id, message_id, filename, content_type, size_bytes from attachment where organization_id = ? and case_id = ? order by created_at")
                .params(organization.value(), caseId)
                .query(rs -> {
                    files.computeIfAbsent(rs.getObject("message_id", UUID.class), k -> new ArrayList<>())
                            .add(new CaseMessage.AttachmentInfo(rs.getObject("id", UUID.class), rs.getString("filename"),
                                    rs.getString("content_type"), rs.getLong("size_bytes")));
                });
        return db.sql("select * from case_message where organization_id = ? and case_id = ? order by created_at, id")
                .params(organization.value(), caseId)
                .query((rs, n) -> new CaseMessage(rs.getObject("id", UUID.class), caseId,
                        MessageKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
                        rs.getObject("author_staff_id", UUID.class), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(),
                        files.getOrDefault(rs.getObject("id", UUID.class), List.of())))
                .list();
    }

    private List<CaseEventEntry> history(OrganizationId organization, UUID caseId) {
        return db.sql("select * from case_event where organization_id = ? and case_id = ? order by created_at, id")
                .params(organization.value(), caseId)
                .query((rs, n) -> eventEntry(rs))
                .list();
    }

    private CaseEventEntry eventEntry(ResultSet rs) throws SQLException {
        return new CaseEventEntry(rs.getObject("id", UUID.class), Actor.Kind.valueOf(rs.getString("actor")),
                rs.getObject("actor_staff_id", UUID.class), rs.getString("type"),
                json.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() {}),
                rs.getTimestamp("created_at").toInstant());
    }

    private record CaseRow(CaseStatus status, Channel channel, UUID unitId, UUID assigneeId, Priority priority) {}

    @Override
    public void lockForChange(OrganizationId organization, UUID caseId) {
        lock(organization, caseId);
    }

    private CaseRow lock(OrganizationId organization, UUID caseId) {
        return db.sql("select status, channel, unit_id, assignee_id, priority from support_case where organization_id = ? and id = ? for update")
                .params(organization.value(), caseId)
                .query((rs, n) -> new CaseRow(CaseStatus.valueOf(rs.getString(1)), Channel.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), Priority.valueOf(rs.getString(5))))
                .optional()
                .orElseThrow(() -> AspaException.notFound("Case"));
    }

    /** Locks the cases in id order (as {@link #lockAvailable}, so that batches never wait for each other in opposite orders); all must exist. */
    private Map<UUID, CaseRow> lockAll(OrganizationId organization, java.util.Collection<UUID> caseIds) {
        Map<UUID, CaseRow> rows = new LinkedHashMap<>();
        db.sql("""
                select id, status, channel, unit_id, assignee_id, priority from support_case
                where organization_id = ? and id = any(?) order by id for update""")
                .params(organization.value(), caseIds.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    rows.put(rs.getObject(1, UUID.class), new CaseRow(CaseStatus.valueOf(rs.getString(2)),
                            Channel.valueOf(rs.getString(3)), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                            Priority.valueOf(rs.getString(6))));
                });
        if (rows.size() != new java.util.HashSet<>(caseIds).size()) throw AspaException.notFound("Case");
        return rows;
    }

    private void requireUnit(OrganizationId organization, UUID unitId) {
        if (organizations.unit(organization, unitId).isEmpty()) {
            throw AspaException.invalid("unknown-unit", "No such unit in this organization");
        }
    }

    private UUID insertMessage(OrganizationId organization, UUID caseId, MessageKind kind, Channel channel, UUID author,
                               String body, List<AttachmentPolicy.Checked> files, Instant now) {
        UUID id = Ids.next();
        db.sql(CaseRows.INSERT_MESSAGE)
                .params(id, organization.value(), caseId, kind.name(), channel.name(), author, body, Timestamp.from(now))
                .update();
        insertAttachments(organization, caseId, id, files, now);
        return id;
    }

    private void insertAttachments(OrganizationId organization, UUID caseId, UUID messageId, List<AttachmentPolicy.Checked> files,
                                   Instant now) {
        for (AttachmentPolicy.Checked file : files) {
            db.sql(CaseRows.INSERT_ATTACHMENT)
                    .params(Ids.next(), organization.value(), caseId, messageId, file.filename(), file.contentType(),
                            file.content().length, Tokens.sha256(file.content()), file.content(), Timestamp.from(now))
                    .update();
        }
    }

    private void touch(UUID caseId, Instant now) {
        db.sql("update support_case set updated_at = ? where id = ?").params(Timestamp.from(now), caseId).update();
    }

    private void statusChanged(OrganizationId organization, UUID caseId, Actor actor, CaseStatus from, CaseStatus to, Instant now) {
        if (from == to) return;
        recordEvent(organization, caseId, actor, "STATUS_CHANGED", Map.of("from", from.name(), "to", to.name()), now);
        events.publishEvent(new CaseStatusChanged(organization, caseId, from, to));
    }

    private void recordEvent(OrganizationId organization, UUID caseId, Actor actor, String type, Map<String, ?> detail, Instant now) {
        db.sql(CaseRows.INSERT_EVENT)
                .params(Ids.next(), organization.value(), caseId, actor.staffId(), actor.kind().name(), type,
                        json.writeValueAsString(detail), Timestamp.from(now))
                .update();
    }

    /** The same event for many cases with one insert; {@code details} in the order of {@code caseIds}. */
    private void recordEvents(OrganizationId organization, List<UUID> caseIds, Actor actor, String type,
                              List<Map<String, ?>> details, Instant now) {
        db.sql("""
                insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
                select e.id, ?, e.case_id, ?, ?, ?, cast(e.detail as jsonb), ?
                from unnest(?::uuid[], ?::uuid[], ?::text[]) with ordinality as e(id, case_id, detail, n) order by e.n""")
                .params(organization.value(), actor.staffId(), actor.kind().name(), type, Timestamp.from(now),
                        caseIds.stream().map(c -> Ids.next()).toArray(UUID[]::new), caseIds.toArray(UUID[]::new),
                        details.stream().map(json::writeValueAsString).toArray(String[]::new))
                .update();
    }

    static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw AspaException.invalid("required", field + " is required", field);
        }
        String text = value.strip();
        if (text.length() > max) {
            throw AspaException.invalid("too-long", field + " is longer than " + max + " characters", field, max);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw AspaException.invalid("invalid-text", field + " contains characters that are not allowed", field);
        }
        return text;
    }

    static Set<String> normalizeTags(Set<String> tags) {
        Set<String> normalized = tags.stream().filter(t -> t != null && !t.isBlank())
                .map(t -> t.strip().toLowerCase()).filter(t -> t.length() <= 50)
                .collect(Collectors.toCollection(TreeSet::new));
        if (normalized.size() > MAX_TAGS) throw AspaException.invalid("too-many-tags", "At most " + MAX_TAGS + " tags", MAX_TAGS);
        return normalized;
    }

    private static CaseSummary summary(ResultSet rs, int row) throws SQLException {
        return new CaseSummary(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("subject"),
                Channel.valueOf(rs.getString("channel")), Language.parse(rs.getString("language")).orElse(Language.FI),
                CaseStatus.valueOf(rs.getString("status")), Priority.valueOf(rs.getString("priority")),
                rs.getObject("customer_id", UUID.class), rs.getObject("unit_id", UUID.class),
                rs.getObject("assignee_id", UUID.class), Arrays.asList((String[]) rs.getArray("tags").getArray()),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }


}
