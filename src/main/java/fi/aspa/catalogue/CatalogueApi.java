package fi.aspa.catalogue;

import fi.aspa.identity.ApiClient;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.LargerBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue over the REST API in the Suomi.fi Service Catalogue (PTV) shape, for the organization's own systems:
 * export every public service as JSON lines, and import such lines (the same import as the admin page's, with the
 * same report). The API token is the organization's integration credential and carries no narrower scope, as for
 * every other API write (cases are created and changed with it too).
 */
@RestController
@RequestMapping("/api/v1/catalogue/services")
@Tag(name = "Catalogue", description = "The service catalogue in the Suomi.fi Service Catalogue (PTV) shape")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "Missing or unknown API token",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class CatalogueApi {
    static final String IMPORT_PATH = "/api/v1/catalogue/services/import";
    static final String NDJSON = "application/x-ndjson";
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final Catalogue catalogue;
    private final Organizations organizations;
    private final Clock clock;

    CatalogueApi(Catalogue catalogue, Organizations organizations, Clock clock) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** The import's body may be as large as a file uploaded on the admin page, not only the API's usual 1 MB. */
    @Configuration(proxyBeanMethods = false)
    static class ImportBodySize {
        @Bean
        LargerBody ptvImportBody(@Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize max) {
            return new LargerBody("POST", IMPORT_PATH, max);
        }
    }

    @GetMapping("/export")
    @Operation(summary = "Export the catalogue as PTV JSON lines",
            description = "Every public service, one JSON object per line in the PTV shape (plus Aspa's `keywords` and "
                    + "`open311Code`); internal (staff only) services are left out. The import reads it back to the same services.")
    @ApiResponse(responseCode = "200", description = "The services, one per line (UTF-8)",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> export(@AuthenticationPrincipal ApiClient client) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        catalogue.exportPtv(client.organizationId(), out);
        return Downloads.attachment(CatalogueAdmin.exportName(organizations, client.organizationId(), clock),
                CatalogueAdmin.JSON_LINES, out.toByteArray());
    }

    @PostMapping(path = "/import", consumes = {NDJSON, "application/jsonl", MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import PTV JSON lines",
            description = "One service per line in the PTV shape (UTF-8; a byte order mark is ignored), at most the upload "
                    + "limit (10 MB by default). Services are matched by their PTV `id`: a known one is updated and keeps what "
                    + "only Aspa knows (unit, people, channels, Open311 code, and keywords when the line has none). A bad line "
                    + "never stops the import: `skipped` lists each with its line number, its PTV id when it could be read, a "
                    + "stable `code` and the `reason`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = NDJSON, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "200", description = "What was imported, updated and skipped")
    @ApiResponse(responseCode = "400", description = "The body is empty (`empty-body`), not UTF-8 (`not-utf-8`) or has no line "
            + "that is JSON (`not-json-lines`); nothing was imported",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "The body is larger than the upload limit; nothing was imported",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Another Content-Type than JSON lines (application/x-ndjson)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    PtvImportReport importLines(@AuthenticationPrincipal ApiClient client, @RequestBody(required = false) byte[] body) {
        PtvUpload.Result result = PtvUpload.importFile(catalogue, client.organizationId(), body == null ? new byte[0] : body);
        if (!result.refused()) return result.report();
        throw switch (result.refusal()) {
            case EMPTY -> new AspaException(HttpStatus.BAD_REQUEST, "empty-body", "The body is empty: send the services as JSON lines");
            case NOT_UTF_8 -> new AspaException(HttpStatus.BAD_REQUEST, "not-utf-8",
                    "The body is not UTF-8 (line " + result.line() + "); nothing was imported");
            case NOT_JSON_LINES -> new AspaException(HttpStatus.BAD_REQUEST, "not-json-lines",
                    "No line of the body is JSON: send one service per line as a JSON object; nothing was imported");
        };
    }
}
