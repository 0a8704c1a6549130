package fi.aspa.cases;

/** How a contact reached the organization. Every channel ends in the same case model. */
public enum Channel { WEB_FORM, EMAIL, CHAT, CHATBOT, PHONE, WALK_IN, APPOINTMENT, OPEN311, API }
