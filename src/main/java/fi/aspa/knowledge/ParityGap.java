package fi.aspa.knowledge;

import java.util.UUID;

/** An article with a Finnish version but no Swedish one, or the other way round (the national languages). */
public record ParityGap(UUID articleId, String title, ArticleStatus status, boolean hasFinnish, boolean hasSwedish) {}
