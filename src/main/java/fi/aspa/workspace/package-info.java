/**
 * The agent workspace: server-rendered pages where staff work the queues (mine, my unit, unassigned, all, with
 * filters and search) and handle a case: the conversation, the customer's data and whole timeline (every view
 * written to the personal-data access log), and the actions on the case (reply, note, assign, transfer, status,
 * tags, priority). Works without JavaScript; htmx only refreshes the queue table in place.
 *
 * <p>Nothing depends on this module. It reaches the others only through their APIs: {@code cases.Cases},
 * {@code customer.Customers}, {@code identity.Staff} and {@code PersonalDataLog}, {@code organization.Organizations}.
 */
package fi.aspa.workspace;
