package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cases module's API. Every method takes the organization first: no call can reach another
 * organization's cases. Commands write the case's history and publish {@link CaseEvents} in the same
 * transaction.
 */
public interface Cases {

    // ---- commands

    OpenedCase open(OrganizationId organization, NewCase command);

    /** The customer writes again (tracking page, email reply...): reopens a waiting, resolved or closed case. */
    UUID addCustomerMessage(OrganizationId organization, UUID caseId, String body, Channel channel, List<NewAttachment> attachments);

    /**
     * What the customer said, written down by staff (a phone call, a visit): the customer's message as above, with
     * the staff member who recorded it as its author and in the history.
     */
    UUID addCustomerMessage(OrganizationId organization, UUID caseId, String body, Channel channel, List<NewAttachment> attachments,
                            Actor recordedBy);

    /** A reply to the customer; {@code nextStatus} may be null (a new case then becomes open). */
    UUID reply(OrganizationId organization, UUID caseId, Actor actor, String body, CaseStatus nextStatus);

    /**
     * A reply with files: checked as a customer's files are ({@link #attachmentLimits}, the sniffed type, the name made
     * safe; empty files are no files) and stored with the reply, which the channel then delivers with them
     * ({@link CaseEvents.ReplyPosted}). A refused file refuses the whole reply: nothing is written.
     */
    UUID reply(OrganizationId organization, UUID caseId, Actor actor, String body, CaseStatus nextStatus,
               List<NewAttachment> attachments);

    UUID addNote(OrganizationId organization, UUID caseId, Actor actor, String body);

    /** An internal note with files, checked as {@link #reply}'s are; staff only, never shown to the customer. */
    UUID addNote(OrganizationId organization, UUID caseId, Actor actor, String body, List<NewAttachment> attachments);

    /** The limits every message's files are checked against. */
    AttachmentLimits attachmentLimits();

    void assign(OrganizationId organization, UUID caseId, Actor actor, UUID assigneeId);

    /** Moves the case to another unit, unassigns it, and leaves the note for the receiving unit. */
    void transfer(OrganizationId organization, UUID caseId, Actor actor, UUID toUnitId, String note);

    /**
     * {@link #assign} for many cases at once (routing's batch): the cases locked in id order, one update, the history
     * with one insert. A case already with that assignee is left as it is.
     *
     * @param assigneeByCase the case → the staff member to assign it to
     */
    void assignAll(OrganizationId organization, Actor actor, java.util.Map<UUID, UUID> assigneeByCase);

    /**
     * {@link #transfer} without a note for many cases at once (routing's batch moves its new cases to their services'
     * units): the cases locked in id order, one update, the history with one insert, {@link CaseEvents.CaseTransferred}
     * for each case moved. A case already in that unit is left as it is. A moved case with a person in
     * {@code assigneeByCase} is assigned to them by the same update ({@link #assignAll}'s history after the move's):
     * routing's batch has the person chosen before the move, so that a routed case is written once, not twice.
     *
     * @param unitByCase the case → the unit to move it to
     * @param assigneeByCase the moved case → the staff member of its new unit to assign it to (the others are left
     *                       unassigned, as {@link #transfer} leaves them)
     */
    void transferAll(OrganizationId organization, Actor actor, java.util.Map<UUID, UUID> unitByCase,
                     java.util.Map<UUID, UUID> assigneeByCase);

    void changeStatus(OrganizationId organization, UUID caseId, Actor actor, CaseStatus to);

    void setTags(OrganizationId organization, UUID caseId, Actor actor, Set<String> tags);

    void setPriority(OrganizationId organization, UUID caseId, Actor actor, Priority priority);

    /**
     * Imports cases that already happened (a migration from an earlier system, the demo organization) with their
     * own times, in one transaction: the steps are replayed through the {@link Lifecycle} rules and the history is
     * written as the live commands would have written it, with batched inserts. References come from the
     * per-year counters in time order. Unlike the live commands it publishes no {@link CaseEvents} (nothing that
     * happened in the past may notify anyone now) and issues no tracking links. Times may not be in the future.
     *
     * @return one result per case, in the order given
     */
    List<ImportedCase> importHistorical(OrganizationId organization, List<HistoricalCase> cases);

    // ---- queries

    CasePage list(OrganizationId organization, CaseFilter filter, CaseSort sort, int page, int size);

    Optional<CaseSummary> summary(OrganizationId organization, UUID caseId);

    /**
     * Locks the case for the rest of the caller's transaction. Every change of a case locks it first; a caller that
     * also locks rows of its own (assignment locks its unit's round-robin row) takes the case first too, so that two
     * transactions never wait for each other in opposite orders.
     */
    void lockForChange(OrganizationId organization, UUID caseId);

    /**
     * Locks, for the rest of the caller's transaction, those of the given cases that no other transaction holds now,
     * in id order and without waiting; returns the ids it locked (ids that are not the organization's cases are left
     * out). For work on batches of cases (routing new cases): a batch that locks its cases one by one while it works
     * would wait, holding some, for a case that another transaction (a group of email replies) holds while that one
     * waits for a case of the batch: a deadlock. The batch leaves the cases it did not get for its next run instead.
     */
    java.util.Set<UUID> lockAvailable(OrganizationId organization, java.util.Collection<UUID> caseIds);

    /** The summaries of many cases in one query, in no particular order; ids that are not the organization's cases are left out. */
    List<CaseSummary> summaries(OrganizationId organization, java.util.Collection<UUID> caseIds);

    Optional<CaseDetail> detail(OrganizationId organization, UUID caseId);

    /**
     * The details of many cases in four queries (cases, attachments, messages, history), in no particular order; ids
     * that are not the organization's cases are left out. For work done on batches of cases (routing new cases).
     */
    List<CaseDetail> details(OrganizationId organization, java.util.Collection<UUID> caseIds);

    /**
     * How many cases (new, open or waiting) each of these staff members has assigned, counted up to
     * {@link #LOAD_CAP}: the load that assignment balances (someone with that many is as full as anyone with more).
     * Staff members with none are in the map with 0.
     */
    java.util.Map<UUID, Integer> openLoad(OrganizationId organization, java.util.Collection<UUID> assigneeIds);

    /** Where {@link #openLoad} stops counting: it costs at most this many index entries per person. */
    int LOAD_CAP = 200;

    Optional<UUID> idByReference(OrganizationId organization, String reference);

    /** For the resident's tracking page: the token is the only key, and it gives this one case only. */
    Optional<CaseDetail> byTrackingToken(String token);

    /** The newest messages of every case of the customer, across channels, newest first (at most {@code limit}). */
    List<TimelineEntry> timeline(OrganizationId organization, UUID customerId, int limit);

    /**
     * A page of the customer's timeline, newest first, keyset-paged on the messages' (created at, id): {@code before}
     * null for the newest page, else the {@link TimelinePage#older} of the page before it; throws
     * {@code AspaException} (invalid-cursor) for a cursor it did not make. A page costs the same however old it is.
     */
    TimelinePage timeline(OrganizationId organization, UUID customerId, String before, int limit);

    /** How many cases the customer has (every case, however many messages its timeline holds). */
    int countCases(OrganizationId organization, UUID customerId);

    Optional<AttachmentContent> attachment(OrganizationId organization, UUID caseId, UUID attachmentId);
}
