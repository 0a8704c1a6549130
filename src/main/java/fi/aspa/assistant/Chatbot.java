package fi.aspa.assistant;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;

/**
 * The chatbot: answers a resident's question from the organization's public articles (and public service
 * descriptions) only, quoting the best passage with its source, asks which of two close sources was meant, or hands
 * the conversation over to a person. A question it could not answer is counted for the editors.
 */
public interface Chatbot {

    /** Whether the organization's chat starts with the bot. */
    boolean enabled(OrganizationId organization);

    void setEnabled(OrganizationId organization, boolean enabled);

    /**
     * The bot's reply to one question.
     *
     * @param pageUrl the page the resident asked on (the chat widget's page), or null; articles of the service the page
     *                is about rank higher
     */
    BotReply reply(OrganizationId organization, Language language, String question, String pageUrl);

    /**
     * The answer from one source the resident chose when the bot asked which one was meant: the passage of that source
     * that matches the question best, quoted as it stands. Empty when the source is not among the question's public hits
     * in the language (then there is nothing to quote).
     */
    java.util.Optional<BotReply> answerFrom(OrganizationId organization, Language language, String question, String pageUrl, String sourceId);

    /** The bot's sentence that goes with a hand-over: to the queue, or (closed) to the contact form. */
    String handoverText(Language language, boolean open);
}
