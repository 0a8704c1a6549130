package fi.aspa.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of a case's history: who did what, when. */
public record CaseEventEntry(UUID id, Actor.Kind actor, UUID actorStaffId, String type, Map<String, Object> detail,
                             Instant at) {}
