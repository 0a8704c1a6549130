package fi.aspa.channels.api;

import fi.aspa.identity.ApiClient;
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
 * Search over the organization's public services and knowledge articles: what a resident could find on the help
 * pages. Cases hold personal data and are searched only by staff in the workspace, never through a token.
 */
@RestController
@Tag(name = "Search")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class SearchApi {
    static final int MAX_QUERY = 200;

    private final SearchIndex index;

    SearchApi(SearchIndex index) {
        this.index = index;
    }

    /** One hit. {@code snippet} is HTML-escaped text with the matching words in {@code <mark>}. */
    record SearchHitJson(String id, String type, String language, String title, String snippet, float score) {
        static SearchHitJson of(SearchHit hit) {
            return new SearchHitJson(hit.id(), hit.type().name().toLowerCase(Locale.ROOT), hit.language().code(), hit.title(),
                    hit.snippetHtml(), hit.score());
        }
    }

    record SearchResponse(String q, String lang, long total, List<SearchHitJson> hits) {}

    @GetMapping(path = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search public services and knowledge articles",
            description = "Services keep their Service Catalogue (PTV) id as the id where they have one; articles are "
                    + "identified by their UUID. Only public documents are searched.")
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
        var result = index.search(SearchQuery.publicSearch(client.organizationId(), text, language).withTypes(types).withLimit(size));
        return new SearchResponse(text, language.code(), result.totalHits(), result.hits().stream().map(SearchHitJson::of).toList());
    }

    private static Set<DocumentType> types(String type) {
        if (type == null || type.isBlank()) return EnumSet.of(DocumentType.SERVICE, DocumentType.ARTICLE);
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String part : type.split(",")) {
            switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "service" -> types.add(DocumentType.SERVICE);
                case "article" -> types.add(DocumentType.ARTICLE);
                case "case" -> throw bad("cases-not-searchable",
                        "Cases are not searchable through the API: they hold personal data and are searched by staff in the workspace");
                default -> throw bad("bad-type", "Parameter 'type' must be service, article or case");
            }
        }
        return types;
    }

    private static AspaException bad(String code, String detail) {
        return new AspaException(HttpStatus.BAD_REQUEST, code, detail);
    }
}
