package fi.aspa.knowledge;

import fi.aspa.platform.Language;

/** Editor list filters; null or false means any. */
public record ArticleFilter(ArticleStatus status, boolean staleOnly, Language missing) {
    public static ArticleFilter all() {
        return new ArticleFilter(null, false, null);
    }
}
