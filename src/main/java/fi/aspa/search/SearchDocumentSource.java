package fi.aspa.search;

import fi.aspa.platform.OrganizationId;
import java.util.stream.Stream;

/**
 * A module whose things are searchable (the catalogue's services, the knowledge base's articles…): every document of
 * an organization, as it should be in the index now. {@link SearchRebuild} concatenates every source's documents into
 * a fresh index. Owners still index changes themselves as they happen; this is for a rebuild from scratch.
 */
public interface SearchDocumentSource {

    Stream<SearchDocument> searchDocuments(OrganizationId organization);
}
