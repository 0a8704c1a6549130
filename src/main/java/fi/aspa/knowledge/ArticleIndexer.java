package fi.aspa.knowledge;

import fi.aspa.search.SearchIndex;
import java.util.HashMap;
import java.util.Set;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the knowledge base after commit: the live version's languages are
 * (re)indexed, and a withdrawn or archived article disappears. Idempotent, so a redelivered event does no harm.
 */
@Component
class ArticleIndexer {
    private final KnowledgeStore knowledge;
    private final SearchIndex index;

    ArticleIndexer(KnowledgeStore knowledge, SearchIndex index) {
        this.knowledge = knowledge;
        this.index = index;
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        index.delete(event.organizationId(), event.articleId().toString());
        knowledge.published(event.organizationId(), event.articleId(), Set.of(ArticleVisibility.values()))
                .ifPresent(article -> index.indexAll(knowledge.documents(event.organizationId(), article, new HashMap<>())));
    }
}
