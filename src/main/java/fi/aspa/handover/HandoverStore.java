package fi.aspa.handover;

import fi.aspa.cases.CaseStatus;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The handover tables. A query names the organization on its own side, and the other side only through a row of it. */
@Repository
class HandoverStore {
    private final JdbcClient db;

    HandoverStore(JdbcClient db) {
        this.db = db;
    }

    boolean accepts(OrganizationId org) {
        return db.sql("select accepts from handover_setting where organization_id = ?").param(org.value())
                .query(Boolean.class).optional().orElse(false);
    }

    void setAccepts(OrganizationId org, boolean accepts, Instant now) {
        db.sql("""
                insert into handover_setting (organization_id, accepts, updated_at) values (?, ?, ?)
                on conflict (organization_id) do update set accepts = excluded.accepts, updated_at = excluded.updated_at""")
                .params(org.value(), accepts, Timestamp.from(now)).update();
    }

    /** The organizations that accept hand-overs, other than this one. */
    List<UUID> acceptingOrganizations(OrganizationId except) {
        return db.sql("select organization_id from handover_setting where accepts and organization_id <> ?")
                .param(except.value()).query(UUID.class).list();
    }

    record Row(UUID id, OrganizationId sender, UUID senderCaseId, OrganizationId receiver, UUID receiverCaseId,
               Handover.Basis basis, String basisDetail, Set<Handover.Part> included, CaseStatus receiverStatus,
               Instant receiverUpdatedAt, Instant at) {}

    void insert(Row r, String summary, UUID sentBy) {
        db.sql("""
                insert into handover (id, organization_id, sender_case_id, receiver_organization_id, receiver_case_id, summary,
                    basis, basis_detail, included, sent_by, receiver_status, receiver_updated_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.sender().value(), r.senderCaseId(), r.receiver().value(), r.receiverCaseId(), summary,
                        r.basis().name(), r.basisDetail(), r.included().stream().map(Enum::name).toArray(String[]::new), sentBy,
                        r.receiverStatus().name(), Timestamp.from(r.receiverUpdatedAt()), Timestamp.from(r.at()))
                .update();
    }

    /** Sent from this organization's case. */
    List<Row> sentFrom(OrganizationId org, UUID caseId) {
        return db.sql("select * from handover where organization_id = ? and sender_case_id = ? order by created_at")
                .params(org.value(), caseId).query(HandoverStore::row).list();
    }

    /** Received into this organization's case. */
    List<Row> receivedInto(OrganizationId org, UUID caseId) {
        return db.sql("select * from handover where receiver_organization_id = ? and receiver_case_id = ? order by created_at")
                .params(org.value(), caseId).query(HandoverStore::row).list();
    }

    /** A hand-over as the sender's side records it after the receiver's status change, with who handed it over. */
    record Updated(UUID id, OrganizationId sender, UUID senderCaseId, UUID sentBy) {}

    /**
     * The receiver's own status change, written where the sender may read it: one statement on the receiver's index,
     * which for any other case (nearly all) finds no row.
     */
    List<Updated> receiverStatus(OrganizationId receiver, UUID receiverCaseId, CaseStatus status, Instant now) {
        return db.sql("""
                update handover set receiver_status = ?, receiver_updated_at = ?
                where receiver_organization_id = ? and receiver_case_id = ?
                returning id, organization_id, sender_case_id, sent_by""")
                .params(status.name(), Timestamp.from(now), receiver.value(), receiverCaseId)
                .query((rs, n) -> new Updated(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getObject("sender_case_id", UUID.class), rs.getObject("sent_by", UUID.class))).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Set<Handover.Part> parts = EnumSet.noneOf(Handover.Part.class);
        Arrays.stream((String[]) rs.getArray("included").getArray()).map(Handover.Part::valueOf).forEach(parts::add);
        return new Row(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("sender_case_id", UUID.class), new OrganizationId(rs.getObject("receiver_organization_id", UUID.class)),
                rs.getObject("receiver_case_id", UUID.class), Handover.Basis.valueOf(rs.getString("basis")),
                rs.getString("basis_detail"), parts, CaseStatus.valueOf(rs.getString("receiver_status")),
                rs.getTimestamp("receiver_updated_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
