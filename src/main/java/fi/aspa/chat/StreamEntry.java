package fi.aspa.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a conversation's stream, in sequence order: a line of the resident or the agent (also a case
 * message), or a system event ({@code event}: joined, transferred-agent, transferred-unit, closed, resident-left,
 * left-message, handover, handover-offline), or a line of the chatbot with its sources.
 */
record StreamEntry(UUID id, long seq, Kind kind, String clientId, UUID authorStaffId, String body, String event,
                   Instant at, List<Link> links) {

    /** BOT: a line of the chatbot, with the sources it quotes or offers in {@code links}. */
    enum Kind { RESIDENT, AGENT, SYSTEM, BOT }

    /** A source of a bot line: title and path of the public page. */
    record Link(String title, String url) {}

    StreamEntry {
        links = links == null ? List.of() : List.copyOf(links);
    }

    StreamEntry(UUID id, long seq, Kind kind, String clientId, UUID authorStaffId, String body, String event, Instant at) {
        this(id, seq, kind, clientId, authorStaffId, body, event, at, List.of());
    }
}
