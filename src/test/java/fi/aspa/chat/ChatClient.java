package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every frame it receives, for the chat tests. */
final class ChatClient implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    volatile boolean closed;
    volatile int closeCode;

    private ChatClient(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects from a loopback address of its own ({@link ChatHttp#newAddress()}). */
    static ChatClient connect(int port, String path, String cookie) {
        return connect(port, path, cookie, ChatHttp.newAddress());
    }

    /** Connects from the given loopback address (per-address allowances are counted by it). */
    static ChatClient connect(int port, String path, String cookie, String address) {
        Holder holder = new Holder();
        WebSocket.Builder builder = HttpClient.newBuilder().localAddress(ChatHttp.inet(address)).build()
                .newWebSocketBuilder().connectTimeout(WAIT);
        if (cookie != null) builder.header("Cookie", cookie);
        WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), holder).join();
        ChatClient client = new ChatClient(socket);
        synchronized (holder) {
            holder.client = client;
            holder.pending.forEach(client.inbox::add);
        }
        return client;
    }

    private static final class Holder implements WebSocket.Listener {
        volatile ChatClient client;
        final List<JsonNode> pending = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode node = JSON.readTree(text.toString());
                text.setLength(0);
                synchronized (this) {
                    if (client == null) pending.add(node); else client.inbox.add(node);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (client != null) {
                client.closed = true;
                client.closeCode = statusCode;
            }
            return null;
        }
    }

    ChatClient send(Map<String, ?> frame) {
        return sendRaw(JSON.writeValueAsString(frame));
    }

    ChatClient sendRaw(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame (in arrival order, skipping none) that matches; fails after a generous wait. */
    JsonNode await(String description, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                assertThat(frame).as("waited for " + description + "; got " + seen).isNotNull();
                seen.add(frame);
                if (match.test(frame)) return frame;
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitType(String type) {
        return await(type, f -> f.path("type").asString().equals(type));
    }

    JsonNode awaitMessage(long seq) {
        return await("message " + seq, f -> f.path("type").asString().equals("message") && f.path("seq").asLong() == seq);
    }

    /** Frames already received and not yet taken, without waiting. */
    List<JsonNode> drain() {
        List<JsonNode> frames = new ArrayList<>();
        inbox.drainTo(frames);
        seen.addAll(frames);
        return frames;
    }

    /** Closes abruptly, as when a network drops. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
}
