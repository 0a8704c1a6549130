package fi.aspa.channels.open311;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A service request becomes a case in one transaction: the customer is recognized or created
 * ({@link Customers#resolve}), the case opened in the service's responsible unit ({@link Cases#open}; no routing
 * guess is needed), and the request's own fields stored beside it.
 */
@Service
class Open311Intake {
    private final Customers customers;
    private final Cases cases;
    private final Open311Store store;
    private final MessageSource messages;
    private final Clock clock;

    Open311Intake(Customers customers, Cases cases, Open311Store store, MessageSource messages, Clock clock) {
        this.customers = customers;
        this.cases = cases;
        this.store = store;
        this.messages = messages;
        this.clock = clock;
    }

    /** A checked POST: every field is valid here (see {@code Open311Api}). */
    record NewRequest(String title, String description, Double lat, Double lon, String addressString, String addressId,
                      String email, String phone, String firstName, String lastName, String deviceId, String accountId,
                      String mediaUrl, Language language, List<NewAttachment> media) {}

    record Created(UUID caseId, String reference, UUID token) {}

    @Transactional
    Created open(OrganizationId organization, UUID apiKeyId, CatalogueService service, NewRequest r) {
        String name = String.join(" ", java.util.stream.Stream.of(r.firstName(), r.lastName())
                .filter(s -> s != null && !s.isBlank()).map(String::strip).toList());
        UUID customer = customers.resolve(organization, new ContactDetails(CustomerKind.PERSON, name.isEmpty() ? null : name,
                r.email(), r.phone(), null, null, null, r.language(), false));
        String serviceName = service.name().in(r.language());
        String subject = r.title() != null ? r.title() : serviceName;
        if (subject.length() > 200) subject = subject.substring(0, 199) + "…";
        OpenedCase opened = cases.open(organization, new NewCase(Channel.OPEN311, customer, subject, body(r, service),
                r.language(), serviceName + " (Open311 " + service.open311Code() + ")", service.unitId(), null,
                Set.of("open311:" + service.open311Code().toLowerCase(java.util.Locale.ROOT)), // routing rules match on it
                r.media(), Actor.customer()));
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        store.insert(new Open311Store.StoredRequest(opened.id(), organization, opened.reference(), token, service.id(),
                service.open311Code(), r.title(), r.description(), r.lat(), r.lon(), r.addressString(), r.addressId(),
                r.mediaUrl(), r.language().code(), CaseStatus.NEW.name(), null, service.unitId(), now, now),
                apiKeyId, r.deviceId(), r.accountId());
        if (!r.media().isEmpty()) {
            cases.detail(organization, opened.id()).ifPresent(d -> d.messages().stream().findFirst()
                    .map(CaseMessage::attachments).orElse(List.of())
                    .forEach(a -> store.addMedia(organization, opened.id(), a.id())));
        }
        return new Created(opened.id(), opened.reference(), token);
    }

    /** The description, then where: what the agent sees in the workspace. */
    private String body(NewRequest r, CatalogueService service) {
        Locale locale = r.language().locale();
        StringBuilder body = new StringBuilder(r.description());
        body.append("\n\n— ").append(messages.getMessage("open311.case.service",
                new Object[]{service.name().in(r.language()), service.open311Code()}, locale));
        if (r.addressString() != null) {
            body.append('\n').append(messages.getMessage("open311.case.address", new Object[]{r.addressString()}, locale));
        }
        if (r.addressId() != null) {
            body.append('\n').append(messages.getMessage("open311.case.address-id", new Object[]{r.addressId()}, locale));
        }
        if (r.lat() != null) {
            String lat = String.format(Locale.ROOT, "%.6f", r.lat());
            String lon = String.format(Locale.ROOT, "%.6f", r.lon());
            body.append('\n').append(messages.getMessage("open311.case.coordinates", new Object[]{lat, lon}, locale))
                    .append("\nhttps://www.openstreetmap.org/?mlat=").append(lat).append("&mlon=").append(lon)
                    .append("#map=18/").append(lat).append('/').append(lon);
        }
        if (r.mediaUrl() != null) {
            body.append('\n').append(messages.getMessage("open311.case.media-url", new Object[]{r.mediaUrl()}, locale));
        }
        return body.toString();
    }
}
