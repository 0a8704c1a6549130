package fi.aspa.channels.api;

import fi.aspa.cases.MessageKind;

/** A message as the API names it, for writing and for reading alike. */
enum ApiMessageKind {
    /** From the customer (an inbound message). */
    CUSTOMER,
    /** From the organization to the customer. */
    REPLY,
    /** Internal note between staff; never shown to the customer. */
    NOTE;

    static ApiMessageKind of(MessageKind kind) {
        return switch (kind) {
            case INBOUND -> CUSTOMER;
            case OUTBOUND -> REPLY;
            case NOTE -> NOTE;
        };
    }
}
