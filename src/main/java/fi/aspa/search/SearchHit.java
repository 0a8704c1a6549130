package fi.aspa.search;

import fi.aspa.platform.Language;

/**
 * One ranked hit.
 *
 * @param snippetHtml a passage of the body (or the title) with the matching words in {@code <mark>}; the text
 *                    is HTML-escaped, so it is safe to insert as HTML
 */
public record SearchHit(String id, DocumentType type, Language language, float score, String title,
                        String snippetHtml) {}
