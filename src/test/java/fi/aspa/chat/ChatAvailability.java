package fi.aspa.chat;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the chat package (the help pages' assistant, the crawler): opens or closes an organization's chat,
 * puts a resident's chat in its queue and empties the queue, without reaching into the chat's internals from there.
 */
public final class ChatAvailability {
    private final ChatService chat;
    private final OrganizationId org;
    private final OpeningHours before;

    public ChatAvailability(ApplicationContext context, OrganizationId org) {
        this.chat = context.getBean(ChatService.class);
        this.org = org;
        this.before = chat.availability(org).hours();
    }

    /** Open round the clock with this agent available and present. */
    public void open(UUID agent) {
        chat.setHours(org, OpeningHours.always());
        chat.setAvailable(org, agent, true);
        chat.seen(org, agent);
    }

    /**
     * A resident's chat waiting in the queue (the chat must be open): started, and its first line sent, which opens the
     * chat's case. Returns the chat's id.
     */
    public UUID waiting(String name, String email, String line) {
        ChatService.Started started = chat.start(org, Language.FI, name, email);
        ChatSession session = chat.byToken(started.token()).orElseThrow();
        chat.residentSend(session, UUID.randomUUID().toString(), line, "127.0.0.1");
        return started.sessionId();
    }

    /**
     * Closed for as long as a test runs: open one minute a week, on the weekday three days from today. (No hours at all
     * would not do: an organization without hours of its own has the default ones, weekdays 08–16, so such a test
     * failed whenever it ran in office hours.)
     */
    public void close() {
        DayOfWeek away = LocalDate.now(OpeningHours.HELSINKI).getDayOfWeek().plus(3);
        chat.setHours(org, new OpeningHours(List.of(new OpeningHours.Slot(away, 0, 1))));
    }

    /** Ends every waiting chat and puts the hours back as they were. */
    public void restore() {
        chat.waiting(org).forEach(chat::residentEnd);
        chat.setHours(org, before);
    }
}
