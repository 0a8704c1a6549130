package fi.aspa.channels.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.ApiClient;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search over the organization's public services and knowledge articles (what a resident could find on the help
 * pages) and, when asked for with {@code type=case}, its cases: the token may read the organization's cases through
 * {@code /api/v1/cases} already. Case hits carry the case's current reference, subject and status, and every search
 * that returns case hits writes one personal-data access log entry per customer whose cases it returned.
 */
@RestController
@Tag(name = "Search")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class SearchApi {
    static final int MAX_QUERY = 200;
    static final String PURPOSE = "case-search";

    private final SearchIndex index;
    private final Cases cases;
    private final PersonalDataLog accessLog;

    SearchApi(SearchIndex index, Cases cases, PersonalDataLog accessLog) {
        this.index = index;
        this.cases = cases;
        this.accessLog = accessLog;
    }

    /**
     * One hit. {@code snippet} is HTML-escaped text with the matching words in {@code <mark>}; for a case {@code title}
     * is its subject, and {@code reference} and {@code status} are given (absent for services and articles).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchHitJson(String id, String type, String language, String title, String snippet, float score,
                         String reference, String status) {
        static SearchHitJson of(SearchHit hit) {
            return new SearchHitJson(hit.id(), hit.type().name().toLowerCase(Locale.ROOT), hit.language().code(), hit.title(),
                    hit.snippetHtml(), hit.score(), null, null);
        }

        static SearchHitJson of(SearchHit hit, CaseSummary c) {
            return new SearchHitJson(hit.id(), "case", hit.language().code(), c.subject(), hit.snippetHtml(), hit.score(),
                    c.reference(), c.status().name());
        }
    }

    record SearchResponse(String q, String lang, long total, List<SearchHitJson> hits) {}

    @GetMapping(path = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search public services, knowledge articles and cases",
            description = "Services keep their Service Catalogue (PTV) id as the id where they have one; articles and "
                    + "cases are identified by their UUID. Services and articles: only public ones. Cases only when "
                    + "`type` names them; each case hit has its reference and current status, and the search is "
                    + "written to the personal-data access log of the cases' customers.")
    @ApiResponse(responseCode = "200", description = "Ranked hits, best first")
    @ApiResponse(responseCode = "400", description = "A missing or bad parameter (problem+json)")
    SearchResponse search(@AuthenticationPrincipal ApiClient client,
                          @Parameter(description = "What to search for (1–200 characters)") @RequestParam(required = false) String q,
                          @Parameter(description = "fi, sv or en (default fi)") @RequestParam(required = false) String lang,
                          @Parameter(description = "service, article or case; comma-separated; default service,article")
                          @RequestParam(required = false) String type,
                          @Parameter(description = "1–50 (default 10)") @RequestParam(required = false) String limit) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) throw bad("missing-query", "Parameter 'q' is required");
        if (text.length() > MAX_QUERY) throw bad("query-too-long", "Parameter 'q' is at most " + MAX_QUERY + " characters");
        Language language = lang == null || lang.isBlank() ? Language.FI
                : Language.parse(lang).orElseThrow(() -> bad("bad-language", "Parameter 'lang' must be fi, sv or en"));
        Set<DocumentType> types = types(type);
        int size = 10;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw bad("bad-limit", "Parameter 'limit' must be a number from 1 to 50");
            }
            if (size < 1 || size > 50) throw bad("bad-limit", "Parameter 'limit' must be a number from 1 to 50");
        }
        OrganizationId org = client.organizationId();
        SearchQuery query = SearchQuery.publicSearch(org, text, language).withTypes(types).withLimit(size);
        if (types.contains(DocumentType.CASE)) {
            query = new SearchQuery(org, text, language, types, EnumSet.of(Visibility.PUBLIC, Visibility.STAFF_ONLY),
                    Map.of(), size, false);
        }
        var result = index.search(query);
        List<SearchHitJson> hits = new ArrayList<>(result.hits().size());
        Map<UUID, List<String>> seen = new LinkedHashMap<>();
        for (SearchHit hit : result.hits()) {
            if (hit.type() != DocumentType.CASE) {
                hits.add(SearchHitJson.of(hit));
                continue;
            }
            Optional<CaseSummary> summary = caseId(hit).flatMap(id -> cases.summary(org, id));
            if (summary.isEmpty()) continue; // gone since it was indexed
            hits.add(SearchHitJson.of(hit, summary.get()));
            seen.computeIfAbsent(summary.get().customerId(), c -> new ArrayList<>()).add(summary.get().reference());
        }
        seen.forEach((customer, references) -> accessLog.recordForClient(org, client.tokenId(), customer, PURPOSE,
                "API search found " + String.join(", ", references)));
        return new SearchResponse(text, language.code(), result.totalHits(), hits);
    }

    private static Optional<UUID> caseId(SearchHit hit) {
        try {
            return Optional.of(UUID.fromString(hit.id()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Set<DocumentType> types(String type) {
        if (type == null || type.isBlank()) return EnumSet.of(DocumentType.SERVICE, DocumentType.ARTICLE);
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String part : type.split(",")) {
            switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "service" -> types.add(DocumentType.SERVICE);
                case "article" -> types.add(DocumentType.ARTICLE);
                case "case" -> types.add(DocumentType.CASE);
                default -> throw bad("bad-type", "Parameter 'type' must be service, article or case");
            }
        }
        return types;
    }

    private static AspaException bad(String code, String detail) {
        return new AspaException(HttpStatus.BAD_REQUEST, code, detail);
    }
}
