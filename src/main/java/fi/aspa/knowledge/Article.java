package fi.aspa.knowledge;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An article with its current (latest) version. {@code publishedVersion} is the version residents or staff read,
 * null when nothing is published; a published article that is edited goes back to draft while its published
 * version stays live until the next publication.
 */
public record Article(UUID id, OrganizationId organizationId, ArticleStatus status, ArticleVisibility visibility,
                      UUID ownerId, LocalDate reviewDate, List<UUID> serviceIds, List<String> lifeEvents,
                      ArticleVersion current, Integer publishedVersion, UUID sourceCaseId, Instant createdAt,
                      Instant updatedAt) {
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
}
