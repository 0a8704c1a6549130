package fi.aspa.channels.api;

import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;

/** What API clients send. Field rules are bean-validation constraints: a broken rule is a 422 with field errors. */
final class CaseRequests {
    static final String LANGUAGE = "fi|sv|en";

    private CaseRequests() {}

    @Schema(name = "NewCase", description = "A contact from one of the organization's systems; it becomes a case")
    record NewCase(
            @NotNull @Valid CustomerInput customer,
            @NotBlank @Size(max = 200) @CleanText String subject,
            @NotBlank @Size(max = 20_000) @CleanText String body,
            @Schema(description = "Language of the case (fi, sv, en)", defaultValue = "fi", allowableValues = {"fi", "sv", "en"})
            @Pattern(regexp = LANGUAGE) String language,
            @Schema(description = "How the contact arrived; an integration importing e.g. phone contacts sets it", defaultValue = "API")
            Channel channel,
            @Schema(defaultValue = "NORMAL") Priority priority,
            @Size(max = 20) Set<@NotBlank @Size(max = 50) @CleanText String> tags,
            @Schema(description = "The unit that handles the case (GET /api/v1/units)") UUID unitId) {}

    @Schema(name = "CustomerInput", description = "Who contacted: recognized by identity code, business id or verified "
            + "email/phone, otherwise created. The API is a trusted system: the details count as verified.")
    record CustomerInput(
            @NotBlank @Size(max = 200) @CleanText String name,
            @Email @Size(max = 254) @CleanText String email,
            @Size(max = 40) @Pattern(regexp = "\\+?[0-9][0-9 ()-]{3,39}") String phone,
            @Schema(description = "Finnish personal identity code (henkilötunnus); stored, never returned", writeOnly = true)
            @FinnishIds.PersonalId String personalId,
            @Schema(description = "Finnish Business ID (Y-tunnus)") @FinnishIds.Business String businessId,
            @Schema(defaultValue = "PERSON") CustomerKind kind,
            @Schema(description = "Preferred language (fi, sv, en); defaults to the case's", allowableValues = {"fi", "sv", "en"})
            @Pattern(regexp = LANGUAGE) String language) {

        @Override
        public String toString() {
            return "CustomerInput[" + kind + "]";
        }
    }

    @Schema(name = "NewMessage", description = "A message on a case. `status` (only with REPLY) moves the case along "
            + "its lifecycle; `channel` (only with CUSTOMER) says how the customer's message arrived.")
    record NewMessage(
            @NotNull ApiMessageKind kind,
            @NotBlank @Size(max = 20_000) @CleanText String body,
            CaseStatus status,
            @Schema(defaultValue = "API") Channel channel) {}

    @Schema(name = "StatusChange")
    record StatusChange(@NotNull CaseStatus status) {}

    @Schema(name = "TagsChange", description = "Replaces the case's tags (lower-cased, at most 20)")
    record TagsChange(@NotNull @Size(max = 20) Set<@NotBlank @Size(max = 50) @CleanText String> tags) {}

    @Schema(name = "PriorityChange")
    record PriorityChange(@NotNull Priority priority) {}

    @Schema(name = "AssigneeChange", description = "A staff member of the organization; null unassigns")
    record AssigneeChange(UUID assigneeId) {}

    @Schema(name = "Transfer", description = "Moves the case to another unit (unassigning it) with a note for that unit")
    record Transfer(@NotNull UUID unitId, @Size(max = 20_000) @CleanText String note) {}
}
