package fi.aspa.channels.email;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.aspa.platform.SecretBox;
import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code email_mailbox} table: configuration by organization, and the lease that lets one node at a time poll
 * a mailbox. A lease is claimed with {@code FOR NO KEY UPDATE SKIP LOCKED} (not FOR UPDATE: that would also skip a
 * mailbox while mail referring to it is being stored or sent) and expires by itself if its node dies.
 */
@Repository
@Transactional
class MailboxStore {
    /**
     * How long a mailbox's settings read for sending mail are reused. An admin's change on this node takes effect at
     * once (the entry is dropped when it is written, and again when that commits); one made on another node, within
     * this time.
     */
    static final Duration SETTINGS_MEMORY = Duration.ofSeconds(3);

    private final JdbcClient db;
    private final SecretBox secrets;
    private final Cache<UUID, Optional<Mailbox>> forSending = Caffeine.newBuilder()
            .expireAfterWrite(SETTINGS_MEMORY).maximumSize(10_000).build();

    MailboxStore(JdbcClient db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    // ------------------------------------------------------------------ configuration

    @Transactional(readOnly = true)
    List<Mailbox> list(OrganizationId organization) {
        return db.sql("select * from email_mailbox where organization_id = ? order by lower(name), id")
                .param(organization.value()).query(MailboxStore::row).list();
    }

    @Transactional(readOnly = true)
    Optional<Mailbox> find(OrganizationId organization, UUID id) {
        return db.sql("select * from email_mailbox where organization_id = ? and id = ?")
                .params(organization.value(), id).query(MailboxStore::row).optional();
    }

    /**
     * {@link #find} for sending mail (acknowledgements, replies), read at most {@link #SETTINGS_MEMORY} ago: every new
     * email case's acknowledgement reads its mailbox's settings, and a burst of mail would read the same row each
     * time. The polling state in it (last poll, last error) may be as old; it is not for showing.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<Mailbox> forSending(OrganizationId organization, UUID id) {
        Optional<Mailbox> known = forSending.getIfPresent(id);
        if (known != null) return known.filter(m -> m.organizationId().equals(organization));
        Optional<Mailbox> found = db.sql("select * from email_mailbox where organization_id = ? and id = ?")
                .params(organization.value(), id).query(MailboxStore::row).optional();
        if (found.isPresent()) forSending.put(id, found);
        return found;
    }

    /** Drops what {@link #forSending} remembers of a mailbox now, and again when this transaction ends. */
    private void changed(UUID id) {
        forSending.invalidate(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forSending.invalidate(id);
                }
            });
        }
    }

    /** The unit's own enabled mailbox; with a null unit, the organization's own (a mailbox of no unit). */
    @Transactional(readOnly = true)
    Optional<Mailbox> forUnit(OrganizationId organization, UUID unitId) {
        return db.sql("""
                select * from email_mailbox where organization_id = ? and enabled and unit_id is not distinct from cast(? as uuid)
                order by created_at, id limit 1""")
                .params(organization.value(), unitId).query(MailboxStore::row).optional();
    }

    /**
     * The enabled mailboxes with this address, in every organization: the SMTP receiver's recipients. The
     * organization comes from the address (there is no signed-in user); the caller refuses an address that more
     * than one organization has.
     */
    @Transactional(readOnly = true)
    List<Mailbox> byAddress(String address) {
        return db.sql("select * from email_mailbox where enabled and lower(from_address) = lower(?) order by created_at, id")
                .param(address).query(MailboxStore::row).list();
    }

    UUID create(OrganizationId organization, MailboxInput in) {
        UUID id = Ids.next();
        db.sql("""
                insert into email_mailbox (id, organization_id, unit_id, name, imap_host, imap_port, imap_security,
                    imap_username, imap_password, imap_folder, smtp_host, smtp_port, smtp_security, smtp_username,
                    smtp_password, from_address, enabled, ack_enabled)
                values (:id, :org, :unit, :name, :imapHost, :imapPort, :imapSecurity, :imapUser, :imapPassword, :folder,
                    :smtpHost, :smtpPort, :smtpSecurity, :smtpUser, :smtpPassword, :from, :enabled, :ack)""")
                .param("id", id).param("org", organization.value()).param("unit", in.unitId())
                .param("name", in.name()).param("imapHost", in.imapHost()).param("imapPort", in.imapPort())
                .param("imapSecurity", in.imapSecurity().name()).param("imapUser", in.imapUsername())
                .param("imapPassword", secrets.seal(in.imapPassword(), context(id, "imap")))
                .param("folder", in.folder()).param("smtpHost", in.smtpHost()).param("smtpPort", in.smtpPort())
                .param("smtpSecurity", in.smtpSecurity().name()).param("smtpUser", blankToNull(in.smtpUsername()))
                .param("smtpPassword", blankToNull(in.smtpUsername()) == null ? null
                        : secrets.seal(nullToEmpty(in.smtpPassword()), context(id, "smtp")))
                .param("from", in.fromAddress()).param("enabled", in.enabled()).param("ack", in.ackEnabled())
                .update();
        changed(id);
        return id;
    }

    /** Updates the settings; a blank password keeps the stored one. Returns false when there is no such mailbox. */
    boolean update(OrganizationId organization, UUID id, MailboxInput in) {
        boolean keepImap = in.imapPassword() == null || in.imapPassword().isEmpty();
        boolean keepSmtp = in.smtpPassword() == null || in.smtpPassword().isEmpty();
        String smtpUser = blankToNull(in.smtpUsername());
        changed(id);
        return db.sql("""
                update email_mailbox set unit_id = :unit, name = :name, imap_host = :imapHost, imap_port = :imapPort,
                    imap_security = :imapSecurity, imap_username = :imapUser,
                    imap_password = case when :keepImap then imap_password else :imapPassword end,
                    imap_folder = :folder, smtp_host = :smtpHost, smtp_port = :smtpPort, smtp_security = :smtpSecurity,
                    smtp_username = :smtpUser,
                    smtp_password = case when cast(:smtpUser as text) is null then null
                                         when :keepSmtp then smtp_password else :smtpPassword end,
                    from_address = :from, enabled = :enabled, ack_enabled = :ack, updated_at = now(),
                    next_poll_at = least(next_poll_at, now()), last_error = null, last_error_at = null
                where organization_id = :org and id = :id""")
                .param("id", id).param("org", organization.value()).param("unit", in.unitId())
                .param("name", in.name()).param("imapHost", in.imapHost()).param("imapPort", in.imapPort())
                .param("imapSecurity", in.imapSecurity().name()).param("imapUser", in.imapUsername())
                .param("keepImap", keepImap)
                .param("imapPassword", keepImap ? null : secrets.seal(in.imapPassword(), context(id, "imap")))
                .param("folder", in.folder()).param("smtpHost", in.smtpHost()).param("smtpPort", in.smtpPort())
                .param("smtpSecurity", in.smtpSecurity().name()).param("smtpUser", smtpUser)
                .param("keepSmtp", keepSmtp)
                .param("smtpPassword", keepSmtp ? null : secrets.seal(in.smtpPassword(), context(id, "smtp")))
                .param("from", in.fromAddress()).param("enabled", in.enabled()).param("ack", in.ackEnabled())
                .update() == 1;
    }

    boolean setEnabled(OrganizationId organization, UUID id, boolean enabled) {
        changed(id);
        return db.sql("update email_mailbox set enabled = ?, updated_at = now() where organization_id = ? and id = ?")
                .params(enabled, organization.value(), id).update() == 1;
    }

    static String context(UUID id, String field) {
        return "email_mailbox:" + id + ":" + field;
    }

    String password(Mailbox mailbox, Mailbox.Endpoint endpoint, String field) {
        return secrets.open(endpoint.sealedPassword(), context(mailbox.id(), field));
    }

    // ------------------------------------------------------------------ the polling lease

    /** Claims the mailbox that has waited longest for its poll, if any is due and free. */
    Optional<Mailbox> claimDue(String node, Duration lease) {
        return db.sql("""
                update email_mailbox m set lease_owner = :node, lease_until = now() + make_interval(secs => :secs)
                where m.id = (select id from email_mailbox
                              where enabled and next_poll_at <= now() and (lease_until is null or lease_until < now())
                              order by next_poll_at limit 1 for no key update skip locked)
                returning m.*""")
                .param("node", node).param("secs", lease.toSeconds()).query(MailboxStore::row).optional();
    }

    /** Claims one enabled mailbox now, due or not; empty when another node holds it (or it is disabled). */
    Optional<Mailbox> claim(OrganizationId organization, UUID id, String node, Duration lease) {
        return db.sql("""
                update email_mailbox m set lease_owner = :node, lease_until = now() + make_interval(secs => :secs)
                where m.id = (select id from email_mailbox
                              where organization_id = :org and id = :id and enabled
                                and (lease_until is null or lease_until < now())
                              for no key update skip locked)
                returning m.*""")
                .param("node", node).param("secs", lease.toSeconds()).param("org", organization.value()).param("id", id)
                .query(MailboxStore::row).optional();
    }

    /** Extends a held lease; false when the lease was lost (it expired and another node took the mailbox). */
    boolean renew(UUID id, String node, Duration lease) {
        return db.sql("update email_mailbox set lease_until = now() + make_interval(secs => ?) where id = ? and lease_owner = ?")
                .params(lease.toSeconds(), id, node).update() == 1;
    }

    /**
     * Extends the lease of a mailbox this node watches (IMAP IDLE) and tells when its settings last changed; empty
     * when the lease was lost or the mailbox was disabled, so the watch must end.
     */
    Optional<java.time.Instant> renewWatch(UUID id, String node, Duration lease) {
        return db.sql("""
                update email_mailbox set lease_until = now() + make_interval(secs => ?)
                where id = ? and lease_owner = ? and enabled returning updated_at""")
                .params(lease.toSeconds(), id, node).query((rs, n) -> instant(rs.getTimestamp(1))).optional();
    }

    /** Records a poll made while keeping the lease (a watched mailbox). */
    void polled(UUID id, String node, String error) {
        db.sql("""
                update email_mailbox set last_polled_at = now(), last_error = :error,
                    last_error_at = case when cast(:error as text) is null then last_error_at else now() end
                where id = :id and lease_owner = :node""")
                .param("error", error).param("id", id).param("node", node).update();
    }

    void release(UUID id, String node, Duration nextPollIn, String error) {
        db.sql("""
                update email_mailbox set lease_owner = null, lease_until = null, last_polled_at = now(),
                    next_poll_at = now() + make_interval(secs => :next),
                    last_error = :error, last_error_at = case when cast(:error as text) is null then last_error_at else now() end
                where id = :id and lease_owner = :node""")
                .param("next", nextPollIn.toMillis() / 1000.0).param("error", error).param("id", id).param("node", node)
                .update();
    }

    private static Mailbox row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Mailbox(id, new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("unit_id", UUID.class), rs.getString("name"),
                new Mailbox.Endpoint(rs.getString("imap_host"), rs.getInt("imap_port"),
                        Mailbox.Security.valueOf(rs.getString("imap_security")), rs.getString("imap_username"),
                        rs.getString("imap_password")),
                rs.getString("imap_folder"),
                new Mailbox.Endpoint(rs.getString("smtp_host"), rs.getInt("smtp_port"),
                        Mailbox.Security.valueOf(rs.getString("smtp_security")), rs.getString("smtp_username"),
                        rs.getString("smtp_password")),
                rs.getString("from_address"), rs.getBoolean("enabled"), rs.getBoolean("ack_enabled"),
                instant(rs.getTimestamp("last_polled_at")), rs.getString("last_error"), instant(rs.getTimestamp("last_error_at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
