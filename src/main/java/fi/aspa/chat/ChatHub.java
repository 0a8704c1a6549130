package fi.aspa.chat;

import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's live connections and what they are subscribed to. A {@link ChatSignal} from any node (through
 * {@link ChatFanout}) makes the hub read the chat's new stream entries from the database once and send each
 * subscriber those after the last one it got: in order, each exactly once per connection. A reconnecting client
 * names the last sequence number it saw and so gets what it missed. Long-polling requests wait here too.
 */
@Component
class ChatHub implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ChatHub.class);
    private static final int BATCH = 200;

    private final ChatService service;
    private final Frames frames;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<UUID, Subscribers> bySession = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Peer>> peersByOrganization = new ConcurrentHashMap<>();
    private final Map<UUID, Coalescing> queueUpdates = new ConcurrentHashMap<>();
    private final Map<UUID, Set<CompletableFuture<ChatSignal>>> waiters = new ConcurrentHashMap<>();

    ChatHub(ChatService service, Frames frames, ChatFanout fanout) {
        this.service = service;
        this.frames = frames;
        fanout.subscribe(this::onSignal);
    }

    /** One connection's interest in one chat, and the last entry it was sent. */
    static final class Subscriber {
        final Peer peer;
        volatile long lastSeq;

        Subscriber(Peer peer, long lastSeq) {
            this.peer = peer;
            this.lastSeq = lastSeq;
        }
    }

    private static final class Subscribers {
        final OrganizationId organization;
        final Set<Subscriber> all = new CopyOnWriteArraySet<>();

        Subscribers(OrganizationId organization) {
            this.organization = organization;
        }

        final Coalescing delivery = new Coalescing();
    }

    // ---------------------------------------------------------------- connections

    void connected(Peer peer) {
        peersByOrganization.computeIfAbsent(peer.organizationId, k -> ConcurrentHashMap.newKeySet()).add(peer);
    }

    /** Subscribes a connection to a chat from {@code afterSeq} on and sends it what it has not seen. */
    void subscribe(Peer peer, UUID sessionId, long afterSeq) {
        Subscribers subs = bySession.compute(sessionId, (k, v) -> {
            Subscribers s = v == null ? new Subscribers(new OrganizationId(peer.organizationId)) : v;
            s.all.removeIf(x -> x.peer == peer);
            s.all.add(new Subscriber(peer, Math.max(0, afterSeq)));
            return s;
        });
        peer.subscriptions.add(sessionId);
        subs.delivery.request(executor, () -> deliver(sessionId));
    }

    void unsubscribe(Peer peer, UUID sessionId) {
        peer.subscriptions.remove(sessionId);
        bySession.computeIfPresent(sessionId, (k, v) -> {
            v.all.removeIf(x -> x.peer == peer);
            return v.all.isEmpty() ? null : v;
        });
    }

    void disconnected(Peer peer) {
        Set<Peer> peers = peersByOrganization.get(peer.organizationId);
        if (peers != null) peers.remove(peer);
        for (UUID sessionId : List.copyOf(peer.subscriptions)) unsubscribe(peer, sessionId);
    }

    /** Ephemeral signals (typing, read) that come from this node's connections. */
    void ephemeral(ChatSignal signal, ChatFanout fanout) {
        fanout.publish(signal);
    }

    /** Sends a resident's connection its place in the queue now (after hello). */
    void sendQueue(Peer peer) {
        executor.execute(() -> {
            ChatService.QueueStatus status = service.queue(new OrganizationId(peer.organizationId));
            sendQueue(peer, status);
        });
    }

    // ---------------------------------------------------------------- long polling

    /** Waits for the next signal about the chat, or times out with null. Register before reading the database. */
    CompletableFuture<ChatSignal> waitFor(UUID sessionId) {
        CompletableFuture<ChatSignal> future = new CompletableFuture<>();
        waiters.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet()).add(future);
        future.whenComplete((v, e) -> {
            Set<CompletableFuture<ChatSignal>> set = waiters.get(sessionId);
            if (set != null) {
                set.remove(future);
                waiters.computeIfPresent(sessionId, (k, s) -> s.isEmpty() ? null : s);
            }
        });
        return future;
    }

    // ---------------------------------------------------------------- signals

    void onSignal(ChatSignal signal) {
        switch (signal.type()) {
            case MESSAGE -> {
                Subscribers subs = bySession.get(signal.sessionId());
                if (subs != null) subs.delivery.request(executor, () -> deliver(signal.sessionId()));
                wake(signal);
            }
            case TYPING, READ -> {
                Subscribers subs = bySession.get(signal.sessionId());
                if (subs != null) {
                    Peer.Side to = "a".equals(signal.by()) ? Peer.Side.RESIDENT : Peer.Side.AGENT;
                    String frame = frames.write(Frames.ephemeral(signal));
                    for (Subscriber s : subs.all) {
                        if (s.peer.side == to) executor.execute(() -> s.peer.send(frame));
                    }
                }
                if ("a".equals(signal.by())) wake(signal);
            }
            case QUEUE -> queueChanged(signal.organizationId());
            case RESYNC -> {
                bySession.forEach((id, subs) -> subs.delivery.request(executor, () -> deliver(id)));
                peersByOrganization.keySet().forEach(this::queueChanged);
                waiters.keySet().forEach(id -> wake(new ChatSignal(ChatSignal.Type.MESSAGE, null, id, 0, null)));
            }
        }
    }

    private void wake(ChatSignal signal) {
        Set<CompletableFuture<ChatSignal>> set = waiters.get(signal.sessionId());
        if (set == null) return;
        for (CompletableFuture<ChatSignal> f : List.copyOf(set)) f.complete(signal);
    }

    private void deliver(UUID sessionId) {
        Subscribers subs = bySession.get(sessionId);
        if (subs == null) return;
        // Only the subscribers there before the read: one added meanwhile is served by the next run.
        List<Subscriber> snapshot = List.copyOf(subs.all);
        if (snapshot.isEmpty()) return;
        long from = snapshot.stream().mapToLong(s -> s.lastSeq).min().orElse(0);
        while (true) {
            List<StreamEntry> entries = service.after(subs.organization, sessionId, from, BATCH);
            if (entries.isEmpty()) return;
            for (Subscriber s : snapshot) {
                for (StreamEntry e : entries) {
                    // Sequence numbers are dense: never skip one, never repeat one.
                    if (e.seq() != s.lastSeq + 1) continue;
                    s.peer.send(frames.write(Frames.message(sessionId, e, s.peer.side)));
                    s.lastSeq = e.seq();
                }
            }
            if (entries.size() < BATCH) return;
            from = entries.getLast().seq();
        }
    }

    private void queueChanged(UUID organizationId) {
        if (organizationId == null) return;
        Set<Peer> peers = peersByOrganization.get(organizationId);
        if (peers == null || peers.isEmpty()) return;
        queueUpdates.computeIfAbsent(organizationId, k -> new Coalescing()).request(executor, () -> {
            Set<Peer> now = peersByOrganization.get(organizationId);
            if (now == null || now.isEmpty()) return;
            ChatService.QueueStatus status = null;
            String agentFrame = frames.write(Frames.frame("queue"));
            for (Peer peer : now) {
                if (peer.side == Peer.Side.AGENT) {
                    peer.send(agentFrame);
                } else if (peer.sessionId != null) {
                    if (status == null) status = service.queue(new OrganizationId(organizationId));
                    sendQueue(peer, status);
                }
            }
        });
    }

    private void sendQueue(Peer peer, ChatService.QueueStatus status) {
        String frame = frames.write(Frames.queue(status, peer.sessionId));
        if (frame.equals(peer.lastQueueFrame)) return;
        peer.lastQueueFrame = frame;
        peer.send(frame);
    }

    // ---------------------------------------------------------------- housekeeping

    /** Keeps connected agents present, and residents' queue view current as presence and hours change. */
    @Scheduled(fixedDelayString = "${aspa.chat.heartbeat:20s}", initialDelayString = "${aspa.chat.heartbeat:20s}")
    void heartbeat() {
        try {
            peersByOrganization.forEach((org, peers) -> {
                List<UUID> agents = new ArrayList<>();
                peers.forEach(p -> {
                    if (p.side == Peer.Side.AGENT && p.isOpen()) agents.add(p.staffId);
                });
                if (!agents.isEmpty()) service.seen(new OrganizationId(org), agents);
            });
            peersByOrganization.keySet().forEach(this::queueChanged);
        } catch (RuntimeException e) {
            log.warn("Chat heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
