package fi.aspa.catalogue;

import fi.aspa.platform.OrganizationId;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalogue module's API. Every method takes the organization first. */
public interface Catalogue {

    Optional<CatalogueService> find(OrganizationId organization, UUID serviceId);

    /** Every service of the organization, by Finnish name. */
    List<CatalogueService> list(OrganizationId organization);

    /** Every service's id, names and Open311 code only (one light query: for pickers on busy pages). */
    List<ServiceName> names(OrganizationId organization);

    List<CatalogueService> byLifeEvent(OrganizationId organization, String lifeEventUri);

    List<CatalogueService> byTargetGroup(OrganizationId organization, String targetGroupUri);

    /** The life events or target groups the organization's services are filed under, with how many services each. */
    List<ConceptCount> concepts(OrganizationId organization, ConceptKind kind);

    /** As {@link #concepts}, counting public services only (for residents' pages). */
    List<ConceptCount> publicConcepts(OrganizationId organization, ConceptKind kind);

    Optional<CatalogueService> byOpen311Code(OrganizationId organization, String serviceCode);

    Optional<CatalogueService> byPtvId(OrganizationId organization, UUID ptvId);

    /** Services whose name (any language) or keyword contains the query's words; best matches first. */
    List<CatalogueService> search(OrganizationId organization, String query, int limit);

    CatalogueService create(OrganizationId organization, ServiceDraft draft);

    CatalogueService update(OrganizationId organization, UUID serviceId, ServiceDraft draft);

    /** The ids of the internal services (one light query). */
    java.util.Set<UUID> internalIds(OrganizationId organization);

    /** Makes a service internal (staff only) or public; the search index follows after commit. */
    CatalogueService setInternal(OrganizationId organization, UUID serviceId, boolean internal);

    /** Changes whenever a service of the organization is created or changed (for caches built from the catalogue). */
    String version(OrganizationId organization);

    /** Imports JSON lines in the PTV shape; idempotent by PTV id. Never throws for bad lines: the report says why. */
    PtvImportReport importPtv(OrganizationId organization, InputStream jsonLines);

    /**
     * Writes every public service as PTV-shaped JSON lines, which {@link #importPtv} reads back to the same services.
     * Internal (staff only) services are never exported: the export is for the public Service Catalogue, and the
     * PTV shape has no place for the flag, so an internal service would come back public from a re-import. The
     * database backup, not this export, is the backup of the catalogue.
     */
    void exportPtv(OrganizationId organization, OutputStream out);

    /**
     * Adds the City of Helsinki's ten Open311 feedback services (with their Open311 codes) to the organization,
     * handled by the given unit; idempotent by code. Returns how many were created.
     */
    int addHelsinkiFeedbackServices(OrganizationId organization, UUID unitId);
}
