package fi.aspa.demo;

import fi.aspa.organization.Organizations;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo organization, Esimerkkilä / Exempelby: created once on an empty database when {@code aspa.demo.enabled}
 * (the default for {@code ./aspa start}, off in tests) by {@link DemoGenerator}, with its history ending at the hour
 * of the first start, and two small neighbours (Naapurila, Pikkukylä: {@link DemoSpec#neighbours}) that share the
 * platform and its customer-experience network. The logins are printed at every start.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class DemoOrganization implements ApplicationRunner {
    static final String SLUG = DemoGenerator.DEMO_SLUG;
    private static final Logger log = LoggerFactory.getLogger(DemoOrganization.class);

    private final Organizations organizations;
    private final DemoGenerator generator;
    private final Clock clock;

    DemoOrganization(Organizations organizations, DemoGenerator generator, Clock clock) {
        this.organizations = organizations;
        this.generator = generator;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organizations.findBySlug(SLUG).isEmpty()) {
            log.info("Creating the demo organization Esimerkkilä / Exempelby (first start only)...");
            DemoResult made = generator.generate(DemoSpec.standard(SLUG, clock.instant().truncatedTo(ChronoUnit.HOURS)));
            log.info("Demo organization created in {} ms: {} units, {} service points, {} staff, {} customers, {} cases, {} messages",
                    made.took().toMillis(), made.units(), made.servicePoints(), made.staff(), made.customers().size(),
                    made.cases(), made.messages());
        }
        // small neighbours on the same platform, for the customer-experience network's comparison (also added to a
        // demo database made before they existed)
        for (DemoSpec neighbour : DemoSpec.neighbours(clock.instant().truncatedTo(ChronoUnit.HOURS))) {
            if (organizations.findBySlug(neighbour.slug()).isPresent()) continue;
            DemoResult small = generator.generate(neighbour);
            log.info("Demo neighbour {} created in {} ms: {} cases", neighbour.slug(), small.took().toMillis(), small.cases());
        }
        log.info("""

                ==================================================================
                 Aspa demo organization Esimerkkilä / Exempelby is ready.
                 Staff login:  http://localhost:8080/login
                   agent:    agentti / {}     (agent, Asiakaspalvelu)
                   manager:  esimies / {}     (unit manager)
                   admin:    admin / {}       (organization admin)
                 Other staff (same password): e.g. katarina.sjoberg (sv), pekka.nieminen
                 Neighbours in the customer-experience network (same password):
                   naapurila.admin (Naapurila, by name), pikkukyla.admin (Pikkukylä, anonymous)
                 REST API:   Authorization: Bearer {}
                 Contact form for residents: http://localhost:8080/contact
                ==================================================================""",
                DemoGenerator.PASSWORD, DemoGenerator.PASSWORD, DemoGenerator.PASSWORD, DemoGenerator.API_TOKEN);
    }
}
