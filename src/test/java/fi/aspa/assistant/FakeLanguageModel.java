package fi.aspa.assistant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The third party, and only it, mocked: an OpenAI-compatible chat-completions endpoint on this machine
 * ({@code POST /v1/chat/completions}) that answers what the test tells it to and records every request.
 */
public final class FakeLanguageModel implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the endpoint answers. */
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** One request as received. */
    public record Request(String method, String path, String authorization, String contentType, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answer answer = reply("Vastaus [1]");

    public FakeLanguageModel() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
                answer.answer(exchange);
            } catch (IOException e) {
                // the client gave up (timeout): nothing to answer
            }
        });
        server.start();
    }

    /** The base address to configure: {@code http://127.0.0.1:{port}}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeLanguageModel answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    /** A well-formed chat completion whose message is {@code content}. */
    public static Answer reply(String content) {
        return exchange -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "test-model");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            send(exchange, 200, JSON.writeValueAsString(body));
        };
    }

    /** A well-formed completion cut off at {@code max_tokens}. */
    public static Answer cutOff(String content) {
        return exchange -> {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "length");
            choice.putObject("message").put("role", "assistant").put("content", content);
            send(exchange, 200, JSON.writeValueAsString(body));
        };
    }

    public static Answer status(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    public static Answer raw(String body) {
        return exchange -> send(exchange, 200, body);
    }

    /** Answers only after {@code millis} (longer than the configured timeout). */
    public static Answer slow(long millis, Answer then) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.answer(exchange);
        };
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
