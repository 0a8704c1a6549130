package fi.aspa.appointments;

import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The appointments module's API: what a service point offers and when it is open. Bookings, the walk-in queue and
 * their pages stay inside the module.
 */
public interface Appointments {

    /** Offers a service at a service point of the organization. */
    VisitService addService(OrganizationId organization, UUID servicePointId, NewVisitService service);

    /** The services of a service point, by Finnish name. */
    List<VisitService> services(OrganizationId organization, UUID servicePointId);

    /** Replaces the service point's weekly opening hours. */
    void setOpeningHours(OrganizationId organization, UUID servicePointId, List<OpeningHours> hours);

    List<OpeningHours> openingHours(OrganizationId organization, UUID servicePointId);

    /** Closes the service point for a day besides the public holidays (a training day, a move). */
    void addClosure(OrganizationId organization, UUID servicePointId, LocalDate day, String reason);

    /**
     * The organization's pattern for video appointment links, with {@code {room}} (a random room name per
     * appointment) and optionally {@code {organization}} (the organization's slug). A placeholder until the
     * organization's own video service is connected.
     */
    void setVideoUrlPattern(OrganizationId organization, String pattern);
}
