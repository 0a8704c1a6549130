package fi.aspa.channels.api;

import static fi.aspa.channels.api.CaseResponses.casePath;

import fi.aspa.cases.Actor;
import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.routing.Routing;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.Priority;
import fi.aspa.channels.api.CaseRequests.AssigneeChange;
import fi.aspa.channels.api.CaseRequests.NewCase;
import fi.aspa.channels.api.CaseRequests.NewMessage;
import fi.aspa.channels.api.CaseRequests.PriorityChange;
import fi.aspa.channels.api.CaseRequests.StatusChange;
import fi.aspa.channels.api.CaseRequests.TagsChange;
import fi.aspa.channels.api.CaseRequests.Transfer;
import fi.aspa.channels.api.CaseResponses.CaseDetailJson;
import fi.aspa.channels.api.CaseResponses.CaseJson;
import fi.aspa.channels.api.CaseResponses.CasePageJson;
import fi.aspa.channels.api.CaseResponses.CustomerJson;
import fi.aspa.channels.api.CaseResponses.MessageJson;
import fi.aspa.channels.api.CaseResponses.RoutingJson;
import fi.aspa.customer.Customers;
import fi.aspa.identity.ApiClient;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Cases for the organization's own systems. The organization is always the API token's; a case of another
 * organization does not exist here (404, never 403). Every answer that shows a customer's personal data (a case with
 * the customer's name and the conversation, one message, an attachment) is written to the personal-data access log
 * with the token as the reader ({@link PersonalDataLog#recordForClient}) before it is sent; lists and the answers to
 * changes carry no more than the queue does (subject, status, ids) and are not.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "Create, find and work cases")
@SecurityRequirement(name = OpenApiConfig.BEARER)
@ApiResponse(responseCode = "401", description = "Missing or unknown API token",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "400", description = "Malformed JSON, a field or parameter of the wrong type, or an unknown enum value",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class CasesApi {
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    /** A read of the case (the customer's name, the conversation): the same purpose as the workspace's case page. */
    static final String PURPOSE_CASE = "case-handling";
    static final String PURPOSE_ATTACHMENT = "attachment-download";

    private final Cases cases;
    private final Customers customers;
    private final ApiIntake intake;
    private final Routing routing;
    private final Catalogue catalogue;
    private final PersonalDataLog accessLog;

    CasesApi(Cases cases, Customers customers, ApiIntake intake, Routing routing, Catalogue catalogue,
             PersonalDataLog accessLog) {
        this.accessLog = accessLog;
        this.routing = routing;
        this.catalogue = catalogue;
        this.cases = cases;
        this.customers = customers;
        this.intake = intake;
    }

    // ------------------------------------------------------------------ create and read

    @PostMapping(consumes = JSON, produces = JSON)
    @Operation(summary = "Create a case", description = "Recognizes or creates the customer and opens a case. "
            + "The personal identity code is stored but never returned.")
    @ApiResponse(responseCode = "201", description = "Created; Location is the case's URL")
    @ApiResponse(responseCode = "422", description = "Invalid fields (errors[] names each), unknown unit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CaseJson> create(@AuthenticationPrincipal ApiClient client, @Valid @RequestBody NewCase request) {
        OpenedCase opened = intake.open(client.organizationId(), request);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(opened.id()).toUri();
        return ResponseEntity.created(location).body(CaseJson.of(opened.summary()));
    }

    @GetMapping(produces = JSON)
    @Operation(summary = "List and search cases", description = "All filters combine; `q` searches subjects, "
            + "messages and references. Sorted by `sort`: updated, -updated (default), created, -created, priority.")
    @ApiResponse(responseCode = "200", description = "One page of cases")
    @ApiResponse(responseCode = "422", description = "A parameter out of range (page, size)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CasePageJson list(@AuthenticationPrincipal ApiClient client,
                      @Parameter(description = "Repeatable: status=NEW&status=OPEN") @RequestParam(required = false) Set<CaseStatus> status,
                      @RequestParam(required = false) Channel channel,
                      @RequestParam(required = false) Priority priority,
                      @RequestParam(required = false) UUID unitId,
                      @RequestParam(required = false) UUID assigneeId,
                      @Parameter(description = "Only cases nobody is assigned to") @RequestParam(defaultValue = "false") boolean unassigned,
                      @RequestParam(required = false) UUID customerId,
                      @Parameter(description = "ISO date, inclusive") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdFrom,
                      @Parameter(description = "ISO date, inclusive") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdTo,
                      @Parameter(description = "Text or a case reference") @RequestParam(required = false) @Size(max = 200) @CleanText String q,
                      @RequestParam(required = false) @Size(max = 50) @CleanText String tag,
                      @Parameter(schema = @Schema(allowableValues = {"updated", "-updated", "created", "-created", "priority"}))
                      @RequestParam(defaultValue = "-updated") String sort,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        CaseFilter filter = new CaseFilter(status, channel, priority, unitId, unassigned ? null : assigneeId, unassigned,
                customerId, createdFrom, createdTo, q, tag);
        return CasePageJson.of(cases.list(client.organizationId(), filter, sort(sort), page, size));
    }

    @GetMapping(path = "/{id}", produces = JSON)
    @Operation(summary = "A case with its messages (notes included), attachment metadata and history",
            description = "Shows the customer's personal data: each read is written to the personal-data access log "
                    + "with this token as the reader.")
    @ApiResponse(responseCode = "200", description = "The case")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseDetailJson detail(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id) {
        return read(client, id);
    }

    @GetMapping(path = "/by-reference/{reference}", produces = JSON)
    @Operation(summary = "A case by its reference (e.g. ASPA-2026-000123)",
            description = "As `GET /api/v1/cases/{id}`, written to the personal-data access log likewise.")
    @ApiResponse(responseCode = "200", description = "The case")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseDetailJson byReference(@AuthenticationPrincipal ApiClient client, @PathVariable String reference) {
        UUID id = reference.length() > 64 ? null : cases.idByReference(client.organizationId(), reference).orElse(null);
        if (id == null) throw AspaException.notFound("Case");
        return read(client, id);
    }

    // ------------------------------------------------------------------ messages and attachments

    @PostMapping(path = "/{id}/messages", consumes = JSON, produces = JSON)
    @Operation(summary = "Add a message", description = "REPLY goes to the customer (a new case becomes open, or "
            + "`status` if given); NOTE is internal; CUSTOMER records the customer's own message (reopens the case).")
    @ApiResponse(responseCode = "201", description = "Created; Location is the message's URL")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "`status` is not a legal move from the case's status",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Invalid fields",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<MessageJson> addMessage(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id,
                                           @Valid @RequestBody NewMessage request) {
        OrganizationId org = client.organizationId();
        if (request.status() != null && request.kind() != ApiMessageKind.REPLY) {
            throw AspaException.invalid("status-only-with-reply", "status can be given with a REPLY only");
        }
        if (request.channel() != null && request.kind() != ApiMessageKind.CUSTOMER) {
            throw AspaException.invalid("channel-only-with-customer", "channel can be given with a CUSTOMER message only");
        }
        UUID messageId = switch (request.kind()) {
            case REPLY -> cases.reply(org, id, Actor.api(), request.body(), request.status());
            case NOTE -> cases.addNote(org, id, Actor.api(), request.body());
            case CUSTOMER -> cases.addCustomerMessage(org, id, request.body(),
                    request.channel() == null ? Channel.API : request.channel(), null);
        };
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{messageId}").buildAndExpand(messageId).toUri();
        return ResponseEntity.created(location).body(message(org, id, messageId));
    }

    @GetMapping(path = "/{id}/messages/{messageId}", produces = JSON)
    @Operation(summary = "One message of a case", description = "Written to the personal-data access log.")
    @ApiResponse(responseCode = "200", description = "The message")
    @ApiResponse(responseCode = "404", description = "No such case or message in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    MessageJson message(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id, @PathVariable UUID messageId) {
        var detail = cases.detail(client.organizationId(), id).orElseThrow(() -> AspaException.notFound("Case"));
        MessageJson message = message(detail, messageId);
        accessLog.recordForClient(client.organizationId(), client.tokenId(), detail.summary().customerId(), PURPOSE_CASE,
                "API read of message " + messageId + " of " + detail.summary().reference());
        return message;
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    @Operation(summary = "Download an attachment", description = "Always as a download, with the type that was "
            + "sniffed from the content when it arrived. Each download is written to the personal-data access log.")
    @ApiResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/octet-stream"))
    @ApiResponse(responseCode = "404", description = "No such case or attachment in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id,
                                      @PathVariable UUID attachmentId) {
        OrganizationId org = client.organizationId();
        AttachmentContent file = cases.attachment(org, id, attachmentId)
                .orElseThrow(() -> AspaException.notFound("Attachment"));
        var summary = cases.summary(org, id).orElseThrow(() -> AspaException.notFound("Case"));
        accessLog.recordForClient(org, client.tokenId(), summary.customerId(), PURPOSE_ATTACHMENT,
                "API download of " + attachmentId + " of " + summary.reference());
        return Downloads.attachment(file.filename(), file.contentType(), file.content());
    }

    // ------------------------------------------------------------------ changes

    @PostMapping(path = "/{id}/status", consumes = JSON, produces = JSON)
    @Operation(summary = "Move the case to another status", description = "Along the lifecycle: NEW → OPEN, WAITING, "
            + "RESOLVED; OPEN ⇄ WAITING; OPEN, WAITING → RESOLVED; RESOLVED → CLOSED or OPEN; CLOSED → OPEN.")
    @ApiResponse(responseCode = "200", description = "The case after the move")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Not a legal move (code illegal-transition)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseJson changeStatus(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id,
                          @Valid @RequestBody StatusChange request) {
        cases.changeStatus(client.organizationId(), id, Actor.api(), request.status());
        return summary(client.organizationId(), id);
    }

    @PutMapping(path = "/{id}/tags", consumes = JSON, produces = JSON)
    @Operation(summary = "Replace the case's tags")
    @ApiResponse(responseCode = "200", description = "The case with its new tags")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseJson setTags(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id, @Valid @RequestBody TagsChange request) {
        cases.setTags(client.organizationId(), id, Actor.api(), request.tags());
        return summary(client.organizationId(), id);
    }

    @PutMapping(path = "/{id}/priority", consumes = JSON, produces = JSON)
    @Operation(summary = "Set the case's priority")
    @ApiResponse(responseCode = "200", description = "The case with its new priority")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseJson setPriority(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id,
                         @Valid @RequestBody PriorityChange request) {
        cases.setPriority(client.organizationId(), id, Actor.api(), request.priority());
        return summary(client.organizationId(), id);
    }

    @PutMapping(path = "/{id}/assignee", consumes = JSON, produces = JSON)
    @Operation(summary = "Assign the case to a staff member, or unassign it (assigneeId null)")
    @ApiResponse(responseCode = "200", description = "The case with its new assignee")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "No such staff member in this organization (code unknown-assignee)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseJson assign(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id,
                    @Valid @RequestBody AssigneeChange request) {
        cases.assign(client.organizationId(), id, Actor.api(), request.assigneeId());
        return summary(client.organizationId(), id);
    }

    @PostMapping(path = "/{id}/transfer", consumes = JSON, produces = JSON)
    @Operation(summary = "Transfer the case to another unit", description = "Unassigns the case; the note, if any, "
            + "is left for the receiving unit as an internal note.")
    @ApiResponse(responseCode = "200", description = "The case in its new unit")
    @ApiResponse(responseCode = "404", description = "No such case in this organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "No such unit, or the case is already there",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    CaseJson transfer(@AuthenticationPrincipal ApiClient client, @PathVariable UUID id, @Valid @RequestBody Transfer request) {
        cases.transfer(client.organizationId(), id, Actor.api(), request.unitId(), request.note());
        return summary(client.organizationId(), id);
    }

    // ------------------------------------------------------------------ internals

    private CaseJson summary(OrganizationId org, UUID id) {
        return cases.summary(org, id).map(CaseJson::of).orElseThrow(() -> AspaException.notFound("Case"));
    }

    /** The case as the token reads it: the read is in the access log before the answer is sent. */
    private CaseDetailJson read(ApiClient client, UUID id) {
        OrganizationId org = client.organizationId();
        var detail = cases.detail(org, id).orElseThrow(() -> AspaException.notFound("Case"));
        accessLog.recordForClient(org, client.tokenId(), detail.summary().customerId(), PURPOSE_CASE,
                "API read of " + detail.summary().reference());
        CustomerJson customer = customers.find(org, detail.summary().customerId()).map(CustomerJson::of).orElse(null);
        RoutingJson routed = routing.decisions(org, id).stream().findFirst().map(d -> {
            var service = d.serviceId() == null ? null : catalogue.find(org, d.serviceId()).orElse(null);
            return RoutingJson.of(d, service == null ? null : service.name().fi(), service == null ? null : service.open311Code());
        }).orElse(null);
        return CaseDetailJson.of(detail, customer, routed);
    }

    private MessageJson message(OrganizationId org, UUID caseId, UUID messageId) {
        return message(cases.detail(org, caseId).orElseThrow(() -> AspaException.notFound("Case")), messageId);
    }

    private static MessageJson message(fi.aspa.cases.CaseDetail detail, UUID messageId) {
        return detail.messages().stream().filter(m -> m.id().equals(messageId)).findFirst().map(MessageJson::of)
                .orElseThrow(() -> AspaException.notFound("Message"));
    }

    static CaseSort sort(String value) {
        return switch (value) {
            case "updated" -> CaseSort.UPDATED_ASC;
            case "-updated" -> CaseSort.UPDATED_DESC;
            case "created" -> CaseSort.CREATED_ASC;
            case "-created" -> CaseSort.CREATED_DESC;
            case "priority" -> CaseSort.PRIORITY;
            default -> throw new AspaException(HttpStatus.BAD_REQUEST, "bad-parameter",
                    "Parameter 'sort' must be one of updated, -updated, created, -created, priority");
        };
    }

}
