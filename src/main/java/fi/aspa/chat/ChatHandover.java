package fi.aspa.chat;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Objects;

/**
 * The chat's door for a bot conversation that began outside the widget (the help pages' assistant box): whether
 * someone can take a chat now, and handing such a conversation to the queue with its transcript. The resident then
 * continues in the widget, which resumes the conversation by the returned token ({@code data-resume} on its script tag).
 */
public interface ChatHandover {

    /** Whether the chat serves now: within the opening hours, not a holiday, and an agent available. */
    boolean open(OrganizationId organization);

    /**
     * Starts a chat that is already handed over: the turns go into the conversation's stream (the resident's lines and
     * the bot's replies with their sources), the case is opened with what the resident wrote and the transcript (with
     * {@code pageUrl}, the page the resident asked on) as an internal note, and the chat joins the queue.
     *
     * @return the resident's resume token
     * @throws fi.aspa.platform.AspaException {@code chat-unavailable} (409) when nobody can take a chat now;
     *                                        {@code required} when no turn is the resident's
     */
    String handOver(OrganizationId organization, Language language, List<Turn> turns, String pageUrl);

    /** One line of the conversation so far. */
    record Turn(boolean bot, String text, List<Source> sources) {
        public Turn {
            Objects.requireNonNull(text, "text");
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /** A source the bot quoted or offered: its title and the path of its public page. */
    record Source(String title, String url) {}
}
