package fi.aspa.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a conversation's stream, in sequence order: a line of the resident or the agent (also a case
 * message), or a system event ({@code event}: joined, transferred-agent, transferred-unit, closed, resident-left,
 * left-message).
 */
record StreamEntry(UUID id, long seq, Kind kind, String clientId, UUID authorStaffId, String body, String event,
                   Instant at) {

    enum Kind { RESIDENT, AGENT, SYSTEM }
}
