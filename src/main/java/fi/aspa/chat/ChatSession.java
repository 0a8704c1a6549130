package fi.aspa.chat;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * One resident conversation as this module stores it. The case holds the record; this is the channel's state.
 * {@code botActive}: the conversation is still with the bot (state NEW, no case yet); {@code pageUrl}: the page the
 * resident opened the chat on.
 */
record ChatSession(UUID id, OrganizationId organizationId, State state, Language language, String residentName,
                   String residentEmail, UUID caseId, String caseReference, UUID customerId, UUID unitId, UUID agentId,
                   long lastSeq, Instant createdAt, Instant queuedAt, Instant acceptedAt, boolean botActive, String pageUrl) {

    enum State {
        /** Started, nothing written yet: no case. */
        NEW,
        /** The case exists; in the queue waiting for an agent. */
        WAITING,
        /** An agent has it. */
        ACTIVE,
        /** Ended by the agent or the resident. */
        CLOSED,
        /** Became a message (outside opening hours or nobody available); the case waits in the normal queues. */
        LEFT_MESSAGE;

        boolean open() {
            return this == NEW || this == WAITING || this == ACTIVE;
        }
    }
}
