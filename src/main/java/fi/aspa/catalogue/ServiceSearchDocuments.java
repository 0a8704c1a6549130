package fi.aspa.catalogue;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchDocumentSource;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The catalogue's services in the search index: one document per language a service has a name in, PUBLIC, or
 * INTERNAL for an internal service (staff searches find it, residents' searches never do). The id is
 * the Service Catalogue (PTV) id for imported services, so that a relevance run can be scored by any tool, and the
 * service's own id otherwise; {@code /services/{id}} accepts both. Kept current after every change of the catalogue.
 */
@Component
class ServiceSearchDocuments implements SearchDocumentSource {
    private final Catalogue catalogue;
    private final SearchIndex index;

    ServiceSearchDocuments(Catalogue catalogue, SearchIndex index) {
        this.catalogue = catalogue;
        this.index = index;
    }

    @ApplicationModuleListener
    void on(CatalogueChanged event) {
        index.indexAll(searchDocuments(event.organizationId()).toList());
    }

    @Override
    public Stream<SearchDocument> searchDocuments(OrganizationId organization) {
        return catalogue.list(organization).stream().flatMap(service -> documents(service).stream());
    }

    static List<SearchDocument> documents(CatalogueService service) {
        List<SearchDocument> out = new ArrayList<>();
        String id = service.ptvId() != null ? service.ptvId().toString() : service.id().toString();
        for (Language language : Language.values()) {
            String title = service.name().in(language);
            if (!service.name().has(language)) continue;
            StringBuilder body = new StringBuilder();
            for (var text : List.of(service.summary(), service.description(), service.instructions())) {
                if (text != null && text.has(language)) body.append(text.in(language).strip()).append("\n\n");
            }
            Map<String, List<String>> facets = new LinkedHashMap<>();
            facets.put("service", List.of(service.id().toString()));
            facets.put("serviceClass", labels(service.serviceClasses()));
            facets.put("lifeEvent", service.lifeEvents().stream().map(Concept::uri).toList());
            List<String> keywords = new ArrayList<>(service.keywords());
            if (language == Language.FI) { // the ontology and classification labels are in Finnish
                keywords.addAll(labels(service.ontologyTerms()));
                keywords.addAll(labels(service.lifeEvents()));
                keywords.addAll(labels(service.serviceClasses()));
            }
            out.add(new SearchDocument(id, service.organizationId(), DocumentType.SERVICE, language, title.strip(),
                    body.toString().strip(), keywords, facets, service.internal() ? Visibility.INTERNAL : Visibility.PUBLIC,
                    Instant.EPOCH));
        }
        return out;
    }

    private static List<String> labels(List<Concept> concepts) {
        return concepts.stream().map(c -> c.label() == null ? "" : c.label().in(Language.FI)).filter(l -> !l.isBlank()).toList();
    }
}
