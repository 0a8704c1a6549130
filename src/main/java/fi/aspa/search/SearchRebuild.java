package fi.aspa.search;

import fi.aspa.platform.OrganizationId;

/** Recreates an organization's index from every {@link SearchDocumentSource}: after an upgrade, a lost index directory. */
public interface SearchRebuild {

    /** @return how many documents the new index holds */
    long rebuild(OrganizationId organization);
}
