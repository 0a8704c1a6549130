package fi.aspa.search;

/** What a searchable document is. */
public enum DocumentType {
    SERVICE, ARTICLE, CASE
}
