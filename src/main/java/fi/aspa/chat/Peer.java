package fi.aspa.chat;

import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One WebSocket connection, of a resident (bound to one chat after its hello) or of an agent (one staff member,
 * any number of chats). Sending is thread-safe: frames of different chats may be sent from different threads.
 */
final class Peer {
    private static final Logger log = LoggerFactory.getLogger(Peer.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;
    private static final double BURST = 40;
    private static final double PER_SECOND = 10;

    enum Side { RESIDENT, AGENT }

    private final WebSocketSession socket;
    final Side side;
    volatile UUID organizationId;
    /** The resident's chat once it said hello; null for agents. */
    volatile UUID sessionId;
    /** The agent; null for residents. */
    final UUID staffId;
    /** The chats this connection is subscribed to. */
    final java.util.Set<UUID> subscriptions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The chats whose view by this agent's connection is in the personal-data access log (see {@link AgentSocket}). */
    final java.util.Set<UUID> viewed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The resident's chat as it was at hello (its id and organization are what count). */
    volatile ChatSession chat;
    /** The client address of the handshake (a resident's allowances are per address); null for agents. */
    volatile String clientAddress;
    private double tokens = BURST;
    private long refilledAt = System.nanoTime();
    /** The last queue frame sent to a resident, not to repeat an unchanged one. */
    volatile String lastQueueFrame;

    Peer(WebSocketSession socket, Side side, UUID organizationId, UUID staffId) {
        this.socket = new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.side = side;
        this.organizationId = organizationId;
        this.staffId = staffId;
    }

    /** A token bucket: bursts of {@value #BURST} frames, {@value #PER_SECOND} a second on average. */
    synchronized boolean allowFrame() {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - refilledAt) / 1e9 * PER_SECOND);
        refilledAt = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    String id() {
        return socket.getId();
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    void send(String json) {
        if (!socket.isOpen()) return;
        try {
            socket.sendMessage(new TextMessage(json));
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not send to chat connection {}: {}", socket.getId(), e.getMessage());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | IllegalStateException ignored) {
            // already closed
        }
    }
}
