package fi.aspa.customer;

import java.util.List;
import java.util.UUID;

/**
 * Another customer of the same organization who may be the same person: a score from 0 to 100 and the reasons for
 * it, strongest first. Only a name and the reasons: the agent opens the candidate (a logged view) to compare.
 */
public record DuplicateCandidate(UUID id, String name, int score, List<DuplicateReason> reasons) {}
