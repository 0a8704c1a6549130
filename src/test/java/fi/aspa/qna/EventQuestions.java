package fi.aspa.qna;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the qna package (the crawler): a live event with a question on the screen, as a moderator leaves it
 * after highlighting a question.
 */
public final class EventQuestions {
    private final QnaStore store;

    public EventQuestions(ApplicationContext context) {
        this.store = context.getBean(QnaStore.class);
    }

    /** A live staff event (an hour in, not premoderated) with one question, visible and highlighted. */
    public void liveWithHighlight(OrganizationId org, UUID createdBy) {
        Instant now = Instant.now();
        QnaStore.Event event = store.create(org, createdBy, new QnaStore.NewEvent(
                new LocalizedText("Henkilöstöinfo", "Personalinfo", "Staff briefing"),
                new LocalizedText("Kysy johdolta.", "Fråga ledningen.", "Ask the management."),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), QnaStore.Audience.STAFF, false));
        QnaStore.Question question = store.ask(event, "Milloin uusi järjestelmä otetaan käyttöön?", null);
        store.highlight(event, question.id());
    }
}
