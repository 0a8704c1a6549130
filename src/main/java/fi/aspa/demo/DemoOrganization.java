package fi.aspa.demo;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organization, Esimerkkilä / Exempelby: created once on an empty database when {@code aspa.demo.enabled}
 * (the default for {@code ./aspa start}); the logins are printed at every start.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class DemoOrganization implements ApplicationRunner {
    static final String SLUG = "esimerkkila";
    static final String PASSWORD = "demo-salasana";
    static final String API_TOKEN = "aspa-demo-token";
    private static final Logger log = LoggerFactory.getLogger(DemoOrganization.class);

    private final Organizations organizations;
    private final Staff staff;
    private final TransactionTemplate tx;

    DemoOrganization(Organizations organizations, Staff staff, TransactionTemplate tx) {
        this.organizations = organizations;
        this.staff = staff;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organizations.findBySlug(SLUG).isEmpty()) {
            tx.executeWithoutResult(status -> create());
        }
        log.info("""

                ==================================================================
                 Aspa demo organization Esimerkkilä / Exempelby is ready.
                 Staff login:  http://localhost:8080/login
                   agent:    agentti / {}     (agent, Asiakaspalvelu)
                   manager:  esimies / {}     (unit manager)
                   admin:    admin / {}       (organization admin)
                 REST API:   Authorization: Bearer {}
                 Contact form for residents: http://localhost:8080/contact
                ==================================================================""",
                PASSWORD, PASSWORD, PASSWORD, API_TOKEN);
    }

    private void create() {
        Organization org = organizations.create(SLUG, new LocalizedText("Esimerkkilän kaupunki", "Exempelby stad",
                "City of Esimerkkilä"), "ASPA");
        Unit service = organizations.createUnit(org.id(), null,
                new LocalizedText("Asiakaspalvelu", "Kundservice", "Customer service"), "asiakaspalvelu@esimerkkila.fi");
        String hash = staff.hash(PASSWORD);
        staff.createWithHash(org.id(), service.id(), "agentti", "Aino Agentti", "aino.agentti@esimerkkila.fi", hash,
                EnumSet.of(Role.AGENT), Language.FI);
        staff.createWithHash(org.id(), service.id(), "esimies", "Eero Esimies", "eero.esimies@esimerkkila.fi", hash,
                EnumSet.of(Role.UNIT_MANAGER), Language.FI);
        staff.createWithHash(org.id(), service.id(), "admin", "Anna Admin", "anna.admin@esimerkkila.fi", hash,
                EnumSet.of(Role.ADMIN), Language.SV);
        staff.registerApiToken(org.id(), "Demo API token", API_TOKEN);
    }
}
