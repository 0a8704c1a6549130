package fi.aspa.channels.open311;

import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Open311 side of requests: location and client fields, the public status and its history, the media. */
@Repository
class Open311Store {
    private final JdbcClient db;

    Open311Store(JdbcClient db) {
        this.db = db;
    }

    record StoredRequest(UUID caseId, OrganizationId organizationId, String reference, UUID token, UUID serviceId,
                         String serviceCode, String title, String description, Double lat, Double lon,
                         String addressString, String addressId, String mediaUrl, String locale, String status,
                         String statusNotes, UUID unitId, Instant requestedAt, Instant updatedAt) {}

    record HistoryEntry(UUID caseId, String status, String note, Instant at) {}

    /** Filters of GET requests; null and empty do not filter. */
    record Query(List<String> references, Set<String> serviceCodes, Instant start, Instant end, Set<String> statuses,
                 Instant updatedAfter, Instant updatedBefore, int limit) {}

    void insert(StoredRequest r, UUID apiKeyId, String deviceId, String accountId) {
        db.sql("""
                insert into open311_request (case_id, organization_id, reference, token, service_id, service_code, title,
                    description, lat, long, address_string, address_id, device_id, account_id, media_url, locale, api_key_id,
                    status, status_notes, unit_id, requested_at, updated_at)
                values (:case, :org, :reference, :token, :service, :code, :title, :description, :lat, :long, :address,
                    :addressId, :device, :account, :media, :locale, :key, :status, null, :unit, :at, :at)""")
                .param("case", r.caseId()).param("org", r.organizationId().value()).param("reference", r.reference())
                .param("token", r.token()).param("service", r.serviceId()).param("code", r.serviceCode())
                .param("title", r.title()).param("description", r.description()).param("lat", r.lat())
                .param("long", r.lon()).param("address", r.addressString()).param("addressId", r.addressId())
                .param("device", deviceId).param("account", accountId).param("media", r.mediaUrl())
                .param("locale", r.locale()).param("key", apiKeyId).param("status", r.status())
                .param("unit", r.unitId()).param("at", Timestamp.from(r.requestedAt()))
                .update();
        addHistory(r.organizationId(), r.caseId(), r.status(), null, r.requestedAt());
    }

    void addMedia(OrganizationId organization, UUID caseId, UUID attachmentId) {
        db.sql("insert into open311_media (attachment_id, organization_id, case_id) values (?, ?, ?)")
                .params(attachmentId, organization.value(), caseId).update();
    }

    void addHistory(OrganizationId organization, UUID caseId, String status, String note, Instant at) {
        db.sql("insert into open311_request_history (id, organization_id, case_id, status, note, at) values (?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), organization.value(), caseId, status, note, Timestamp.from(at)).update();
    }

    /** The case's status changed: true when the case is an Open311 request. */
    boolean statusChanged(OrganizationId organization, UUID caseId, String status, Instant at) {
        boolean mine = db.sql("update open311_request set status = ?, updated_at = ? where organization_id = ? and case_id = ?")
                .params(status, Timestamp.from(at), organization.value(), caseId).update() > 0;
        if (mine) addHistory(organization, caseId, status, null, at);
        return mine;
    }

    /** The agency answered publicly: the answer becomes the status notes and a history entry. */
    void replied(OrganizationId organization, UUID caseId, String note, Instant at) {
        String status = db.sql("""
                update open311_request set status_notes = ?, updated_at = ? where organization_id = ? and case_id = ?
                returning status""")
                .params(note, Timestamp.from(at), organization.value(), caseId).query(String.class).optional().orElse(null);
        if (status != null) addHistory(organization, caseId, status, note, at);
    }

    void transferred(OrganizationId organization, UUID caseId, UUID unitId) {
        db.sql("update open311_request set unit_id = ? where organization_id = ? and case_id = ?")
                .params(unitId, organization.value(), caseId).update();
    }

    Optional<StoredRequest> byReference(OrganizationId organization, String reference) {
        return db.sql("select * from open311_request where organization_id = ? and reference = ?")
                .params(organization.value(), reference).query(Open311Store::row).optional();
    }

    Optional<StoredRequest> byToken(OrganizationId organization, UUID token) {
        return db.sql("select * from open311_request where organization_id = ? and token = ?")
                .params(organization.value(), token).query(Open311Store::row).optional();
    }

    List<StoredRequest> find(OrganizationId organization, Query q) {
        StringBuilder sql = new StringBuilder("select * from open311_request where organization_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", organization.value());
        if (q.references() != null && !q.references().isEmpty()) {
            sql.append(" and reference = any(:refs)");
            params.put("refs", q.references().toArray(String[]::new));
        }
        if (q.serviceCodes() != null && !q.serviceCodes().isEmpty()) {
            sql.append(" and service_code = any(:codes)");
            params.put("codes", q.serviceCodes().toArray(String[]::new));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            sql.append(" and status = any(:statuses)");
            params.put("statuses", q.statuses().toArray(String[]::new));
        }
        if (q.start() != null) {
            sql.append(" and requested_at >= :start");
            params.put("start", Timestamp.from(q.start()));
        }
        if (q.end() != null) {
            sql.append(" and requested_at <= :end");
            params.put("end", Timestamp.from(q.end()));
        }
        if (q.updatedAfter() != null) {
            sql.append(" and updated_at > :after");
            params.put("after", Timestamp.from(q.updatedAfter()));
        }
        if (q.updatedBefore() != null) {
            sql.append(" and updated_at < :before");
            params.put("before", Timestamp.from(q.updatedBefore()));
        }
        sql.append(" order by requested_at desc, reference desc limit :limit");
        params.put("limit", q.limit());
        return db.sql(sql.toString()).params(params).query(Open311Store::row).list();
    }

    Map<UUID, List<HistoryEntry>> history(OrganizationId organization, Collection<UUID> caseIds) {
        Map<UUID, List<HistoryEntry>> byCase = new LinkedHashMap<>();
        if (caseIds.isEmpty()) return byCase;
        db.sql("""
                select case_id, status, note, at from open311_request_history
                where organization_id = ? and case_id = any(?) order by at, id""")
                .params(organization.value(), caseIds.toArray(UUID[]::new))
                .query((rs, n) -> new HistoryEntry(rs.getObject("case_id", UUID.class), rs.getString("status"),
                        rs.getString("note"), rs.getTimestamp("at").toInstant()))
                .list()
                .forEach(h -> byCase.computeIfAbsent(h.caseId(), k -> new ArrayList<>()).add(h));
        return byCase;
    }

    Map<UUID, List<UUID>> media(OrganizationId organization, Collection<UUID> caseIds) {
        Map<UUID, List<UUID>> byCase = new LinkedHashMap<>();
        if (caseIds.isEmpty()) return byCase;
        db.sql("select case_id, attachment_id from open311_media where organization_id = ? and case_id = any(?) order by attachment_id")
                .params(organization.value(), caseIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("case_id", UUID.class), rs.getObject("attachment_id", UUID.class)))
                .list()
                .forEach(e -> byCase.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return byCase;
    }

    /** Where a published image lives: (organization, case). */
    Optional<Map.Entry<OrganizationId, UUID>> mediaOwner(UUID attachmentId) {
        return db.sql("select organization_id, case_id from open311_media where attachment_id = ?").param(attachmentId)
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getObject("case_id", UUID.class)))
                .optional();
    }

    private static StoredRequest row(ResultSet rs, int n) throws SQLException {
        return new StoredRequest(rs.getObject("case_id", UUID.class),
                new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("reference"),
                rs.getObject("token", UUID.class), rs.getObject("service_id", UUID.class), rs.getString("service_code"),
                rs.getString("title"), rs.getString("description"), rs.getObject("lat", Double.class),
                rs.getObject("long", Double.class), rs.getString("address_string"), rs.getString("address_id"),
                rs.getString("media_url"), rs.getString("locale"), rs.getString("status"), rs.getString("status_notes"),
                rs.getObject("unit_id", UUID.class), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
