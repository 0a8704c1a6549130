package fi.aspa.knowledge;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.Concept;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo organization's knowledge base: 33 published articles (24 public, 9 internal; fi/sv/en, seven without a
 * Swedish version, one only in Swedish, five past their review date) from {@code demo/knowledge-articles.json},
 * linked to the catalogue's services found by their words and to those services' life events. Added once, after
 * the demo catalogue, when the organization has no articles; the same file gives the same articles.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class KnowledgeDemoData {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeDemoData.class);

    private final Knowledge knowledge;
    private final Catalogue catalogue;
    private final Staff staff;
    private final PublicOrganization publicOrganization;
    private final Clock clock;

    KnowledgeDemoData(Knowledge knowledge, Catalogue catalogue, Staff staff, PublicOrganization publicOrganization, Clock clock) {
        this.knowledge = knowledge;
        this.catalogue = catalogue;
        this.staff = staff;
        this.publicOrganization = publicOrganization;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seed() {
        publicOrganization.find().ifPresent(org -> seed(org.id()));
    }

    /** Adds the demo articles to an organization that has none; returns how many were added. */
    int seed(OrganizationId org) {
        if (!knowledge.list(org, ArticleFilter.all()).isEmpty()) return 0;
        List<StaffUser> people = staff.inOrganization(org).stream().sorted(Comparator.comparing(StaffUser::username)).toList();
        if (people.isEmpty()) return 0;
        StaffUser reviewer = people.stream().filter(p -> p.roles().contains(Role.UNIT_MANAGER) || p.roles().contains(Role.ADMIN))
                .findFirst().orElse(people.getFirst());
        Editor editor = new Editor(reviewer.id(), true);
        JsonNode articles;
        try (InputStream in = KnowledgeDemoData.class.getResourceAsStream("/demo/knowledge-articles.json")) {
            articles = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDate today = LocalDate.now(clock);
        int count = 0;
        for (JsonNode a : articles) {
            Map<Language, ArticleText> texts = new EnumMap<>(Language.class);
            for (Language l : Language.values()) {
                JsonNode text = a.get(l.code());
                if (text != null) texts.put(l, new ArticleText(text.get(0).asString(), text.get(1).asString()));
            }
            String words = a.get("service").asString();
            List<CatalogueService> found = words.isBlank() ? List.of() : catalogue.search(org, words, 1);
            List<java.util.UUID> services = found.stream().map(CatalogueService::id).toList();
            List<String> lifeEvents = found.stream().flatMap(s -> s.lifeEvents().stream()).map(Concept::uri).distinct().toList();
            boolean stale = a.has("stale") && a.get("stale").asBoolean();
            LocalDate review = stale ? today.minusDays(20L + count) : today.plusMonths(6 + count % 6);
            StaffUser owner = people.get(count % people.size());
            ArticleDraft draft = new ArticleDraft(texts, ArticleVisibility.valueOf(a.get("visibility").asString()), owner.id(),
                    review, services, lifeEvents, null);
            Article article = knowledge.create(org, editor, draft);
            knowledge.transition(org, article.id(), editor, Transition.SUBMIT);
            knowledge.transition(org, article.id(), editor, Transition.PUBLISH);
            count++;
        }
        log.info("Demo knowledge base: {} articles published", count);
        return count;
    }
}
