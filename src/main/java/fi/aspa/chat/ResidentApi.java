package fi.aspa.chat;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget's HTTP side: its texts and the chat's state, starting a chat, the contact form it becomes, and the
 * same conversation as over the socket for networks that block WebSocket: POST a line (answered with the same
 * ack), long-poll for what came after a sequence number. The resume token travels in {@code X-Aspa-Chat-Token}.
 * Errors are problem+json with a stable code; over an allowance ({@link ChatRateLimits}: chats started and messages
 * left per client address, lines and typing/read signals per chat, the chatbot's answers per address) 429 with {@code Retry-After}, the
 * seconds also as {@code retryAfter}, and the detail in the chat's language.
 */
@RestController
class ResidentApi {
    static final String TOKEN = "X-Aspa-Chat-Token";
    private static final String TEXT_PREFIX = "chat.widget.";

    private final ChatService service;
    private final ChatHub hub;
    private final ChatFanout fanout;
    private final ChatSettings settings;
    private final ChatRateLimits limits;
    private final MessageSource messages;
    private final List<String> widgetKeys;

    ResidentApi(ChatService service, ChatHub hub, ChatFanout fanout, ChatSettings settings, ChatRateLimits limits,
                MessageSource messages) throws IOException {
        this.service = service;
        this.limits = limits;
        this.hub = hub;
        this.fanout = fanout;
        this.settings = settings;
        this.messages = messages;
        Properties fi = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource("i18n/chat_fi.properties").getInputStream(), StandardCharsets.UTF_8)) {
            fi.load(reader);
        }
        this.widgetKeys = new TreeSet<>(fi.stringPropertyNames()).stream().filter(k -> k.startsWith(TEXT_PREFIX)).toList();
    }

    record StartRequest(String organization, String lang, String name, String email, String pageUrl) {}

    record LineRequest(String clientId, String body) {}

    record ReadRequest(Long seq) {}

    record LeaveRequest(String organization, String lang, String clientId, String name, String email, String phone, String body) {}

    /** The widget's texts in its language, whether the chat is open now, and the opening hours in words. */
    @GetMapping("/chat/api/status")
    Map<String, Object> status(@RequestParam(required = false) String organization, @RequestParam(required = false) String lang) {
        OrganizationId org = service.organization(organization);
        Language language = Language.parse(lang).orElse(Language.FI);
        ChatService.Availability availability = service.availability(org);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("availability", availability.state().name().toLowerCase());
        body.put("hours", availability.hours().describe(language.locale()));
        body.put("maxMessageChars", settings.maxMessageChars());
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : widgetKeys) texts.put(key.substring(TEXT_PREFIX.length()), messages.getMessage(key, null, language.locale()));
        body.put("texts", texts);
        return body;
    }

    /** Starts a chat; counted against the client address's allowance first (429 over it, nothing made). */
    @PostMapping("/chat/api/sessions")
    ResponseEntity<Map<String, Object>> start(@RequestBody StartRequest request, HttpServletRequest http) {
        OrganizationId org = service.organization(request.organization());
        Language language = Language.parse(request.lang()).orElse(Language.FI);
        limits.session(http.getRemoteAddr(), language);
        ChatService.Started started = service.start(org, language, request.name(), request.email(), request.pageUrl());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", started.sessionId().toString());
        body.put("token", started.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @PostMapping("/chat/api/session/messages")
    Map<String, Object> send(@RequestHeader(name = TOKEN, required = false) String token, @RequestBody LineRequest request,
                             HttpServletRequest http) {
        ChatSession chat = chat(token);
        return Frames.ack(service.residentSend(chat, request.clientId(), request.body(), http.getRemoteAddr()), null);
    }

    /**
     * Long polling: what came after {@code after}, waiting up to {@code wait} seconds for something to come. Also
     * the chat's state and, while it waits, its place in the queue.
     */
    @GetMapping("/chat/api/session/events")
    Map<String, Object> events(@RequestHeader(name = TOKEN, required = false) String token,
                               @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "25") int wait) {
        ChatSession chat = chat(token);
        List<Map<String, Object>> out = new ArrayList<>();
        CompletableFuture<ChatSignal> next = hub.waitFor(chat.id());
        try {
            List<StreamEntry> entries = service.after(chat.organizationId(), chat.id(), Math.max(0, after), 200);
            long seconds = Math.clamp(wait, 0, settings.longPoll().toSeconds());
            if (entries.isEmpty() && seconds > 0 && chat.state().open()) {
                ChatSignal signal = await(next, seconds);
                if (signal != null && signal.type() != ChatSignal.Type.MESSAGE && "a".equals(signal.by())) {
                    out.add(Frames.ephemeral(signal));
                }
                entries = service.after(chat.organizationId(), chat.id(), Math.max(0, after), 200);
            }
            for (StreamEntry e : entries) out.add(Frames.message(chat.id(), e, Peer.Side.RESIDENT));
        } finally {
            next.cancel(false);
        }
        ChatSession now = service.session(chat.organizationId(), chat.id()).orElse(chat);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", now.state().name().toLowerCase());
        body.put("lastSeq", now.lastSeq());
        body.put("bot", now.botActive());
        if (now.caseReference() != null) body.put("reference", now.caseReference());
        if (now.state() == ChatSession.State.WAITING) body.put("queue", Frames.queue(service.queue(now.organizationId()), now.id()));
        body.put("frames", out);
        return body;
    }

    /** "The resident is typing" to the agents; counted against the chat's allowance of signals (429 over it). */
    @PostMapping("/chat/api/session/typing")
    ResponseEntity<Void> typing(@RequestHeader(name = TOKEN, required = false) String token) {
        ChatSession chat = chat(token);
        limits.signal(chat.id(), chat.language());
        fanout.publish(new ChatSignal(ChatSignal.Type.TYPING, chat.organizationId().value(), chat.id(), 0, "r"));
        return ResponseEntity.noContent().build();
    }

    /** "The resident has read up to seq" to the agents; the same allowance as typing. */
    @PostMapping("/chat/api/session/read")
    ResponseEntity<Void> read(@RequestHeader(name = TOKEN, required = false) String token, @RequestBody ReadRequest request) {
        ChatSession chat = chat(token);
        if (request.seq() == null || request.seq() < 0) throw AspaException.invalid("bad-field", "seq must be a whole number >= 0", "seq");
        limits.signal(chat.id(), chat.language());
        fanout.publish(new ChatSignal(ChatSignal.Type.READ, chat.organizationId().value(), chat.id(), request.seq(), "r"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/chat/api/session/end")
    ResponseEntity<Void> end(@RequestHeader(name = TOKEN, required = false) String token) {
        service.residentEnd(chat(token));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/chat/api/session/leave")
    ResponseEntity<Void> leave(@RequestHeader(name = TOKEN, required = false) String token) {
        service.residentLeaveAsMessage(chat(token));
        return ResponseEntity.noContent().build();
    }

    /** The contact form of a closed chat: the message becomes a case (CHAT, NEW, tagged left-message). */
    @PostMapping("/chat/api/messages")
    ResponseEntity<Map<String, Object>> leaveMessage(@RequestBody LeaveRequest request, HttpServletRequest http) {
        OrganizationId org = service.organization(request.organization());
        ChatService.LeftMessage left = service.leaveMessage(org, Language.parse(request.lang()).orElse(Language.FI),
                request.clientId(), request.name(), request.email(), request.phone(), request.body(), http.getRemoteAddr());
        return ResponseEntity.status(left.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(Map.of("reference", left.reference()));
    }

    private ChatSession chat(String token) {
        return service.byToken(token).orElseThrow(() -> new AspaException(HttpStatus.NOT_FOUND, "unknown-chat", "No such chat"));
    }

    private static ChatSignal await(CompletableFuture<ChatSignal> future, long seconds) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
