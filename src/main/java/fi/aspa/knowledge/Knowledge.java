package fi.aspa.knowledge;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.SearchDocument;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** The knowledge module's API. Every method takes the organization first. */
public interface Knowledge extends fi.aspa.search.SearchDocumentSource {

    /** A new draft article with its first version. */
    Article create(OrganizationId organization, Editor editor, ArticleDraft draft);

    /**
     * Saves a new version: its texts, and the visibility and the service and life-event links it proposes. A published
     * article goes back to draft; its published version stays live with its visibility and links until a reviewer
     * publishes again. The owner and the review date are the article's bookkeeping (only staff see them) and change
     * at once.
     */
    Article save(OrganizationId organization, UUID articleId, Editor editor, ArticleDraft draft);

    /** One step of the workflow; an illegal one (or a reviewer's step by a non-reviewer) is refused. */
    Article transition(OrganizationId organization, UUID articleId, Editor editor, Transition transition);

    /** A new version with the texts of an old one; its visibility and links stay as the current version proposes. */
    Article rollback(OrganizationId organization, UUID articleId, Editor editor, int version);

    Optional<Article> find(OrganizationId organization, UUID articleId);

    /** The organization's articles, most recently changed first. */
    List<Article> list(OrganizationId organization, ArticleFilter filter);

    /** Every version, newest first. */
    List<ArticleVersion> versions(OrganizationId organization, UUID articleId);

    Optional<ArticleVersion> version(OrganizationId organization, UUID articleId, int version);

    /** The changes from one version to another in one language, line by line. */
    List<DiffLine> diff(OrganizationId organization, UUID articleId, int from, int to, Language language);

    /** Articles (not archived) that have a Finnish version but no Swedish one, or the other way round. */
    List<ParityGap> parity(OrganizationId organization);

    /** A published article if its visibility is among those allowed. */
    Optional<PublishedArticle> published(OrganizationId organization, UUID articleId, Set<ArticleVisibility> allowed);

    /** Every published article with one of the allowed visibilities. */
    List<PublishedArticle> published(OrganizationId organization, Set<ArticleVisibility> allowed);

    /** The search documents of every published language version: the knowledge base's part of an index rebuild. */
    Stream<SearchDocument> searchDocuments(OrganizationId organization);

    /** Safe HTML of an article body (Markdown, sanitized). */
    String html(String markdown);
}
