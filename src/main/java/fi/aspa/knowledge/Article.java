package fi.aspa.knowledge;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An article with its current (latest) version and its published version, the one residents or staff read (null when
 * nothing is published). A published article that is edited goes back to draft while its published version, with
 * its visibility and its service and life-event links, stays live until a reviewer publishes again: what the current
 * version says about them is only proposed.
 *
 * <p>The owner and the review date are the article's own bookkeeping, not the version's: they say who is responsible
 * for the article (and would get any reminder) and when it counts as stale; only staff see them, and nothing
 * residents, the search index or the chatbot get depends on them, so a save changes them at once, without review.
 */
public record Article(UUID id, OrganizationId organizationId, ArticleStatus status, UUID ownerId, LocalDate reviewDate,
                      ArticleVersion current, ArticleVersion published, UUID sourceCaseId, Instant createdAt,
                      Instant updatedAt) {

    /** Past its review date: someone should check it is still right. */
    public boolean stale(LocalDate today) {
        return reviewDate != null && reviewDate.isBefore(today) && status != ArticleStatus.ARCHIVED;
    }

    public boolean live() {
        return published != null;
    }

    /** The number of the version readers see, null when nothing is published. */
    public Integer publishedVersion() {
        return published == null ? null : published.number();
    }

    /** Who may read the published version, null when nothing is published. */
    public ArticleVisibility publishedVisibility() {
        return published == null ? null : published.visibility();
    }

    /** Who may read the current version: for a live article being edited, what publishing it would change to. */
    public ArticleVisibility visibility() {
        return current.visibility();
    }

    /** The services of the current version: for a live article being edited, what publishing it would link. */
    public List<UUID> serviceIds() {
        return current.serviceIds();
    }

    /** The life events of the current version: for a live article being edited, what publishing it would link. */
    public List<String> lifeEvents() {
        return current.lifeEvents();
    }

    /** Whether publishing the current version would change who may read the article (internal ↔ public). */
    public boolean visibilityChangePending() {
        return live() && published.visibility() != current.visibility();
    }

    /** Whether publishing the current version would link the article to other services. */
    public boolean servicesChangePending() {
        return live() && current.servicesDiffer(published);
    }

    /** Whether publishing the current version would link the article to other life events. */
    public boolean lifeEventsChangePending() {
        return live() && current.lifeEventsDiffer(published);
    }
}
