package fi.aspa.appointments;

import fi.aspa.platform.LocalizedText;
import java.util.Set;

/** A service to offer at a service point; see {@link VisitService}. */
public record NewVisitService(String code, LocalizedText name, int slotMinutes, int desks, Set<AppointmentMode> modes,
                              boolean bookable, boolean walkIn, String queueLetter) {

    public NewVisitService {
        modes = modes == null || modes.isEmpty() ? Set.of(AppointmentMode.IN_PERSON) : Set.copyOf(modes);
        queueLetter = queueLetter == null ? "A" : queueLetter;
    }
}
