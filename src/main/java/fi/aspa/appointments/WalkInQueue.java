package fi.aspa.appointments;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The walk-in queue of a service point. Numbers run per service point, day (Helsinki) and letter (A001, A002...)
 * from a counter row that each new number increments under its row lock. Calling the next number claims the
 * oldest waiting ticket with {@code FOR UPDATE SKIP LOCKED}: desks calling at the same moment get different
 * tickets, never the same one.
 */
@Service
@Transactional
class WalkInQueue {
    private final JdbcClient db;
    private final ServiceSetup setup;
    private final Clock clock;

    WalkInQueue(JdbcClient db, ServiceSetup setup, Clock clock) {
        this.db = db;
        this.setup = setup;
        this.clock = clock;
    }

    enum Status { WAITING, CALLED, SERVED, NO_SHOW }

    record Ticket(UUID id, UUID servicePointId, UUID serviceId, LocalDate day, String code, Status status, String desk,
                  UUID calledBy, Instant createdAt, Instant calledAt, UUID customerId, UUID caseId) {}

    LocalDate today() {
        return clock.instant().atZone(Slots.HELSINKI).toLocalDate();
    }

    Ticket take(OrganizationId organization, UUID servicePointId, UUID serviceId) {
        return take(organization, servicePointId, serviceId, today(), clock.instant());
    }

    Ticket take(OrganizationId organization, UUID servicePointId, UUID serviceId, LocalDate day, Instant now) {
        VisitService service = setup.service(organization, serviceId)
                .filter(s -> s.walkIn() && s.servicePointId().equals(servicePointId))
                .orElseThrow(() -> AspaException.notFound("Service"));
        int number = db.sql("""
                insert into queue_counter (organization_id, service_point_id, day, letter, last_number) values (?, ?, ?, ?, 1)
                on conflict (service_point_id, day, letter) do update set last_number = queue_counter.last_number + 1
                returning last_number""")
                .params(organization.value(), servicePointId, day, service.queueLetter()).query(Integer.class).single();
        String code = service.queueLetter() + (number < 1000 ? String.format("%03d", number) : Integer.toString(number));
        UUID id = Ids.next();
        db.sql("""
                insert into queue_ticket (id, organization_id, service_point_id, service_id, day, letter, number, code, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING', ?)""")
                .params(id, organization.value(), servicePointId, serviceId, day, service.queueLetter(), number, code,
                        Timestamp.from(now))
                .update();
        return find(organization, id).orElseThrow();
    }

    /** How many of the same service point wait before this ticket. */
    @Transactional(readOnly = true)
    int ahead(OrganizationId organization, Ticket ticket) {
        return db.sql("""
                select count(*) from queue_ticket where organization_id = ? and service_point_id = ? and day = ?
                and status = 'WAITING' and (created_at, number) < (?, ?)""")
                .params(organization.value(), ticket.servicePointId(), ticket.day(), Timestamp.from(ticket.createdAt()),
                        number(ticket.code()))
                .query(Integer.class).single();
    }

    @Transactional(readOnly = true)
    int waiting(OrganizationId organization, UUID servicePointId, LocalDate day) {
        return db.sql("select count(*) from queue_ticket where organization_id = ? and service_point_id = ? and day = ? and status = 'WAITING'")
                .params(organization.value(), servicePointId, day).query(Integer.class).single();
    }

    /**
     * The desk calls the next number (of one service, or of any when {@code serviceId} is null). The ticket the
     * same staff member had called at this service point and not finished counts as served.
     */
    Optional<Ticket> callNext(OrganizationId organization, UUID servicePointId, UUID serviceId, String desk, UUID staffId) {
        return callNext(organization, servicePointId, serviceId, desk, staffId, today(), clock.instant());
    }

    Optional<Ticket> callNext(OrganizationId organization, UUID servicePointId, UUID serviceId, String desk, UUID staffId,
                              LocalDate day, Instant now) {
        db.sql("""
                update queue_ticket set status = 'SERVED', finished_at = ?
                where organization_id = ? and service_point_id = ? and day = ? and status = 'CALLED' and called_by = ?""")
                .params(Timestamp.from(now), organization.value(), servicePointId, day, staffId).update();
        return db.sql("""
                update queue_ticket set status = 'CALLED', desk = :desk, called_by = :staff, called_at = :now
                where id = (
                    select id from queue_ticket
                    where organization_id = :org and service_point_id = :point and day = :day and status = 'WAITING'
                      and (cast(:service as uuid) is null or service_id = cast(:service as uuid))
                    order by created_at, number
                    limit 1
                    for update skip locked)
                returning *""")
                .param("desk", desk).param("staff", staffId).param("now", Timestamp.from(now))
                .param("org", organization.value()).param("point", servicePointId).param("day", day)
                .param("service", serviceId)
                .query(WalkInQueue::ticket).optional();
    }

    /** The ticket this staff member has called at the service point and not yet finished. */
    @Transactional(readOnly = true)
    Optional<Ticket> current(OrganizationId organization, UUID servicePointId, UUID staffId, LocalDate day) {
        return db.sql("""
                select * from queue_ticket where organization_id = ? and service_point_id = ? and day = ? and status = 'CALLED'
                and called_by = ? order by called_at desc limit 1""")
                .params(organization.value(), servicePointId, day, staffId).query(WalkInQueue::ticket).optional();
    }

    /** Finishes a called ticket: served (with the customer and case when the customer was identified) or no-show. */
    boolean finish(OrganizationId organization, UUID ticketId, UUID staffId, Status status, UUID customerId, UUID caseId) {
        if (status != Status.SERVED && status != Status.NO_SHOW) throw new IllegalArgumentException(status.name());
        return db.sql("""
                update queue_ticket set status = ?, finished_at = ?, customer_id = ?, case_id = ?
                where organization_id = ? and id = ? and status = 'CALLED' and called_by = ?""")
                .params(status.name(), Timestamp.from(clock.instant()), customerId, caseId, organization.value(), ticketId, staffId)
                .update() == 1;
    }

    @Transactional(readOnly = true)
    Optional<Ticket> find(OrganizationId organization, UUID ticketId) {
        return db.sql("select * from queue_ticket where organization_id = ? and id = ?")
                .params(organization.value(), ticketId).query(WalkInQueue::ticket).optional();
    }

    /** The numbers called today, latest first: what the display shows. */
    @Transactional(readOnly = true)
    List<Ticket> called(OrganizationId organization, UUID servicePointId, LocalDate day, int limit) {
        return db.sql("""
                select * from queue_ticket where organization_id = ? and service_point_id = ? and day = ? and called_at is not null
                order by called_at desc, number desc limit ?""")
                .params(organization.value(), servicePointId, day, limit).query(WalkInQueue::ticket).list();
    }

    /** Visits served today at the service point: identified ones and anonymous ones (counted only). */
    @Transactional(readOnly = true)
    Counts counts(OrganizationId organization, UUID servicePointId, LocalDate day) {
        return db.sql("""
                select count(*) filter (where status = 'SERVED' and customer_id is not null),
                       count(*) filter (where status = 'SERVED' and customer_id is null),
                       count(*) filter (where status = 'NO_SHOW'),
                       count(*) filter (where status = 'WAITING')
                from queue_ticket where organization_id = ? and service_point_id = ? and day = ?""")
                .params(organization.value(), servicePointId, day)
                .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
    }

    record Counts(int identified, int anonymous, int noShow, int waiting) {}

    private static int number(String code) {
        return Integer.parseInt(code.substring(1));
    }

    static Ticket ticket(ResultSet rs, int row) throws SQLException {
        Timestamp called = rs.getTimestamp("called_at");
        return new Ticket(rs.getObject("id", UUID.class), rs.getObject("service_point_id", UUID.class),
                rs.getObject("service_id", UUID.class), rs.getObject("day", LocalDate.class), rs.getString("code"),
                Status.valueOf(rs.getString("status")), rs.getString("desk"), rs.getObject("called_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), called == null ? null : called.toInstant(),
                rs.getObject("customer_id", UUID.class), rs.getObject("case_id", UUID.class));
    }
}
