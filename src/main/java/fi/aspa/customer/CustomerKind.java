package fi.aspa.customer;

/** Residents, businesses, and the organization's own staff as internal customers. */
public enum CustomerKind { PERSON, BUSINESS, INTERNAL }
