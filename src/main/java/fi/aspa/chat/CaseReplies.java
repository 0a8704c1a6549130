package fi.aspa.chat;

import fi.aspa.cases.CaseEvents;
import fi.aspa.cases.Channel;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A reply written on the case page (not in the chat console) to a case whose chat is still going on reaches the
 * resident in the chat too. Replies made in the console are already in the chat's stream and are skipped.
 */
@Component
class CaseReplies {
    private final ChatService service;

    CaseReplies(ChatService service) {
        this.service = service;
    }

    @ApplicationModuleListener(condition = "#p0.caseChannel().name() == 'CHAT'")
    void on(CaseEvents.ReplyPosted event) {
        if (event.caseChannel() != Channel.CHAT) return;
        service.replyFromCase(event.organizationId(), event.caseId(), event.messageId());
    }
}
