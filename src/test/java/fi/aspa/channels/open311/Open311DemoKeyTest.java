package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.organization.Organizations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo organization gets the well-known key aspa-demo-key once, whatever the number of starts, and it posts. */
@AspaTest
class Open311DemoKeyTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Organizations organizations;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;

    @Test
    void theDemoOrganizationGetsTheDemoKey() {
        Fixtures.Org demo = fixtures.organization(Open311DemoKey.DEMO_SLUG);
        catalogue.addHelsinkiFeedbackServices(demo.id(), demo.building().id());
        Open311DemoKey registration = new Open311DemoKey(organizations, keys);
        registration.register();
        registration.register(); // a restart
        assertThat(keys.list(demo.id())).hasSize(1);
        assertThat(keys.holder(Open311DemoKey.KEY)).hasValueSatisfying(h -> assertThat(h.organizationId()).isEqualTo(demo.id()));

        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", "aspa-demo-key");
        form.put("jurisdiction_id", "esimerkkila");
        form.put("service_code", "174");
        form.put("address_string", "Esplanadin puisto");
        form.put("description", "Puiston nurmikko on kulunut.");
        assertThat(new Open311Client(port).postForm("/open311/v2/requests.json", form).status()).isEqualTo(201);
    }
}
