package fi.aspa.insights;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.NetworkStore.Setting;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's customer-experience network: the demo organization shares by name, and so do its small neighbours made
 * by the demo generator, Naapurila by name and Pikkukylä anonymously, so the comparison has something to compare.
 * Each is set once, by its administrator, only where no setting was ever saved (an administrator's own choice stays).
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class NetworkDemoData {
    private static final Logger log = LoggerFactory.getLogger(NetworkDemoData.class);
    /** The demo generator's neighbours, by slug (fi.aspa.demo.DemoSpec#neighbours), and whether they are named. */
    static final String NAMED_NEIGHBOUR = "naapurila";
    static final String ANONYMOUS_NEIGHBOUR = "pikkukyla";

    private final NetworkStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final PublicOrganization publicOrganization;

    NetworkDemoData(NetworkStore store, Organizations organizations, Staff staff, PublicOrganization publicOrganization) {
        this.store = store;
        this.organizations = organizations;
        this.staff = staff;
        this.publicOrganization = publicOrganization;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seed() {
        int set = 0;
        set += publicOrganization.find().map(org -> seed(org, true)).orElse(0);
        set += organizations.findBySlug(NAMED_NEIGHBOUR).map(org -> seed(org, true)).orElse(0);
        set += organizations.findBySlug(ANONYMOUS_NEIGHBOUR).map(org -> seed(org, false)).orElse(0);
        log.info("Demo customer-experience network: {} organizations set to share", set);
    }

    /** Makes the organization share (named or not) unless a setting was ever saved; 1 when it did. */
    int seed(Organization org, boolean named) {
        if (store.decided(org.id())) return 0;
        Optional<StaffUser> admin = staff.inOrganization(org.id()).stream().filter(s -> s.roles().contains(Role.ADMIN))
                .min(Comparator.comparing(StaffUser::username));
        if (admin.isEmpty()) return 0;
        store.save(org.id(), admin.get().id(), new Setting(true, named));
        return 1;
    }
}
