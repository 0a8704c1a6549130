package fi.aspa.chat;

import java.util.UUID;

/**
 * What one node tells the others about a chat: ids and small facts only, never text. The receiver reads what it
 * needs from the database, so a signal can be lost or repeated without losing or repeating a message.
 *
 * @param type what happened
 * @param organizationId the organization
 * @param sessionId the chat, or null for {@link Type#QUEUE}
 * @param seq the sequence number the stream has reached ({@link Type#MESSAGE}), or was read up to ({@link Type#READ})
 * @param by {@code r} resident, {@code a} agent: who is typing or read
 */
record ChatSignal(Type type, UUID organizationId, UUID sessionId, long seq, String by) {

    enum Type {
        /** The session's stream has new entries up to {@code seq}. */
        MESSAGE,
        /** Someone is typing (not stored). */
        TYPING,
        /** Someone has read up to {@code seq} (not stored). */
        READ,
        /** The organization's queue or agent availability changed. */
        QUEUE,
        /** This node may have missed signals (its listening connection was lost): re-read everything. */
        RESYNC
    }

    static ChatSignal message(UUID organization, UUID session, long seq) {
        return new ChatSignal(Type.MESSAGE, organization, session, seq, null);
    }

    static ChatSignal queue(UUID organization) {
        return new ChatSignal(Type.QUEUE, organization, null, 0, null);
    }

    /** {@code M|org|session|seq|by}: well under PostgreSQL's 8000-byte NOTIFY payload. */
    String encode() {
        return type.name().charAt(0) + "|" + organizationId + "|" + (sessionId == null ? "" : sessionId) + "|" + seq + "|"
                + (by == null ? "" : by);
    }

    static ChatSignal decode(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 5) throw new IllegalArgumentException("bad chat signal");
        Type type = switch (parts[0]) {
            case "M" -> Type.MESSAGE;
            case "T" -> Type.TYPING;
            case "R" -> Type.READ;
            case "Q" -> Type.QUEUE;
            default -> throw new IllegalArgumentException("bad chat signal type");
        };
        return new ChatSignal(type, UUID.fromString(parts[1]), parts[2].isEmpty() ? null : UUID.fromString(parts[2]),
                Long.parseLong(parts[3]), parts[4].isEmpty() ? null : parts[4]);
    }
}
