package fi.aspa.knowledge;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** An article's live version or metadata may have changed: the search index follows after commit. */
public record ArticleChanged(OrganizationId organizationId, UUID articleId) {}
