package fi.aspa.cases;

/** From the customer, to the customer, or between staff only. */
public enum MessageKind { INBOUND, OUTBOUND, NOTE }
