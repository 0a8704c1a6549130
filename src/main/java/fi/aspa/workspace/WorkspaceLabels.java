package fi.aspa.workspace;

import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Localized names of the case model's values for the workspace pages, and times in Helsinki time in the reader's
 * language ({@link DateTimes}). Keys are {@code workspace.<kind>.<ENUM_NAME>}; {@code WorkspaceLabelsTest} checks that every value has one in every language.
 */
@Component
class WorkspaceLabels {
    private final MessageSource messages;

    WorkspaceLabels(MessageSource messages) {
        this.messages = messages;
    }

    String status(CaseStatus status) {
        return msg("workspace.status." + status.name());
    }

    String priority(Priority priority) {
        return msg("workspace.priority." + priority.name());
    }

    String channel(Channel channel) {
        return msg("workspace.channel." + channel.name());
    }

    String messageKind(MessageKind kind) {
        return msg("workspace.message." + kind.name());
    }

    /** The topic the resident chose (contact form, call-back, phone), in the reader's language; null when none. */
    String topic(String code) {
        return code == null ? null : messages.getMessage("contact.topic." + code, null, code, locale());
    }

    /** A customer's name, or "no name given" for one who left it out (anonymous feedback, a chat without a name). */
    String customerName(String name) {
        return name == null || name.isBlank() ? msg("workspace.customer.unnamed") : name;
    }

    String customerKind(CustomerKind kind) {
        return msg("workspace.customer-kind." + kind.name());
    }

    String contactKind(String kind) {
        return messages.getMessage("workspace.contact-kind." + kind, null, kind, locale());
    }

    String queue(Queue queue) {
        return msg("workspace.queue." + queue.param);
    }

    /** Event types other modules may add later show as their code rather than failing the page. */
    String event(String type) {
        return messages.getMessage("workspace.event." + type, null, type, locale());
    }

    /** A language's name in that language ("svenska"): what a reply to the customer should be written in. */
    String languageName(Language language) {
        return language.locale().getDisplayLanguage(language.locale());
    }

    String dateTime(Instant at) {
        return DateTimes.dateTime(at, locale());
    }

    String date(Instant at) {
        return DateTimes.date(at, locale());
    }

    /** For {@code <time datetime>}. */
    String iso(Instant at) {
        return DateTimes.iso(at);
    }

    String size(long bytes) {
        if (bytes < 1024) return msg("workspace.size.bytes", bytes);
        if (bytes < 1024 * 1024) return msg("workspace.size.kb", Math.round(bytes / 1024.0));
        return msg("workspace.size.mb", String.format(locale(), "%.1f", bytes / (1024.0 * 1024.0)));
    }

    String msg(String key, Object... args) {
        return messages.getMessage(key, args, locale());
    }

    /** The message, or the fallback key's message when the key does not exist (error codes of other modules). */
    String msgOr(String key, Object[] args, String fallbackKey) {
        String text = messages.getMessage(key, args, null, locale());
        return text != null ? text : msg(fallbackKey);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
