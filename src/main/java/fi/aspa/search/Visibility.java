package fi.aspa.search;

/**
 * Who may find a document: {@code PUBLIC} anyone (residents included), {@code INTERNAL} the organization's
 * staff, {@code STAFF_ONLY} staff with a right to the underlying record (cases). The caller decides, from the
 * principal's rights, which of these a query may see ({@link SearchQuery#visibilities()}).
 */
public enum Visibility {
    PUBLIC, INTERNAL, STAFF_ONLY
}
