package fi.aspa.organization;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organization module's API: tenants, their unit trees and service points. */
public interface Organizations {

    Optional<Organization> find(OrganizationId id);

    Optional<Organization> findBySlug(String slug);

    /** Every organization on the platform (for maintenance across tenants, e.g. rebuilding search indexes). */
    List<Organization> all();

    /** Units of one organization, parents before children, by Finnish name. */
    List<Unit> units(OrganizationId organization);

    Optional<Unit> unit(OrganizationId organization, UUID unitId);

    List<ServicePoint> servicePoints(OrganizationId organization);

    Organization create(String slug, LocalizedText name, String casePrefix);

    Unit createUnit(OrganizationId organization, UUID parentId, LocalizedText name, String email);

    ServicePoint createServicePoint(OrganizationId organization, UUID unitId, LocalizedText name,
                                    String streetAddress, String postalCode, String city);
}
