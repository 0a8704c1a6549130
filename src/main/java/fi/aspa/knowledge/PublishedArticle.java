package fi.aspa.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The live version of a published article, as readers see it. Who may read it and which services and life events
 * it is shown under are the published version's, never a later, unpublished version's.
 */
public record PublishedArticle(UUID id, ArticleVersion version, Instant updatedAt) {

    public ArticleVisibility visibility() {
        return version.visibility();
    }

    public List<UUID> serviceIds() {
        return version.serviceIds();
    }

    public List<String> lifeEvents() {
        return version.lifeEvents();
    }
}
