package fi.aspa.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON frames of the chat protocol, the same over WebSocket and over HTTP. Every frame has a {@code type}.
 * Server to client: {@code welcome}, {@code message}, {@code ack}, {@code typing}, {@code read}, {@code queue},
 * {@code error}, {@code pong}.
 */
@Component
class Frames {
    private final JsonMapper json;

    Frames(JsonMapper json) {
        this.json = json;
    }

    String write(Map<String, ?> frame) {
        return json.writeValueAsString(frame);
    }

    JsonMapper json() {
        return json;
    }

    static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        return frame;
    }

    /** A stream entry as the given side sees it: the sender's own client id only goes back to the same side. */
    static Map<String, Object> message(UUID sessionId, StreamEntry e, Peer.Side side) {
        Map<String, Object> f = frame("message");
        f.put("session", sessionId.toString());
        f.put("seq", e.seq());
        f.put("id", e.id().toString());
        f.put("from", e.kind().name().toLowerCase());
        if (e.clientId() != null) {
            boolean own = (side == Peer.Side.RESIDENT && e.clientId().startsWith("r:"))
                    || (side == Peer.Side.AGENT && e.clientId().startsWith("a:"));
            if (own) f.put("clientId", e.clientId().substring(2));
        }
        if (e.event() != null) f.put("event", e.event());
        if (e.body() != null) f.put("body", e.body());
        if (!e.links().isEmpty()) {
            f.put("links", e.links().stream().map(l -> Map.of("title", l.title(), "url", l.url())).toList());
        }
        if (side == Peer.Side.AGENT && e.authorStaffId() != null) f.put("author", e.authorStaffId().toString());
        f.put("at", e.at().toString());
        return f;
    }

    static Map<String, Object> ack(ChatService.Ack ack, UUID sessionId) {
        Map<String, Object> f = frame("ack");
        f.put("clientId", ack.clientId());
        f.put("id", ack.id().toString());
        f.put("seq", ack.seq());
        if (ack.reference() != null) f.put("reference", ack.reference());
        if (sessionId != null) f.put("session", sessionId.toString());
        return f;
    }

    static Map<String, Object> error(String code, String message, String clientId) {
        Map<String, Object> f = frame("error");
        f.put("code", code);
        if (message != null) f.put("message", message);
        if (clientId != null) f.put("clientId", clientId);
        return f;
    }

    static Map<String, Object> queue(ChatService.QueueStatus status, UUID sessionId) {
        Map<String, Object> f = frame("queue");
        Integer position = sessionId == null ? null : status.positions().get(sessionId);
        if (position != null) f.put("position", position);
        f.put("averageWaitMinutes", status.averageWaitMinutes());
        f.put("availability", status.availability().state().name().toLowerCase());
        return f;
    }

    static Map<String, Object> ephemeral(ChatSignal signal) {
        Map<String, Object> f = frame(signal.type() == ChatSignal.Type.TYPING ? "typing" : "read");
        f.put("session", signal.sessionId().toString());
        f.put("by", "a".equals(signal.by()) ? "agent" : "resident");
        if (signal.type() == ChatSignal.Type.READ) f.put("seq", signal.seq());
        return f;
    }
}
