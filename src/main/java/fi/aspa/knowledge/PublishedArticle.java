package fi.aspa.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The live version of a published article, as readers see it; {@code visibility} is the published version's. */
public record PublishedArticle(UUID id, ArticleVisibility visibility, List<UUID> serviceIds, List<String> lifeEvents,
                               ArticleVersion version, Instant updatedAt) {}
