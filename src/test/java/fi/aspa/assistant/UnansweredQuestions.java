package fi.aspa.assistant;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the assistant package (the crawler): a question the chatbot could not answer, kept for the agents'
 * list as the bot keeps it, without a language model or a conversation.
 */
public final class UnansweredQuestions {
    private final BotStore store;

    public UnansweredQuestions(ApplicationContext context) {
        this.store = context.getBean(BotStore.class);
    }

    /** A question asked on {@code pageUrl} that the bot was not sure about. */
    public void asked(OrganizationId org, Language language, String question, String pageUrl) {
        store.unanswered(org, language, AnswerFinder.normalize(question), question, pageUrl, Instant.now());
    }
}
