package fi.aspa.chat;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.TooManyRequests;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The frame handling both sockets share: a frame that is too large, not JSON, not an object, of an unknown type,
 * too frequent, or refused by the chat gets an {@code error} frame with a stable code, and the connection stays
 * open. Nothing a client sends can end in an unhandled exception.
 */
abstract class JsonSocket extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(JsonSocket.class);
    static final String PEER = "aspa.chat.peer";

    final Frames frames;
    final ChatSettings settings;

    JsonSocket(Frames frames, ChatSettings settings) {
        this.frames = frames;
        this.settings = settings;
    }

    abstract void frame(Peer peer, String type, JsonNode frame);

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Peer peer = (Peer) session.getAttributes().get(PEER);
        if (peer == null) return;
        String payload = message.getPayload();
        String clientId = null;
        try {
            if (payload.length() > settings.maxFrameBytes()) {
                send(peer, Frames.error("too-large", "A frame may be at most " + settings.maxFrameBytes() + " bytes", null));
                return;
            }
            if (!peer.allowFrame()) {
                send(peer, Frames.error("rate-limited", "Too many frames; slow down", null));
                return;
            }
            JsonNode node;
            try {
                node = frames.json().readTree(payload);
            } catch (JacksonException e) {
                send(peer, Frames.error("bad-json", "A frame must be a JSON object", null));
                return;
            }
            if (node == null || !node.isObject() || !node.path("type").isString()) {
                send(peer, Frames.error("bad-frame", "A frame must be a JSON object with a string 'type'", null));
                return;
            }
            clientId = text(node, "clientId");
            frame(peer, node.path("type").asString(), node);
        } catch (TooManyRequests e) {
            Map<String, Object> error = Frames.error(e.code(), e.getMessage(), clientId);
            error.put("retryAfter", e.retryAfterSeconds());
            send(peer, error);
        } catch (AspaException e) {
            send(peer, Frames.error(e.code(), e.getMessage(), clientId));
        } catch (RuntimeException e) {
            log.error("Chat frame failed", e);
            send(peer, Frames.error("internal", "Something went wrong; what was acknowledged is safe. Send again.", clientId));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Chat transport error on {}: {}", session.getId(), exception.getMessage());
    }

    void send(Peer peer, Map<String, ?> frame) {
        peer.send(frames.write(frame));
    }

    /** A string field, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return 0;
        if (!value.isIntegralNumber() || value.asLong() < 0) throw AspaException.invalid("bad-field", field + " must be a whole number >= 0", field);
        return value.asLong();
    }

    static java.util.UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        try {
            if (value == null) throw new IllegalArgumentException();
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw AspaException.invalid("bad-field", field + " must be a chat id", field);
        }
    }
}
