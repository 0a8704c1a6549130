package fi.aspa.catalogue;

import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.Unit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo organization's catalogue: the 458 national PTV service descriptions and the ten Helsinki Open311
 * feedback services (handled by its first unit), added once when the demo is on and its catalogue is empty.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class CatalogueDemoData {
    private static final Logger log = LoggerFactory.getLogger(CatalogueDemoData.class);

    private final Catalogue catalogue;
    private final Organizations organizations;
    private final PublicOrganization publicOrganization;

    CatalogueDemoData(Catalogue catalogue, Organizations organizations, PublicOrganization publicOrganization) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.publicOrganization = publicOrganization;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(0) // before the demo data that links to services (knowledge)
    void seed() {
        publicOrganization.find().ifPresent(this::seed);
    }

    /** Imports the national descriptions and the Helsinki services into an organization whose catalogue is empty. */
    void seed(Organization org) {
        if (!catalogue.list(org.id()).isEmpty()) return;
        try (InputStream in = CatalogueDemoData.class.getResourceAsStream("/data/ptv-services.jsonl")) {
            PtvImportReport report = catalogue.importPtv(org.id(), in);
            log.info("Demo catalogue: {} PTV services imported, {} skipped", report.imported(), report.skipped().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Unit> units = organizations.units(org.id());
        catalogue.addHelsinkiFeedbackServices(org.id(), units.isEmpty() ? null : units.getFirst().id());
    }
}
