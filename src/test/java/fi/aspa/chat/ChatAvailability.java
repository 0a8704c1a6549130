package fi.aspa.chat;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the chat package (the help pages' assistant): opens or closes an organization's chat, and empties
 * its queue, without reaching into the chat's internals from there.
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

    /** No opening hours at all: closed whenever. */
    public void close() {
        chat.setHours(org, OpeningHours.parse(""));
    }

    /** Ends every waiting chat and puts the hours back as they were. */
    public void restore() {
        chat.waiting(org).forEach(chat::residentEnd);
        chat.setHours(org, before);
    }
}
