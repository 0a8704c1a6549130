package fi.aspa.knowledge;

/** Where an article is in its workflow. */
public enum ArticleStatus { DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED }
