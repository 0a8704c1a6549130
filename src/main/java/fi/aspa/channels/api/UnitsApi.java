package fi.aspa.channels.api;

import fi.aspa.channels.api.CaseResponses.UnitJson;
import fi.aspa.identity.ApiClient;
import fi.aspa.organization.Organizations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organization's units, for the unit ids that cases are created in, filtered by and transferred to. */
@RestController
@Tag(name = "Organization")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class UnitsApi {
    private final Organizations organizations;

    UnitsApi(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping(path = "/api/v1/units", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The organization's units, parents before children")
    List<UnitJson> units(@AuthenticationPrincipal ApiClient client) {
        return organizations.units(client.organizationId()).stream().map(UnitJson::of).toList();
    }
}
