package fi.aspa.cases;

/** The inserts that every way of writing a case's rows shares (a live command, a batch of new cases, an import). */
final class CaseRows {
    private CaseRows() {}

    /** id, organization, case, kind, channel, author (staff), body, created at. */
    static final String INSERT_MESSAGE = """
            insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    /** id, organization, case, message, file name, content type, size, SHA-256, content, created at. */
    static final String INSERT_ATTACHMENT = """
            insert into attachment (id, organization_id, case_id, message_id, filename, content_type, size_bytes, sha256, content, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** id, organization, case, actor (staff), actor kind, type, detail (JSON text), created at. */
    static final String INSERT_EVENT = """
            insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""";

    /** A case just opened, as a read of it in the opening transaction would return it. */
    static CaseSummary opened(java.util.UUID id, String reference, String subject, NewCase command,
                              java.util.Set<String> tags, java.time.Instant at) {
        return new CaseSummary(id, reference, subject, command.channel(), command.language(), CaseStatus.NEW,
                command.priority(), command.customerId(), command.unitId(), null, java.util.List.copyOf(tags), at, at);
    }
}
