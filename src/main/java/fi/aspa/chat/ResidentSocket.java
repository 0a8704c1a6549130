package fi.aspa.chat;

import fi.aspa.platform.AspaException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;

/**
 * {@code /chat/socket}, the resident's side. The first frame is {@code hello} with the chat's resume token and the
 * last sequence number seen ({@code lastSeq}, 0 for none); then {@code send} (clientId, body), {@code typing},
 * {@code read} (seq), {@code end}, {@code leave} (leave the chat as a message), {@code ping}. A {@code send} is
 * answered with {@code ack} (clientId, id, seq) only once the line is stored, or with an {@code error} frame: over an
 * allowance ({@link ChatRateLimits}) its code is {@code rate-limited} with {@code retryAfter} in seconds, and the
 * line is not stored. {@code typing} and {@code read} count against the chat's allowance of signals, which the HTTP
 * fallback's shares; over it the signal is not passed on and the answer is the same error frame.
 */
@Component
class ResidentSocket extends JsonSocket {
    private final ChatService service;
    private final ChatHub hub;
    private final ChatFanout fanout;
    private final ChatRateLimits limits;

    ResidentSocket(Frames frames, ChatSettings settings, ChatService service, ChatHub hub, ChatFanout fanout,
                   ChatRateLimits limits) {
        super(frames, settings);
        this.service = service;
        this.hub = hub;
        this.fanout = fanout;
        this.limits = limits;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Peer peer = new Peer(session, Peer.Side.RESIDENT, null, null);
        peer.clientAddress = (String) session.getAttributes().get(ClientAddress.ATTRIBUTE);
        session.getAttributes().put(PEER, peer);
    }

    @Override
    void frame(Peer peer, String type, JsonNode frame) {
        if (type.equals("ping")) {
            send(peer, Frames.frame("pong"));
            return;
        }
        if (type.equals("hello")) {
            hello(peer, frame);
            return;
        }
        ChatSession chat = peer.chat;
        if (chat == null) throw AspaException.conflict("hello-first", "Say hello with the chat's token first");
        switch (type) {
            case "send" -> {
                ChatService.Ack ack = service.residentSend(chat, text(frame, "clientId"), text(frame, "body"), peer.clientAddress);
                send(peer, Frames.ack(ack, null));
            }
            case "typing" -> {
                limits.signal(chat.id(), chat.language());
                hub.ephemeral(new ChatSignal(ChatSignal.Type.TYPING, chat.organizationId().value(), chat.id(), 0, "r"), fanout);
            }
            case "read" -> {
                long seq = number(frame, "seq");
                limits.signal(chat.id(), chat.language());
                hub.ephemeral(new ChatSignal(ChatSignal.Type.READ, chat.organizationId().value(), chat.id(), seq, "r"), fanout);
            }
            case "end" -> service.residentEnd(chat);
            case "leave" -> service.residentLeaveAsMessage(chat);
            default -> throw AspaException.invalid("unknown-type", "Unknown frame type");
        }
    }

    private void hello(Peer peer, JsonNode frame) {
        if (peer.chat != null) throw AspaException.conflict("already-hello", "This connection already belongs to a chat");
        ChatSession chat = service.byToken(text(frame, "token"))
                .orElseThrow(() -> new AspaException(org.springframework.http.HttpStatus.NOT_FOUND, "unknown-chat", "No such chat"));
        long lastSeq = number(frame, "lastSeq");
        peer.chat = chat;
        peer.organizationId = chat.organizationId().value();
        peer.sessionId = chat.id();
        hub.connected(peer);
        Map<String, Object> welcome = Frames.frame("welcome");
        welcome.put("session", chat.id().toString());
        welcome.put("state", chat.state().name().toLowerCase());
        welcome.put("lastSeq", chat.lastSeq());
        welcome.put("bot", chat.botActive());
        if (chat.caseReference() != null) welcome.put("reference", chat.caseReference());
        send(peer, welcome);
        hub.subscribe(peer, chat.id(), Math.min(lastSeq, chat.lastSeq()));
        if (chat.state() == ChatSession.State.WAITING || chat.state() == ChatSession.State.NEW) hub.sendQueue(peer);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Peer peer = (Peer) session.getAttributes().get(PEER);
        if (peer != null && peer.organizationId != null) hub.disconnected(peer);
    }
}
