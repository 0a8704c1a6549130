package fi.aspa.channels.email;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_message} table: every email in and out, raw, once per organization and Message-ID. It is
 * also the thread index: the Message-IDs of a case's mail lead a reply back to its case.
 */
@Repository
class EmailStore {
    enum Kind { PENDING, NEW_CASE, CUSTOMER_MESSAGE, NOTE, RECORDED, REPLY, ACK, SURVEY }

    private static final String INSERT_INBOUND = """
            insert into email_message (id, organization_id, mailbox_id, direction, kind, case_id, case_message_id, message_key,
                message_id, address, subject, raw, raw_sha256, html, malformed, auto_submitted, bounce, no_auto_reply, created_at)
            values (?, ?, ?, 'INBOUND', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (organization_id, message_key) do nothing""";

    private final JdbcClient db;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    EmailStore(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    /**
     * Stores an inbound message as PENDING, or returns empty when its key is already stored: the caller's
     * transaction then holds the key, and a concurrent insert of the same key waits for it.
     */
    Optional<UUID> claimInbound(Mailbox mailbox, ParsedEmail mail, byte[] raw, Instant now) {
        UUID id = Ids.next();
        int inserted = db.sql(INSERT_INBOUND).params(inboundRow(id, mailbox, mail, raw, Kind.PENDING, null, null, now)).update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** An inbound message that opened a case, with its bytes. */
    record Opened(ParsedEmail mail, byte[] raw, UUID caseId, UUID caseMessageId) {}

    /**
     * Stores inbound messages that opened cases in the caller's transaction, complete (kind NEW_CASE, with their case),
     * in one batched statement: no PENDING row to update afterwards. True when every one was stored; false when a key
     * was stored already (by another node meanwhile): the caller then rolls back and takes them in one by one.
     */
    boolean storeOpened(Mailbox mailbox, List<Opened> opened, Instant now) {
        if (opened.isEmpty()) return true;
        int[] inserted = jdbc.batchUpdate(INSERT_INBOUND, opened.stream()
                .map(o -> inboundRow(Ids.next(), mailbox, o.mail(), o.raw(), Kind.NEW_CASE, o.caseId(), o.caseMessageId(), now))
                .toList());
        return java.util.Arrays.stream(inserted).allMatch(n -> n == 1);
    }

    private static Object[] inboundRow(UUID id, Mailbox mailbox, ParsedEmail mail, byte[] raw, Kind kind, UUID caseId,
                                       UUID caseMessageId, Instant now) {
        return new Object[] {id, mailbox.organizationId().value(), mailbox.id(), kind.name(), caseId, caseMessageId,
                mail.messageKey(), mail.messageId(), mail.fromAddress(), cap(mail.subject(), 1000), raw, mail.rawSha256(),
                mail.html(), mail.malformed(), mail.autoSubmitted(), mail.bounce(), mail.noAutoReply(), Timestamp.from(now)};
    }

    /** Which of these message keys the organization has stored already (one query for a whole batch). */
    java.util.Set<String> storedKeys(OrganizationId organization, List<String> messageKeys) {
        if (messageKeys.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(db.sql("select message_key from email_message where organization_id = ? and message_key = any(?)")
                .params(organization.value(), messageKeys.toArray(String[]::new)).query(String.class).list());
    }

    void complete(UUID id, Kind kind, UUID caseId, UUID caseMessageId) {
        db.sql("update email_message set kind = ?, case_id = ?, case_message_id = ? where id = ?")
                .params(kind.name(), caseId, caseMessageId, id).update();
    }

    /** The case that the given Message-IDs belong to, the nearest id first. */
    Optional<UUID> caseOf(OrganizationId organization, List<String> messageIds) {
        Map<String, UUID> found = casesOf(organization, messageIds);
        return messageIds.stream().filter(found::containsKey).map(found::get).findFirst();
    }

    /** The case of each of these Message-IDs that the organization has stored with a case (one query). */
    Map<String, UUID> casesOf(OrganizationId organization, List<String> messageIds) {
        Map<String, UUID> found = new HashMap<>();
        if (messageIds.isEmpty()) return found;
        db.sql("select message_key, case_id from email_message where organization_id = ? and message_key = any(?) and case_id is not null")
                .params(organization.value(), messageIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    record Inbound(UUID mailboxId, String messageId, String address, String subject, boolean autoSubmitted,
                   boolean bounce, boolean malformed, boolean noAutoReply) {}

    /** The latest email the customer sent in this case. */
    Optional<Inbound> lastInbound(OrganizationId organization, UUID caseId) {
        return db.sql("""
                select mailbox_id, message_id, address, subject, auto_submitted, bounce, malformed, no_auto_reply
                from email_message where organization_id = ? and case_id = ? and direction = 'INBOUND'
                  and kind in ('NEW_CASE', 'CUSTOMER_MESSAGE')
                order by created_at desc, id desc limit 1""")
                .params(organization.value(), caseId)
                .query((rs, n) -> new Inbound(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)))
                .optional();
    }

    /**
     * The message that opened the case, whether it came from one of the organization's own addresses, and — when it
     * may be acknowledged — how many acknowledgements its address had since the given time, counted under a lock.
     *
     * @param acksSince null when the message is not one to acknowledge (nothing was locked or counted)
     */
    record Opening(Inbound inbound, boolean fromOwnAddress, Integer acksSince) {}

    /**
     * What acknowledging a new email case reads, in one round trip ({@code email_ack_opening}, V280): the opening
     * message; and when it may be acknowledged, the transaction-scoped lock on its organization and address, which
     * serializes the acknowledgements to one address until the transaction ends, and then the count of
     * acknowledgements sent there since {@code since}. The count is taken after the lock is held (a query of its own
     * in a volatile function, with a fresh snapshot), so it sees every acknowledgement committed by whoever held the
     * lock before, and the hourly limit holds across threads and nodes.
     */
    Optional<Opening> openingForAck(OrganizationId organization, UUID caseId, Instant since) {
        return db.sql("""
                select mailbox_id, message_id, address, subject, auto_submitted, bounce, malformed, no_auto_reply, own, acks
                from email_ack_opening(?, ?, ?)""")
                .params(organization.value(), caseId, Timestamp.from(since))
                .query((rs, n) -> new Opening(new Inbound(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)), rs.getBoolean(9),
                        rs.getObject(10, Integer.class)))
                .optional();
    }

    /** The Message-IDs of the case's mail, oldest first, for the References header. */
    List<String> threadIds(OrganizationId organization, UUID caseId, int limit) {
        List<String> ids = db.sql("""
                select message_id from email_message where organization_id = ? and case_id = ? and message_id is not null
                  and kind in ('NEW_CASE', 'CUSTOMER_MESSAGE', 'REPLY', 'ACK')
                order by created_at desc, id desc limit ?""")
                .params(organization.value(), caseId, limit).query(String.class).list();
        return ids.reversed();
    }

    boolean replySent(OrganizationId organization, UUID caseMessageId) {
        return db.sql("select exists (select 1 from email_message where organization_id = ? and case_message_id = ? and kind = 'REPLY')")
                .params(organization.value(), caseMessageId).query(Boolean.class).single();
    }

    /**
     * Whether one of these Message-IDs is a message we sent to this address: a reply that names it comes from someone
     * who received it there, which counts as proof that the address is the sender's (customer recognition policy).
     */
    boolean answersOurMessageTo(OrganizationId organization, List<String> messageIds, String address) {
        if (messageIds.isEmpty() || address == null || address.isBlank()) return false;
        return db.sql("""
                select count(*) from email_message where organization_id = ? and direction = 'OUTBOUND'
                  and message_key = any(?) and lower(address) = lower(?)""")
                .params(organization.value(), messageIds.toArray(String[]::new), address.strip()).query(Integer.class).single() > 0;
    }

    /** Records a message about to be sent; false when it was recorded already (sent, or being sent elsewhere). */
    boolean recordOutbound(OrganizationId organization, UUID mailboxId, Kind kind, String messageId, String address,
                           String subject, UUID caseId, UUID caseMessageId, byte[] raw, Instant now) {
        return db.sql("""
                insert into email_message (id, organization_id, mailbox_id, direction, kind, message_key, message_id, address,
                    subject, case_id, case_message_id, raw, raw_sha256, created_at)
                values (?, ?, ?, 'OUTBOUND', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(Ids.next(), organization.value(), mailboxId, kind.name(), messageId, messageId, address,
                        cap(subject, 1000), caseId, caseMessageId, raw, Tokens.sha256(raw), Timestamp.from(now))
                .update() == 1;
    }

    Map<String, Object> flags(OrganizationId organization, String messageKey) {
        return db.sql("select kind, case_id, case_message_id, malformed, auto_submitted, bounce, no_auto_reply from email_message where organization_id = ? and message_key = ?")
                .params(organization.value(), messageKey).query().singleRow();
    }

    static String cap(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
