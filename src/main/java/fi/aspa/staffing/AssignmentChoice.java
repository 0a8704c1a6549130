package fi.aspa.staffing;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The choice of a person for a routed case, without a database: from the unit's people with their profiles and
 * loads, at a given local time. In turn: expertise in the service (any level), the case's language, at work now and
 * not absent; then the best level (responsible before expert before can handle), then the fewest open cases; among
 * those still equal, the next after the last one chosen in the unit (by id, wrapping around).
 */
final class AssignmentChoice {

    enum Outcome { ASSIGNED, NO_EXPERT, NO_LANGUAGE, NOBODY_AVAILABLE }

    record Candidate(UUID staffId, Level level, boolean speaksLanguage, boolean available, int load) {}

    record Decision(Outcome outcome, UUID staffId, Level level, Integer load, int candidates) {}

    private AssignmentChoice() {}

    /** Whether the person can take the case at this time: for building a {@link Candidate} from a profile. */
    static Candidate candidate(Profile profile, UUID serviceId, String language, LocalDateTime now, int load) {
        return new Candidate(profile.staffId(), profile.expertise().get(serviceId), profile.speaks(language),
                profile.hours().availableAt(now, profile.absences()), load);
    }

    static Decision choose(List<Candidate> people, UUID lastChosen) {
        List<Candidate> experts = people.stream().filter(c -> c.level() != null).toList();
        if (experts.isEmpty()) return new Decision(Outcome.NO_EXPERT, null, null, null, 0);
        List<Candidate> speakers = experts.stream().filter(Candidate::speaksLanguage).toList();
        if (speakers.isEmpty()) return new Decision(Outcome.NO_LANGUAGE, null, null, null, experts.size());
        List<Candidate> present = speakers.stream().filter(Candidate::available).toList();
        if (present.isEmpty()) return new Decision(Outcome.NOBODY_AVAILABLE, null, null, null, speakers.size());
        Candidate best = present.stream()
                .min(Comparator.comparing(Candidate::level).thenComparingInt(Candidate::load)).orElseThrow();
        List<Candidate> equals = present.stream()
                .filter(c -> c.level() == best.level() && c.load() == best.load())
                .sorted(Comparator.comparing(c -> c.staffId().toString()))
                .toList();
        Candidate chosen = equals.getFirst();
        if (lastChosen != null) {
            String last = lastChosen.toString();
            chosen = equals.stream().filter(c -> c.staffId().toString().compareTo(last) > 0).findFirst().orElse(equals.getFirst());
        }
        return new Decision(Outcome.ASSIGNED, chosen.staffId(), chosen.level(), chosen.load(), present.size());
    }
}
