package fi.aspa.search;

import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Rebuilds from the modules' own data. At start-up an organization whose index is empty (a new index directory, a
 * lost disk) or older than the index's current layout and content (the first start after an upgrade) is rebuilt,
 * after the demo data of the other start-up listeners.
 */
@Component
class SourcesRebuild implements SearchRebuild {
    private static final Logger log = LoggerFactory.getLogger(SourcesRebuild.class);

    private final SearchIndex index;
    private final List<SearchDocumentSource> sources;
    private final Organizations organizations;

    SourcesRebuild(SearchIndex index, List<SearchDocumentSource> sources, Organizations organizations) {
        this.index = index;
        this.sources = sources;
        this.organizations = organizations;
    }

    @Override
    public long rebuild(OrganizationId organization) {
        return index.rebuild(organization, sources.stream().flatMap(s -> s.searchDocuments(organization)));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void rebuildStaleIndexes() {
        for (Organization organization : organizations.all()) {
            if (!index.needsRebuild(organization.id())) continue;
            long started = System.nanoTime();
            long documents = rebuild(organization.id());
            if (documents > 0) {
                log.info("Search index of {} rebuilt: {} documents in {} ms", organization.slug(), documents,
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }
}
