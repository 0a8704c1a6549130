package fi.aspa.appointments;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A walk-in visit finished at a desk, in one transaction: an anonymous visit is only counted; a visit of an
 * identified customer becomes a resolved case (channel WALK_IN) on the customer's timeline, handled by the staff
 * member at the desk.
 */
@Service
class DeskService {
    private final WalkInQueue queue;
    private final ServiceSetup setup;
    private final Customers customers;
    private final Cases cases;
    private final MessageSource messages;

    DeskService(WalkInQueue queue, ServiceSetup setup, Customers customers, Cases cases, MessageSource messages) {
        this.queue = queue;
        this.setup = setup;
        this.customers = customers;
        this.cases = cases;
        this.messages = messages;
    }

    /** Who was served: a known customer, a new one, or nobody identified. */
    record Visitor(UUID customerId, ContactDetails newCustomer) {
        static Visitor anonymous() {
            return new Visitor(null, null);
        }

        boolean identified() {
            return customerId != null || newCustomer != null;
        }
    }

    record Served(UUID caseId, String reference) {}

    @Transactional
    Optional<Served> serve(OrganizationId organization, UUID staffId, UUID ticketId, Visitor visitor, String note,
                           Locale staffLocale) {
        WalkInQueue.Ticket ticket = queue.find(organization, ticketId)
                .filter(t -> t.status() == WalkInQueue.Status.CALLED && staffId.equals(t.calledBy()))
                .orElseThrow(DeskService::notCalled);
        if (!visitor.identified()) {
            if (!queue.finish(organization, ticketId, staffId, WalkInQueue.Status.SERVED, null, null)) throw notCalled();
            return Optional.empty();
        }
        UUID customer;
        Language language;
        if (visitor.customerId() != null) {
            Customer known = customers.find(organization, visitor.customerId())
                    .orElseThrow(() -> AspaException.invalid("unknown-customer", "No such customer in this organization"));
            customer = known.id();
            language = known.preferredLanguage();
        } else {
            customer = customers.resolve(organization, visitor.newCustomer());
            language = visitor.newCustomer().language();
        }
        VisitService service = setup.service(organization, ticket.serviceId()).orElseThrow();
        ServicePoint point = setup.servicePoint(organization, ticket.servicePointId());
        Language staffLanguage = Language.of(staffLocale);
        String serviceName = service.name().in(staffLanguage);
        String subject = messages.getMessage("desk.case.subject", new Object[] {serviceName}, staffLocale);
        String body = note == null || note.isBlank()
                ? messages.getMessage("desk.case.body", new Object[] {point.name().in(staffLanguage), serviceName, ticket.code()}, staffLocale)
                : note.strip();
        Actor actor = Actor.staff(staffId);
        OpenedCase opened = cases.open(organization, new NewCase(Channel.WALK_IN, customer, subject, body, language,
                service.code(), point.unitId(), null, Set.of(), List.of(), actor));
        cases.assign(organization, opened.id(), actor, staffId);
        cases.changeStatus(organization, opened.id(), actor, CaseStatus.RESOLVED);
        if (!queue.finish(organization, ticketId, staffId, WalkInQueue.Status.SERVED, customer, opened.id())) throw notCalled();
        return Optional.of(new Served(opened.id(), opened.reference()));
    }

    void noShow(OrganizationId organization, UUID staffId, UUID ticketId) {
        if (!queue.finish(organization, ticketId, staffId, WalkInQueue.Status.NO_SHOW, null, null)) throw notCalled();
    }

    static AspaException notCalled() {
        return AspaException.conflict("ticket-not-called", "The number is not called at your desk");
    }
}
