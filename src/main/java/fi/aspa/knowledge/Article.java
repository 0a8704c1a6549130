package fi.aspa.knowledge;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An article with its current (latest) version. {@code publishedVersion} is the version residents or staff read,
 * null when nothing is published, and {@code publishedVisibility} who may read it (null when nothing is published);
 * a published article that is edited goes back to draft while its published version, with its visibility, stays
 * live until a reviewer publishes again.
 */
public record Article(UUID id, OrganizationId organizationId, ArticleStatus status, UUID ownerId, LocalDate reviewDate,
                      List<UUID> serviceIds, List<String> lifeEvents, ArticleVersion current, Integer publishedVersion,
                      ArticleVisibility publishedVisibility, UUID sourceCaseId, Instant createdAt, Instant updatedAt) {
    public Article {
        serviceIds = List.copyOf(serviceIds);
        lifeEvents = List.copyOf(lifeEvents);
    }

    /** Past its review date: someone should check it is still right. */
    public boolean stale(LocalDate today) {
        return reviewDate != null && reviewDate.isBefore(today) && status != ArticleStatus.ARCHIVED;
    }

    public boolean live() {
        return publishedVersion != null;
    }

    /** Who may read the current version: for a live article being edited, what publishing it would change to. */
    public ArticleVisibility visibility() {
        return current.visibility();
    }

    /** Whether publishing the current version would change who may read the article (internal ↔ public). */
    public boolean visibilityChangePending() {
        return live() && publishedVisibility != current.visibility();
    }
}
