package fi.aspa.cases;

import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A case that already happened (a migration from an earlier system, the demo organization), with its own times.
 * {@link Cases#importHistorical} replays the steps through the same {@link Lifecycle} rules as the live commands,
 * so the resulting status, assignee and history are what the live path would have produced at those times.
 *
 * @param openedBy who recorded the first message: the customer (web form, email), staff (phone, walk-in), the API
 * @param unitId   the unit the case arrived in (a later {@link Transfer} may move it)
 * @param steps    in time order, none before {@code createdAt}
 */
public record HistoricalCase(Channel channel, UUID customerId, String subject, String body, Language language, String topic,
                             UUID unitId, Priority priority, Set<String> tags, Actor openedBy, Instant createdAt,
                             List<Step> steps) {

    public HistoricalCase {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        steps = steps == null ? List.of() : List.copyOf(steps);
        priority = priority == null ? Priority.NORMAL : priority;
        language = language == null ? Language.FI : language;
        openedBy = openedBy == null ? Actor.customer() : openedBy;
    }

    /** Something that happened to the case after it was opened. */
    public sealed interface Step {
        Instant at();
    }

    /** The customer writes again, possibly through another channel: reopens a waiting, resolved or closed case. */
    public record CustomerMessage(Instant at, Channel channel, String body) implements Step {}

    /** A staff reply; {@code nextStatus} may be null (a new case then becomes open). Assigns an unassigned case. */
    public record Reply(Instant at, UUID staffId, String body, CaseStatus nextStatus) implements Step {}

    public record Note(Instant at, UUID staffId, String body) implements Step {}

    public record Assignment(Instant at, UUID actorStaffId, UUID assigneeId) implements Step {}

    /** Moves the case to another unit, unassigns it, and leaves the note (may be null) for the receiving unit. */
    public record Transfer(Instant at, UUID staffId, UUID toUnitId, String note) implements Step {}

    public record StatusChange(Instant at, Actor actor, CaseStatus to) implements Step {}

    public record PriorityChange(Instant at, UUID staffId, Priority to) implements Step {}
}
