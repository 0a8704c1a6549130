package fi.aspa.knowledge;

import java.util.Set;

/**
 * A step of the workflow. Only a reviewer (unit manager or admin) may publish, unpublish, archive or restore;
 * anyone who may edit may submit a draft for review or take it back.
 */
public enum Transition {
    SUBMIT(Set.of(ArticleStatus.DRAFT), ArticleStatus.IN_REVIEW, false),
    RETURN(Set.of(ArticleStatus.IN_REVIEW), ArticleStatus.DRAFT, false),
    PUBLISH(Set.of(ArticleStatus.IN_REVIEW), ArticleStatus.PUBLISHED, true),
    UNPUBLISH(Set.of(ArticleStatus.PUBLISHED), ArticleStatus.DRAFT, true),
    ARCHIVE(Set.of(ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED), ArticleStatus.ARCHIVED, true),
    RESTORE(Set.of(ArticleStatus.ARCHIVED), ArticleStatus.DRAFT, true);

    private final Set<ArticleStatus> from;
    private final ArticleStatus to;
    private final boolean reviewerOnly;

    Transition(Set<ArticleStatus> from, ArticleStatus to, boolean reviewerOnly) {
        this.from = from;
        this.to = to;
        this.reviewerOnly = reviewerOnly;
    }

    public boolean allowedFrom(ArticleStatus status) {
        return from.contains(status);
    }

    public ArticleStatus to() {
        return to;
    }

    public boolean reviewerOnly() {
        return reviewerOnly;
    }
}
