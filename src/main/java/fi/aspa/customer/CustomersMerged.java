package fi.aspa.customer;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/**
 * Customer {@code from} was merged into customer {@code into} by a staff member. Published synchronously inside the
 * merge's transaction: every module that stores a customer id (cases, chat sessions, appointments, walk-in tickets)
 * moves its rows from {@code from} to {@code into} in a plain {@code @EventListener}, so the merge commits whole or
 * not at all. Not for after-commit listeners. A listener records the ids of the rows it moved with
 * {@link Customers#followMerge}, so that {@link CustomersUnmerged} can move exactly those back.
 */
public record CustomersMerged(OrganizationId organization, UUID mergeId, UUID from, UUID into, UUID staffUserId) {}
