package fi.aspa.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The live version of a published article, as readers see it. Who may read it, which services and life events it is
 * shown under and when it was updated are the published version's, never a later, unpublished version's.
 */
public record PublishedArticle(UUID id, ArticleVersion version) {

    public ArticleVisibility visibility() {
        return version.visibility();
    }

    public List<UUID> serviceIds() {
        return version.serviceIds();
    }

    public List<String> lifeEvents() {
        return version.lifeEvents();
    }

    /**
     * When the text readers see was written: the published version's save. Not the article's last change, which an
     * agent's unpublished edit (or any workflow step) moves, and which residents would see as a new "updated" date.
     */
    public Instant updatedAt() {
        return version.createdAt();
    }
}
