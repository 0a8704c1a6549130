package fi.aspa.knowledge;

/**
 * One line of a side-by-side diff. {@code oldHtml} and {@code newHtml} are HTML-escaped text with the changed
 * words in {@code <del>} / {@code <ins>}: safe to insert as HTML.
 */
public record DiffLine(Kind kind, String oldHtml, String newHtml) {
    public enum Kind { EQUAL, CHANGED, INSERTED, DELETED }
}
