package fi.aspa.appointments;

import fi.aspa.appointments.Slots.Slot;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Lifecycle;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking and cancelling. A booking is one transaction: the customer, the case (channel APPOINTMENT) and the
 * appointment row; the row claims a desk of the slot under a unique index, so when two residents race for the
 * last desk the second finds it taken ({@code slot-taken}) and nothing of theirs is kept.
 */
@Service
class Bookings {
    static final String TAG = "appointment";

    private final JdbcClient db;
    private final ServiceSetup setup;
    private final Slots slots;
    private final Customers customers;
    private final Cases cases;
    private final MessageSource messages;

    Bookings(JdbcClient db, ServiceSetup setup, Slots slots, Customers customers, Cases cases, MessageSource messages) {
        this.db = db;
        this.setup = setup;
        this.slots = slots;
        this.customers = customers;
        this.cases = cases;
        this.messages = messages;
    }

    record Request(UUID serviceId, Instant start, AppointmentMode mode, String name, String email, String phone,
                   Language language) {
        @Override
        public String toString() {
            return "Booking[" + serviceId + ", " + start + ", " + mode + "]";
        }
    }

    /** {@code token} is the only time the raw cancellation token exists. */
    record Booked(UUID id, String token, String reference) {}

    enum Status { BOOKED, CANCELLED }

    record View(UUID id, OrganizationId organizationId, VisitService service, ServicePoint point, Instant start,
                Instant end, AppointmentMode mode, String videoUrl, Status status, String reference, String name,
                Language language, UUID caseId) {
        public ZonedDateTime localStart() {
            return start.atZone(Slots.HELSINKI);
        }

        public ZonedDateTime localEnd() {
            return end.atZone(Slots.HELSINKI);
        }
    }

    @Transactional
    Booked book(OrganizationId organization, Request request, Instant now) {
        VisitService service = setup.service(organization, request.serviceId()).filter(VisitService::bookable)
                .orElseThrow(() -> AspaException.notFound("Service"));
        if (request.mode() == null || !service.modes().contains(request.mode())) {
            throw AspaException.invalid("mode-unavailable", "The service is not offered this way");
        }
        Optional<Slot> slot = slots.free(organization, service, now).stream()
                .filter(s -> s.start().equals(request.start())).findFirst();
        if (slot.isEmpty()) throw slotTaken();
        ServicePoint point = setup.servicePoint(organization, service.servicePointId());
        Language language = request.language();
        UUID customer = customers.resolve(organization,
                ContactDetails.resident(request.name(), request.email(), request.phone(), language));
        String when = DateTimes.dateTime(slot.get().start(), language.locale());
        String serviceName = service.name().in(language);
        String subject = msg("appt.case.subject", language, serviceName, when);
        String videoUrl = request.mode() == AppointmentMode.VIDEO ? setup.videoUrl(organization, Tokens.random(12)) : null;
        String body = msg("appt.case.body", language, serviceName, point.name().in(language), when,
                msg("appt.mode." + request.mode().name(), language), request.name(),
                orDash(request.email()), orDash(request.phone()))
                + (videoUrl == null ? "" : "\n" + msg("appt.case.video", language, videoUrl));
        OpenedCase opened = cases.open(organization, new NewCase(Channel.APPOINTMENT, customer, subject, body, language,
                service.code(), point.unitId(), null, Set.of(TAG), List.of(), Actor.customer()));
        String token = Tokens.random(32);
        UUID id = Ids.next();
        for (int desk = 1; desk <= service.desks(); desk++) {
            int inserted = db.sql("""
                    insert into appointment (id, organization_id, service_point_id, service_id, starts_at, ends_at, desk, mode,
                        customer_id, case_id, name, email, phone, language, video_url, token_sha256, status, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?)
                    on conflict (service_point_id, service_id, starts_at, desk) where status = 'BOOKED' do nothing""")
                    .params(id, organization.value(), point.id(), service.id(), Timestamp.from(slot.get().start()),
                            Timestamp.from(slot.get().end()), desk, request.mode().name(), customer, opened.id(),
                            request.name(), request.email(), request.phone(), language.code(), videoUrl,
                            Tokens.sha256(token), Timestamp.from(now))
                    .update();
            if (inserted == 1) return new Booked(id, token, opened.reference());
        }
        throw slotTaken();
    }

    @Transactional(readOnly = true)
    Optional<View> byToken(String token) {
        if (!Tokens.plausible(token)) return Optional.empty();
        return db.sql("select * from appointment where token_sha256 = ?").param(Tokens.sha256(token))
                .query(this::view).optional();
    }

    /**
     * Cancels by the private link: the case gets the resident's message and is resolved. Cancelling again changes
     * nothing; an appointment that has begun can no longer be cancelled here.
     */
    @Transactional
    View cancel(String token, Instant now) {
        if (!Tokens.plausible(token)) throw AspaException.notFound("Appointment");
        View view = db.sql("select * from appointment where token_sha256 = ? for update").param(Tokens.sha256(token))
                .query(this::view).optional().orElseThrow(() -> AspaException.notFound("Appointment"));
        if (view.status() == Status.CANCELLED) return view;
        if (!view.start().isAfter(now)) {
            throw AspaException.conflict("appointment-started", "The appointment has begun and cannot be cancelled");
        }
        OrganizationId organization = view.organizationId();
        db.sql("update appointment set status = 'CANCELLED', cancelled_at = ? where organization_id = ? and id = ?")
                .params(Timestamp.from(now), organization.value(), view.id()).update();
        Language language = view.language();
        cases.addCustomerMessage(organization, view.caseId(), msg("appt.case.cancelled", language,
                view.service().name().in(language), DateTimes.dateTime(view.start(), language.locale())), Channel.APPOINTMENT, List.of());
        cases.summary(organization, view.caseId())
                .filter(c -> Lifecycle.allows(c.status(), CaseStatus.RESOLVED))
                .ifPresent(c -> cases.changeStatus(organization, view.caseId(), Actor.customer(), CaseStatus.RESOLVED));
        return byToken(token).orElseThrow();
    }

    static AspaException slotTaken() {
        return AspaException.conflict("slot-taken", "The time was just booked by someone else");
    }

    private View view(ResultSet rs, int row) throws SQLException {
        OrganizationId organization = new OrganizationId(rs.getObject("organization_id", UUID.class));
        UUID caseId = rs.getObject("case_id", UUID.class);
        VisitService service = setup.service(organization, rs.getObject("service_id", UUID.class)).orElseThrow();
        ServicePoint point = setup.servicePoint(organization, rs.getObject("service_point_id", UUID.class));
        String reference = cases.summary(organization, caseId).map(c -> c.reference()).orElse("");
        return new View(rs.getObject("id", UUID.class), organization, service, point,
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                AppointmentMode.valueOf(rs.getString("mode")), rs.getString("video_url"),
                Status.valueOf(rs.getString("status")), reference, rs.getString("name"),
                Language.parse(rs.getString("language")).orElse(Language.FI), caseId);
    }

    private String msg(String key, Language language, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "–" : value;
    }
}
