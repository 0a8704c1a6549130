package fi.aspa.assistant;

import fi.aspa.platform.Language;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phrases an answer the bot has already decided to give with an organization's OpenAI-compatible endpoint
 * ({@code POST {base}/v1/chat/completions}), grounded only in the sources given: the system prompt forbids anything
 * not in them, asks for the resident's language and for citations {@code [1]}, {@code [2]}. The request carries the
 * question (personal data already stripped by the caller) and the sources, nothing else. The reply is used only when
 * {@link #check} accepts it; anything else (time out, HTTP error, malformed JSON, a cut-off or uncited reply, a
 * citation of a source not given, a link) gives empty, and the bot quotes the source as it would without a model.
 */
@Component
class LanguageModel implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LanguageModel.class);
    /** The longest phrased answer shown; a longer one is not a short answer from the sources. */
    static final int MAX_ANSWER = 1500;
    /** A source's text sent at most (an article is rarely longer). */
    static final int MAX_SOURCE = 6000;
    /** The response body read at most. */
    static final int MAX_RESPONSE = 256 * 1024;
    private static final Pattern CITATION = Pattern.compile("\\[\\s*(\\d+(?:\\s*[,;–-]\\s*\\d+)*)\\s*]");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern LINK = Pattern.compile("(?i)(https?://|www\\.)");

    /** One source the answer may use: a public article or service description the bot retrieved. */
    record Source(String id, String title, String url, String text) {}

    /** The result of a connection test, for the admin page. */
    enum Probe { OK, UNREACHABLE, TIMEOUT, HTTP_ERROR, MALFORMED }

    private final JsonMapper json;
    private final HttpClient http;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    LanguageModel(JsonMapper json) {
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .executor(calls).build();
    }

    /** The phrased answer, or empty when the endpoint gives none that passes {@link #check}. */
    Optional<String> phrase(LanguageModelSettings settings, Language language, String question, List<Source> sources) {
        if (!settings.usable() || sources.isEmpty()) return Optional.empty();
        try {
            JsonNode reply = call(settings, request(settings, language, question, sources));
            JsonNode choice = reply.path("choices").path(0);
            if ("length".equals(choice.path("finish_reason").asString(""))) return Optional.empty();
            JsonNode content = choice.path("message").path("content");
            if (!content.isString()) return Optional.empty();
            return check(content.asString(), sources.size());
        } catch (Failure e) {
            log.info("Language model not used for an answer: {}", e.probe);
            return Optional.empty();
        }
    }

    /** A short request with a harmless question: does the endpoint answer in the chat-completions format? */
    Probe probe(LanguageModelSettings settings) {
        if (settings.baseUrl().isBlank() || settings.model().isBlank()) return Probe.UNREACHABLE;
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", 5);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", "Reply with: OK");
        try {
            JsonNode reply = call(settings, body);
            return reply.path("choices").path(0).path("message").path("content").isString() ? Probe.OK : Probe.MALFORMED;
        } catch (Failure e) {
            return e.probe;
        }
    }

    /**
     * The text when it is an answer from the sources: not blank, at most {@link #MAX_ANSWER} characters, citing at
     * least one source and only the sources {@code 1…sources}, with no link (the sources are shown as links beside it).
     */
    static Optional<String> check(String content, int sources) {
        if (content == null) return Optional.empty();
        String text = content.replaceAll("[\\p{Cc}&&[^\\n]]", "").strip();
        if (text.isEmpty() || text.length() > MAX_ANSWER) return Optional.empty();
        if (LINK.matcher(text).find()) return Optional.empty();
        Matcher m = CITATION.matcher(text);
        boolean cited = false;
        while (m.find()) {
            Matcher n = NUMBER.matcher(m.group(1));
            while (n.find()) {
                int number;
                try {
                    number = Integer.parseInt(n.group());
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (number < 1 || number > sources) return Optional.empty();
                cited = true;
            }
        }
        return cited ? Optional.of(text) : Optional.empty();
    }

    ObjectNode request(LanguageModelSettings settings, Language language, String question, List<Source> sources) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", 0);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt(language));
        messages.addObject().put("role", "user").put("content", userMessage(question, sources));
        return body;
    }

    static String systemPrompt(Language language) {
        String name = switch (language) {
            case FI -> "Finnish";
            case SV -> "Swedish";
            case EN -> "English";
        };
        return """
                You phrase the answers of the customer service chatbot of a Finnish public-sector organization.
                Answer the resident's question using ONLY the numbered sources in the user's message. Do not add any \
                fact, number, date, name, link, contact detail or advice that is not in the sources, and do not use \
                your own knowledge. Cite the source of every statement with its number in square brackets, like [1]; \
                cite only the numbers given. If the sources do not answer the question, say so briefly and cite the \
                closest source. Write in %s, in plain text without Markdown or links, in at most five sentences. \
                Never ask for personal data.""".formatted(name);
    }

    static String userMessage(String question, List<Source> sources) {
        StringBuilder out = new StringBuilder("Sources:\n");
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String text = s.text() == null ? "" : s.text().strip();
            if (text.length() > MAX_SOURCE) text = text.substring(0, MAX_SOURCE);
            out.append("\n[").append(i + 1).append("] ").append(s.title().strip())
                    .append("\nid: ").append(s.id())
                    .append("\nurl: ").append(s.url())
                    .append("\ntext:\n").append(text).append('\n');
        }
        out.append("\nQuestion: ").append(question);
        return out.toString();
    }

    /** The endpoint of a base address: {@code {base}/v1/chat/completions}. */
    static URI endpoint(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/v1/chat/completions");
    }

    private JsonNode call(LanguageModelSettings settings, ObjectNode body) throws Failure {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(endpoint(settings.baseUrl()));
        } catch (IllegalArgumentException e) {
            throw new Failure(Probe.UNREACHABLE);
        }
        Duration timeout = Duration.ofMillis(settings.timeoutMs());
        request.timeout(timeout).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        if (settings.hasKey()) request.header("Authorization", "Bearer " + settings.apiKey());
        HttpRequest built = request.build();
        // the whole exchange, reading the body included, within the timeout
        Future<byte[]> exchange = calls.submit(() -> {
            HttpResponse<InputStream> response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) throw new Failure(Probe.HTTP_ERROR);
                byte[] bytes = in.readNBytes(MAX_RESPONSE + 1);
                if (bytes.length > MAX_RESPONSE) throw new Failure(Probe.MALFORMED);
                return bytes;
            }
        });
        byte[] bytes;
        try {
            bytes = exchange.get(settings.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Failure(Probe.TIMEOUT);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(Probe.TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure f) throw f;
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) throw new Failure(Probe.TIMEOUT);
            throw new Failure(Probe.UNREACHABLE);
        }
        try {
            JsonNode node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) throw new Failure(Probe.MALFORMED);
            return node;
        } catch (JacksonException e) {
            throw new Failure(Probe.MALFORMED);
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }

    /** Why the endpoint gave no usable reply. */
    static final class Failure extends Exception {
        final Probe probe;

        Failure(Probe probe) {
            super(probe.name().toLowerCase(Locale.ROOT), null, false, false);
            this.probe = probe;
        }
    }
}
