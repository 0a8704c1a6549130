package fi.aspa.chat;

import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.OrganizationId;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;

/**
 * {@code /workspace/chat/socket}, the agent console's side, behind the staff login. Frames: {@code subscribe}
 * (session, lastSeq) to follow a chat from a sequence number on, {@code unsubscribe}, {@code send} (session,
 * clientId, body), {@code typing} (session), {@code read} (session, seq), {@code ping}. The server also sends
 * {@code queue} whenever the organization's queue or the agent's chats changed.
 *
 * <p>A subscription hands the agent the chat's transcript (from {@code lastSeq} on) and every line after it, so it is
 * a view of the customer's personal data by the same rule as the console's page of the chat
 * ({@code GET /workspace/chat/{id}}, {@link ChatConsole#PURPOSE}): whenever the chat has a customer, whoever the agent
 * and whatever the chat's state, one entry in the access log, written before anything is sent. One per chat and
 * connection: the console subscribes again to the same chats after every refresh of its lists, which shows nothing
 * new; a new connection (a reload, a reconnect) is a new view, as a reload of the page is.
 */
@Component
class AgentSocket extends JsonSocket {
    private final ChatService service;
    private final ChatHub hub;
    private final ChatFanout fanout;
    private final PersonalDataLog accessLog;

    AgentSocket(Frames frames, ChatSettings settings, ChatService service, ChatHub hub, ChatFanout fanout,
                PersonalDataLog accessLog) {
        super(frames, settings);
        this.service = service;
        this.hub = hub;
        this.fanout = fanout;
        this.accessLog = accessLog;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        StaffPrincipal me = session.getPrincipal() instanceof Authentication a && a.getPrincipal() instanceof StaffPrincipal p ? p : null;
        if (me == null || !me.has(Role.AGENT)) {
            try {
                session.close(CloseStatus.POLICY_VIOLATION);
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
            return;
        }
        Peer peer = new Peer(session, Peer.Side.AGENT, me.organizationId().value(), me.id());
        session.getAttributes().put(PEER, peer);
        hub.connected(peer);
        service.seen(me.organizationId(), me.id());
    }

    @Override
    void frame(Peer peer, String type, JsonNode frame) {
        OrganizationId org = new OrganizationId(peer.organizationId);
        switch (type) {
            case "ping" -> send(peer, Frames.frame("pong"));
            case "subscribe" -> {
                UUID id = uuid(frame, "session");
                long lastSeq = number(frame, "lastSeq");
                ChatSession chat = service.session(org, id).orElseThrow(() -> AspaException.notFound("Chat"));
                if (chat.customerId() != null && !peer.viewed.contains(id)) {
                    accessLog.record(org, peer.staffId, chat.customerId(), ChatConsole.PURPOSE,
                            "chat " + (chat.caseReference() == null ? id : chat.caseReference()) + " over the console's socket");
                    peer.viewed.add(id);
                }
                hub.subscribe(peer, id, lastSeq);
            }
            case "unsubscribe" -> hub.unsubscribe(peer, uuid(frame, "session"));
            case "send" -> {
                UUID id = uuid(frame, "session");
                ChatService.Ack ack = service.agentSend(org, peer.staffId, id, text(frame, "clientId"), text(frame, "body"));
                send(peer, Frames.ack(ack, id));
            }
            case "typing" -> hub.ephemeral(new ChatSignal(ChatSignal.Type.TYPING, org.value(), mine(org, peer, frame), 0, "a"), fanout);
            case "read" -> hub.ephemeral(new ChatSignal(ChatSignal.Type.READ, org.value(), mine(org, peer, frame),
                    number(frame, "seq"), "a"), fanout);
            default -> throw AspaException.invalid("unknown-type", "Unknown frame type");
        }
    }

    /** Typing and read marks only for the agent's own chats: a colleague reading along stays invisible. */
    private UUID mine(OrganizationId org, Peer peer, JsonNode frame) {
        UUID id = uuid(frame, "session");
        ChatSession chat = service.session(org, id).orElseThrow(() -> AspaException.notFound("Chat"));
        if (!peer.staffId.equals(chat.agentId())) throw AspaException.conflict("chat-not-yours", "This chat is not yours");
        return id;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Peer peer = (Peer) session.getAttributes().get(PEER);
        if (peer != null) hub.disconnected(peer);
    }
}
