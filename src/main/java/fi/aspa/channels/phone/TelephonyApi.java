package fi.aspa.channels.phone;

import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Channel;
import fi.aspa.identity.ApiClient;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The telephony hook. The organization's phone system (a contact-center product, a PBX script) posts the caller's
 * number when a call comes in, optionally with the username of the agent it is ringing; Aspa answers with the
 * customers who have that number, their latest cases, and the workspace URL that opens the phone page for that
 * number with the callers' timelines (the telephony client pops it up for the agent, who logs in as usual).
 * Each customer returned is written to the personal-data access log: under the agent when one is named, else
 * under the API token ({@link fi.aspa.identity.PersonalDataLog#recordForClient}).
 */
@RestController
@Tag(name = "Telephony", description = "Incoming calls from the organization's phone system")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "Missing or unknown API token",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class TelephonyApi {
    private final CallerLookup lookup;
    private final Staff staff;

    TelephonyApi(CallerLookup lookup, Staff staff) {
        this.lookup = lookup;
        this.staff = staff;
    }

    @Schema(name = "TelephonyIncomingCall", description = "An incoming call")
    record IncomingCall(
            @Schema(description = "The caller's number: +358…, 0…, or E.164 digits", example = "+358401234567")
            @NotBlank @Size(max = 40) String phone,
            @Schema(description = "The username of the agent the call rings for (optional)", example = "agentti")
            @Size(max = 100) String agentUsername) {}

    @Schema(name = "TelephonyRecentCase", description = "One of the caller's latest cases")
    record RecentCase(UUID id, String reference, String subject, CaseStatus status, Channel channel, Instant updatedAt,
                      String workspaceUrl) {}

    @Schema(name = "TelephonyCaller", description = "A customer with the caller's number")
    record Caller(UUID id, String name, List<RecentCase> recentCases) {}

    @Schema(name = "TelephonyIncomingCallResult")
    record IncomingCallResult(
            @Schema(description = "The number in international form") String phone,
            @Schema(description = "Customers with this number; empty for a new caller") List<Caller> customers,
            @Schema(description = "Opens the phone page for this number in the agent workspace") String workspaceUrl,
            String agentUsername) {}

    @PostMapping(path = "/api/v1/telephony/incoming", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An incoming call: who is calling",
            description = "Returns the organization's customers with the caller's number (by contact point), their latest "
                    + "cases, and `workspaceUrl`, the agent workspace page for the call: `/workspace/phone?number=…` with "
                    + "the number filled in and the callers' recent cases shown, ready to log the call. Each customer "
                    + "returned is written to the personal-data access log: under the agent when `agentUsername` is "
                    + "given, else under this token.")
    @ApiResponse(responseCode = "200", description = "The callers (possibly none) and the workspace URL")
    @ApiResponse(responseCode = "422", description = "The number is not a phone number, or no such agent in the organization",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    IncomingCallResult incoming(@AuthenticationPrincipal ApiClient client, @Valid @RequestBody IncomingCall call,
                                HttpServletRequest request) {
        if (!PhoneNumbers.isLookup(call.phone())) {
            throw AspaException.invalid("invalid-phone", "phone is not a phone number");
        }
        UUID agentId = null;
        if (call.agentUsername() != null && !call.agentUsername().isBlank()) {
            agentId = staff.inOrganization(client.organizationId()).stream()
                    .filter(s -> s.username().equals(call.agentUsername().strip())).map(StaffUser::id).findFirst()
                    .orElseThrow(() -> AspaException.invalid("unknown-agent", "No such agent in this organization"));
        }
        String number = PhoneNumbers.international(call.phone());
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        List<Caller> callers = lookup.forClient(client.organizationId(), number, client, agentId).stream()
                .map(c -> new Caller(c.id(), c.name(), c.recentCases().stream()
                        .map(s -> new RecentCase(s.id(), s.reference(), s.subject(), s.status(), s.channel(), s.updatedAt(),
                                base + "/workspace/cases/" + s.id()))
                        .toList()))
                .toList();
        return new IncomingCallResult(number, callers, base + PhoneNumbers.phonePagePath(number),
                agentId == null ? null : call.agentUsername().strip());
    }
}
