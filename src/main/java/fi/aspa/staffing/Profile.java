package fi.aspa.staffing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A staff member's profile. {@code languages}: ISO 639-1 codes, the official ones (fi, sv, en) first;
 * {@code confirmedAt} null when never confirmed (also for a profile not saved yet, then {@code saved} is false).
 */
record Profile(UUID staffId, String jobDescription, List<String> languages, WorkingHours hours,
               Map<UUID, Level> expertise, List<Absence> absences, Instant confirmedAt, boolean saved) {

    boolean speaks(String language) {
        return languages.contains(language);
    }
}
