package fi.aspa.chat;

import fi.aspa.platform.Language;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.TooManyRequests;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The public side's allowances ({@link ChatSettings.RateLimit}) over {@link PublicRateLimits}: over one, a
 * {@link TooManyRequests} whose detail is the widget's own text for its code ({@code chat.widget.error.<code>}) in
 * the chat's language, so that the API, the socket's error frame and the widget say the same thing.
 */
@Component
class ChatRateLimits {
    /** Over the budget for starting chats. */
    static final String TOO_MANY_CHATS = "too-many-chats";
    /** Over the budget for messages left through the widget's contact form. */
    static final String TOO_MANY_MESSAGES = "too-many-messages";
    /** Over a chat's budget for lines or for typing and read signals, or the address's budget for the chatbot's answers. */
    static final String RATE_LIMITED = "rate-limited";

    private final PublicRateLimits limits;
    private final ChatSettings.RateLimit settings;
    private final MessageSource messages;

    ChatRateLimits(PublicRateLimits limits, ChatSettings settings, MessageSource messages) {
        this.limits = limits;
        this.settings = settings.rateLimit();
        this.messages = messages;
    }

    /** Starting a chat from the address. */
    void session(String clientAddress, Language language) {
        check(limits.acquire("chat-session", String.valueOf(clientAddress), settings.sessions(), settings.sessionsPeriod()),
                TOO_MANY_CHATS, language);
    }

    /** A message left through the widget's contact form: the contact form's allowance ({@code aspa.webform.rate-limit}). */
    void leftMessage(String clientAddress, Language language) {
        check(limits.acquire("chat-left-message", String.valueOf(clientAddress)), TOO_MANY_MESSAGES, language);
    }

    /** A resident's new line in the chat. */
    void line(UUID sessionId, Language language) {
        check(limits.acquire("chat-line", sessionId.toString(), settings.lines(), settings.linesPeriod()), RATE_LIMITED, language);
    }

    /** A line the chatbot is to answer, for the address. */
    void botLine(String clientAddress, Language language) {
        check(limits.acquire("chat-bot", String.valueOf(clientAddress), settings.botLines(), settings.botLinesPeriod()),
                RATE_LIMITED, language);
    }

    /** A "typing" or "read" signal from the resident's side of the chat (HTTP or socket alike). */
    void signal(UUID sessionId, Language language) {
        check(limits.acquire("chat-signal", sessionId.toString(), settings.signals(), settings.signalsPeriod()),
                RATE_LIMITED, language);
    }

    private void check(Duration wait, String code, Language language) {
        if (wait.isZero()) return;
        String detail = messages.getMessage("chat.widget.error." + code, null, language.locale());
        throw new TooManyRequests(code, detail, PublicRateLimits.retryAfterSeconds(wait));
    }
}
