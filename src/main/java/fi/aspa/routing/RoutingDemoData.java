package fi.aspa.routing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo organization's routing history: past requests to the ten Helsinki feedback services with their service
 * known ({@value #EXAMPLES}, written for Aspa from the city's service list), imported once as {@link
 * RoutingFeedback#history} when the demo is on and the organization has no routing feedback yet. The classifier
 * learns from them as from any organization's own history.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class RoutingDemoData {
    private static final Logger log = LoggerFactory.getLogger(RoutingDemoData.class);
    static final String EXAMPLES = "/data/helsinki-service-examples.json";

    private final ServiceRouter router;
    private final Catalogue catalogue;
    private final PublicOrganization publicOrganization;
    private final JdbcClient db;

    RoutingDemoData(ServiceRouter router, Catalogue catalogue, PublicOrganization publicOrganization, JdbcClient db) {
        this.router = router;
        this.catalogue = catalogue;
        this.publicOrganization = publicOrganization;
        this.db = db;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1) // after the catalogue's demo data (0), which adds the services
    void seed() {
        Organization org = publicOrganization.find().orElse(null);
        if (org == null) return;
        int added = seed(org.id());
        if (added > 0) log.info("Demo routing history: {} past requests of the Helsinki feedback services", added);
    }

    /**
     * Imports the example requests of those Helsinki services the organization has (by Open311 code) when it has no
     * routing feedback yet; returns how many were imported.
     */
    int seed(OrganizationId org) {
        boolean any = db.sql("select exists (select 1 from routing_feedback where organization_id = ?)").param(org.value())
                .query(Boolean.class).single();
        if (any) return 0;
        List<ServiceRouter.Past> past = new ArrayList<>();
        examples().forEach((code, byLanguage) -> catalogue.byOpen311Code(org, code).map(CatalogueService::id).ifPresent(service ->
                byLanguage.forEach((language, texts) -> texts.forEach(t -> past.add(new ServiceRouter.Past(t, language, service))))));
        router.history(org, past);
        return past.size();
    }

    /** The example requests: Open311 code → language → texts. */
    static Map<String, Map<Language, List<String>>> examples() {
        Map<String, Map<Language, List<String>>> examples = new LinkedHashMap<>();
        try (InputStream in = RoutingDemoData.class.getResourceAsStream(EXAMPLES)) {
            JsonNode root = JsonMapper.builder().build().readTree(in).get("examples");
            for (Map.Entry<String, JsonNode> service : root.properties()) {
                Map<Language, List<String>> byLanguage = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> language : service.getValue().properties()) {
                    List<String> texts = new ArrayList<>();
                    language.getValue().forEach(t -> texts.add(t.asString()));
                    byLanguage.put(Language.parse(language.getKey()).orElseThrow(), texts);
                }
                examples.put(service.getKey(), byLanguage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
