package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo catalogue: 458 national services and the ten Helsinki ones in the first unit, added once. */
@AspaTest
class CatalogueDemoDataTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Organizations organizations;
    @Autowired
    PublicOrganization publicOrganization;

    @Test
    void seedsAnEmptyCatalogueOnce() {
        Fixtures.Org org = fixtures.organization();
        CatalogueDemoData demo = new CatalogueDemoData(catalogue, organizations, publicOrganization);
        demo.seed(org.organization());
        assertThat(catalogue.list(org.id())).hasSize(468);
        assertThat(catalogue.byOpen311Code(org.id(), "246").orElseThrow().unitId())
                .isEqualTo(organizations.units(org.id()).getFirst().id());
        String version = catalogue.version(org.id());
        demo.seed(org.organization());
        assertThat(catalogue.version(org.id())).as("a second start changes nothing").isEqualTo(version);
    }
}
