package fi.aspa;

import static org.awaitility.Awaitility.await;

import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.TestComponent;

/**
 * Test data through the modules' own APIs, with defaults: {@code fixtures.organization()} gives a fresh
 * organization with two units, an agent, a manager and an API token, isolated from every other test.
 */
@TestComponent
public class Fixtures {
    public static final String PASSWORD = "test-salasana-123";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Organizations organizations;
    private final Staff staff;
    private final Customers customers;
    private final Cases cases;
    private String passwordHash;

    private final JdbcClient db;

    Fixtures(Organizations organizations, Staff staff, Customers customers, Cases cases, JdbcClient db) {
        this.organizations = organizations;
        this.staff = staff;
        this.customers = customers;
        this.cases = cases;
        this.db = db;
    }

    /**
     * Waits (at most 30 s) until the organization's background work after commit is done: no event publication about
     * it is undelivered and routing's outbox holds none of its new cases.
     */
    public void awaitSettled(Org org) {
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                "select (select count(*) from event_publication where completion_date is null and serialized_event like ?)"
                + " + (select count(*) from routing_pending where organization_id = ?)")
                .params("%" + org.id().value() + "%", org.id().value()).query(Integer.class).single() == 0);
    }

    private Org publicOrg;

    /** The organization the public pages serve in tests ({@code aspa.public.organization=test-public}). */
    public synchronized Org publicOrganization() {
        if (publicOrg == null) publicOrg = organization("test-public");
        return publicOrg;
    }

    /** A complete small organization. */
    public Org organization() {
        return organization("org" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The organization's administrator {@code <slug>-admin} (in the customer service unit), password {@link #PASSWORD}. */
    public StaffUser admin(Org org) {
        String slug = org.organization().slug();
        if (passwordHash == null) passwordHash = staff.hash(PASSWORD);
        return staff.createWithHash(org.id(), org.service().id(), slug + "-admin", "Anna Admin", "admin@" + slug + ".fi",
                passwordHash, EnumSet.of(Role.ADMIN), Language.FI);
    }

    public Org organization(String slug) {
        Organization org = organizations.findBySlug(slug).orElseGet(() -> organizations.create(slug,
                new LocalizedText("Testilä " + slug, "Testby " + slug, "Testville " + slug), "ASPA"));
        Unit service = organizations.createUnit(org.id(), null,
                new LocalizedText("Asiakaspalvelu", "Kundservice", "Customer service"), "palvelu@" + slug + ".fi");
        Unit building = organizations.createUnit(org.id(), null,
                new LocalizedText("Rakennusvalvonta", "Byggnadstillsyn", "Building control"), "rava@" + slug + ".fi");
        if (passwordHash == null) passwordHash = staff.hash(PASSWORD);
        StaffUser agent = staff.createWithHash(org.id(), service.id(), slug + "-agent", "Aino Agentti " + slug,
                "agent@" + slug + ".fi", passwordHash, EnumSet.of(Role.AGENT), Language.FI);
        StaffUser colleague = staff.createWithHash(org.id(), building.id(), slug + "-builder", "Bertil Byggare " + slug,
                "builder@" + slug + ".fi", passwordHash, EnumSet.of(Role.AGENT), Language.SV);
        StaffUser manager = staff.createWithHash(org.id(), service.id(), slug + "-manager", "Eero Esimies " + slug,
                "manager@" + slug + ".fi", passwordHash, EnumSet.of(Role.UNIT_MANAGER), Language.FI);
        String token = "token-" + slug;
        staff.registerApiToken(org.id(), "test", token);
        return new Org(org, service, building, agent, colleague, manager, token);
    }

    /** A resident's case in the organization's customer service unit. */
    public OpenedCase aCase(Org org, String subject, String body) {
        UUID customer = customers.resolve(org.organization().id(),
                ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.organization().id(), new NewCase(Channel.WEB_FORM, customer, subject, body, Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
    }

    public record Org(Organization organization, Unit service, Unit building, StaffUser agent, StaffUser colleague,
                      StaffUser manager, String apiToken) {
        public fi.aspa.platform.OrganizationId id() {
            return organization.id();
        }
    }
}
