package fi.aspa.routing;

import fi.aspa.identity.ApiClient;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Routing over the REST API: topic suggestions for a text, and the routing decisions of a case. */
@RestController
@RequestMapping("/api/v1/routing")
class RoutingApi {
    private final Routing routing;

    RoutingApi(Routing routing) {
        this.routing = routing;
    }

    record SuggestRequest(String text, String language) {}

    record ServiceSuggestion(UUID id, String name, String code, String open311Code, String referenceCode, UUID unitId,
                             double confidence) {}

    record SuggestResponse(String outcome, double threshold, List<ServiceSuggestion> services) {}

    /** Ranked services for a text, with their codes and confidences; {@code outcome} TRIAGE means "do not guess". */
    @PostMapping("/suggest")
    SuggestResponse suggest(@AuthenticationPrincipal ApiClient client, @RequestBody SuggestRequest request) {
        if (request == null) throw AspaException.invalid("required", "text is required");
        Language language = request.language() == null ? Language.FI : Language.parse(request.language())
                .orElseThrow(() -> AspaException.invalid("validation", "language must be fi, sv or en"));
        Suggestion suggestion = routing.suggest(client.organizationId(), request.text(), language);
        return new SuggestResponse(suggestion.outcome().name(), suggestion.threshold(), suggestion.ranked().stream()
                .map(a -> new ServiceSuggestion(a.serviceId(), a.name(),
                        a.open311Code() != null ? a.open311Code() : a.referenceCode(), a.open311Code(), a.referenceCode(),
                        a.unitId(), a.confidence()))
                .toList());
    }

    /** Why the case went where it went: every routing decision, newest first. */
    @GetMapping("/cases/{caseId}/decisions")
    List<RoutingDecision> decisions(@AuthenticationPrincipal ApiClient client, @PathVariable UUID caseId) {
        return routing.decisions(client.organizationId(), caseId);
    }
}
