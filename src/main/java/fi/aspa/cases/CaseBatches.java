package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/**
 * Opening many cases at once, for channels that take contacts in batches (an email mailbox): the same rows, history
 * and {@link CaseEvents} as {@link Cases#open} once per case, with the statements batched.
 */
public interface CaseBatches {

    /**
     * Opens the cases in one go, in the caller's transaction (or one of its own): one reference allocation for the
     * batch, batched inserts of the cases, their first messages, attachments and history, and for each case, in the
     * order given, the {@link CaseEvents.CaseOpened} and {@link CaseEvents.MessageReceived} that {@link Cases#open}
     * publishes. Any refusal (a bad subject, a refused attachment, an unknown unit) refuses the whole batch with the
     * error {@link Cases#open} would have given for that case: the caller then opens them one by one.
     *
     * @return one result per case, in the order given
     */
    List<Opened> openAll(OrganizationId organization, List<NewCase> commands);

    /** An opened case and the message that opened it. */
    record Opened(OpenedCase opened, UUID messageId) {}
}
