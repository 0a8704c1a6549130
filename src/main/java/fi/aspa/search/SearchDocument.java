package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One language version of something searchable. A service or article with three language versions is three
 * documents with the same {@code id}; {@code (id, language)} identifies a document within its organization.
 *
 * @param id        the owner's id (a service keeps its Service Catalogue id), returned with every hit
 * @param keywords  extra terms that describe the document (ontology terms, life events, tags); weighted above
 *                  the body
 * @param facets    facet values by dimension, e.g. {@code serviceClass} → ["Varhaiskasvatus"]; countable and
 *                  filterable
 */
public record SearchDocument(String id, OrganizationId organizationId, DocumentType type, Language language,
                             String title, String body, List<String> keywords, Map<String, List<String>> facets,
                             Visibility visibility, Instant updatedAt) {
    public SearchDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(visibility, "visibility");
        if (id.isBlank()) throw new IllegalArgumentException("blank id");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        facets = facets == null ? Map.of() : Map.copyOf(facets);
        updatedAt = updatedAt == null ? Instant.EPOCH : updatedAt;
    }
}
