package fi.aspa.routing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.ApiClient;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Set;
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
    private final Catalogue catalogue;

    RoutingApi(Routing routing, Catalogue catalogue) {
        this.routing = routing;
        this.catalogue = catalogue;
    }

    /**
     * {@code audience}: {@code public} (the default: a resident types into a form, so internal services such as IT
     * or HR are never suggested) or {@code staff} (every service).
     */
    record SuggestRequest(String text, String language, String audience) {}

    record ServiceSuggestion(UUID id, String name, String code, String open311Code, String referenceCode, UUID unitId,
                             double confidence) {}

    record SuggestResponse(String outcome, double threshold, List<ServiceSuggestion> services) {}

    /** Ranked services for a text, with their codes and confidences; {@code outcome} TRIAGE means "do not guess". */
    @PostMapping("/suggest")
    SuggestResponse suggest(@AuthenticationPrincipal ApiClient client, @RequestBody SuggestRequest request) {
        if (request == null) throw AspaException.invalid("required", "text is required");
        Language language = request.language() == null ? Language.FI : Language.parse(request.language())
                .orElseThrow(() -> AspaException.invalid("validation", "language must be fi, sv or en"));
        boolean staff;
        if (request.audience() == null || request.audience().equalsIgnoreCase("public")) staff = false;
        else if (request.audience().equalsIgnoreCase("staff")) staff = true;
        else throw AspaException.invalid("validation", "audience must be public or staff");
        Suggestion suggestion = routing.suggest(client.organizationId(), request.text(), language);
        if (!staff) suggestion = publicOnly(client, suggestion);
        return new SuggestResponse(suggestion.outcome().name(), suggestion.threshold(), suggestion.ranked().stream()
                .map(a -> new ServiceSuggestion(a.serviceId(), a.name(),
                        a.open311Code() != null ? a.open311Code() : a.referenceCode(), a.open311Code(), a.referenceCode(),
                        a.unitId(), a.confidence()))
                .toList());
    }

    /** The suggestion without internal services; confident only if the best public service is. */
    private Suggestion publicOnly(ApiClient client, Suggestion suggestion) {
        Set<UUID> internal = catalogue.internalIds(client.organizationId());
        if (internal.isEmpty()) return suggestion;
        List<RoutingDecision.Alternative> ranked = suggestion.ranked().stream()
                .filter(a -> !internal.contains(a.serviceId())).toList();
        boolean confident = !ranked.isEmpty() && ranked.getFirst().confidence() >= suggestion.threshold();
        return new Suggestion(confident ? RoutingDecision.Outcome.ROUTED : RoutingDecision.Outcome.TRIAGE,
                suggestion.threshold(), ranked);
    }

    /** Why the case went where it went: every routing decision, newest first. */
    @GetMapping("/cases/{caseId}/decisions")
    List<RoutingDecision> decisions(@AuthenticationPrincipal ApiClient client, @PathVariable UUID caseId) {
        return routing.decisions(client.organizationId(), caseId);
    }
}
