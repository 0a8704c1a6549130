package fi.aspa.cases;

/**
 * How a contact reached the organization. Every channel ends in the same case model. {@code INTERNAL}: a staff member
 * as an internal customer (an order of an internal service, a staff question), never a resident.
 */
public enum Channel { WEB_FORM, EMAIL, CHAT, CHATBOT, PHONE, WALK_IN, APPOINTMENT, OPEN311, API, INTERNAL }
