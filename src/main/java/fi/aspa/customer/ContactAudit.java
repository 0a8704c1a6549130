package fi.aspa.customer;

import java.time.Instant;

/**
 * One change of a contact point's verified flag. {@code how}: IDENTIFIED (a trusted source), STAFF (an agent checked
 * it; {@code staffUserId} says who) or REPLY (the customer answered our own message sent to that address).
 */
public record ContactAudit(String kind, String value, boolean verified, String how, java.util.UUID staffUserId, Instant at) {}
