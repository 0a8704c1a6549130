package fi.aspa.channels.open311;

import fi.aspa.organization.Organizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo organization's well-known Open311 key, {@value #KEY}. Registered once the application is ready, that is
 * after the demo module has made the organization (its runner runs before this event), so that the demo module
 * need not know the channels (nothing depends on channels).
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class Open311DemoKey {
    static final String KEY = "aspa-demo-key";
    static final String DEMO_SLUG = "esimerkkila";
    private static final Logger log = LoggerFactory.getLogger(Open311DemoKey.class);

    private final Organizations organizations;
    private final Open311Keys keys;

    Open311DemoKey(Organizations organizations, Open311Keys keys) {
        this.organizations = organizations;
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        organizations.findBySlug(DEMO_SLUG).ifPresent(org -> {
            if (!keys.exists(KEY)) keys.register(org.id(), "Demo Open311 key", KEY);
            log.info("Open311 GeoReport v2: http://localhost:8080/open311/v2/services.json (POST api_key={})", KEY);
        });
    }
}
