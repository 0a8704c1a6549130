package fi.aspa.staffing;

import java.time.LocalDate;
import java.util.UUID;

/** Away on these whole days, both included. */
record Absence(UUID id, UUID staffId, LocalDate firstDay, LocalDate lastDay) {

    boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
