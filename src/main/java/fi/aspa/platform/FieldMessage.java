package fi.aspa.platform;

/** One error of a form: the field's id (the error summary links to it) and the localized message. */
public record FieldMessage(String field, String message) {}
