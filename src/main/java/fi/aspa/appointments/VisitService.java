package fi.aspa.appointments;

import fi.aspa.platform.LocalizedText;
import java.util.Set;
import java.util.UUID;

/**
 * A service offered at a service point: booked in slots of {@code slotMinutes} at {@code desks} parallel desks of
 * its own, in the given modes, and/or served from the walk-in queue with numbers of {@code queueLetter}.
 */
public record VisitService(UUID id, UUID servicePointId, String code, LocalizedText name, int slotMinutes, int desks,
                           Set<AppointmentMode> modes, boolean bookable, boolean walkIn, String queueLetter) {}
