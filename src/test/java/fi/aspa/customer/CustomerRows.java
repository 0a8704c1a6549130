package fi.aspa.customer;

import fi.aspa.Fixtures;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.Ids;
import fi.aspa.platform.LocalizedText;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of other modules that belong to a customer, written straight into their tables (the tests of merge and undo
 * need them without driving a whole chat or a service point's day): what a merge must move and an undo move back.
 */
final class CustomerRows {
    private CustomerRows() {}

    /** A closed chat conversation of the customer, on the case. */
    static UUID chatSession(JdbcClient db, Fixtures.Org org, UUID caseId, UUID customer) {
        UUID session = Ids.next();
        db.sql("""
                insert into chat_session (id, organization_id, resume_token_sha256, state, language, case_id, customer_id, created_at, updated_at)
                values (?, ?, ?, 'CLOSED', 'fi', ?, ?, now(), now())""")
                .params(session, org.id().value(), "t" + session, caseId, customer).update();
        return session;
    }

    /** A served walk-in queue ticket of the customer, today, at a new service point. */
    static UUID queueTicket(JdbcClient db, Organizations organizations, Fixtures.Org org, UUID customer) {
        ServicePoint point = organizations.createServicePoint(org.id(), org.service().id(), new LocalizedText("Piste", "Punkt", "Point"),
                null, null, null);
        UUID service = Ids.next();
        db.sql("insert into visit_service (id, organization_id, service_point_id, code, name_fi, name_sv, name_en, slot_minutes) values (?, ?, ?, 'x', 'x', 'x', 'x', 15)")
                .params(service, org.id().value(), point.id()).update();
        UUID ticket = Ids.next();
        db.sql("""
                insert into queue_ticket (id, organization_id, service_point_id, service_id, day, letter, number, code, status, customer_id, created_at)
                values (?, ?, ?, ?, ?, 'A', 1, 'A001', 'SERVED', ?, ?)""")
                .params(ticket, org.id().value(), point.id(), service, LocalDate.now(), customer, Timestamp.from(Instant.now())).update();
        return ticket;
    }
}
