package fi.aspa.assistant;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The suggestions beside a case. With htmx the case page loads the panel into itself and "Insert" swaps the reply
 * box for one holding the article's text; without JavaScript the panel is a page of its own and "Insert" opens a
 * reply form already filled in, which posts to the case's own reply action.
 */
@Controller
class SuggestionsController {
    private final Suggestions suggestions;
    private final Cases cases;

    SuggestionsController(Suggestions suggestions, Cases cases) {
        this.suggestions = suggestions;
        this.cases = cases;
    }

    @GetMapping("/workspace/cases/{id}/suggestions")
    String panel(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID caseId = id(id);
        CaseSummary summary = cases.summary(me.organizationId(), caseId).orElseThrow(() -> AspaException.notFound("Case"));
        model.addAttribute("panel", suggestions.forCase(me.organizationId(), caseId, me.id()));
        model.addAttribute("summary", summary);
        return htmx != null ? "assistant/suggestions :: panel" : "assistant/suggestions";
    }

    @GetMapping("/workspace/cases/{id}/suggestions/{articleId}/insert")
    String insert(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @PathVariable String articleId,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID caseId = id(id);
        CaseSummary summary = cases.summary(me.organizationId(), caseId).orElseThrow(() -> AspaException.notFound("Case"));
        if (articleId.length() > 200) throw AspaException.notFound("Article");
        model.addAttribute("insert", suggestions.use(me.organizationId(), caseId, me.id(), articleId));
        model.addAttribute("summary", summary);
        return htmx != null ? "assistant/insert :: swap" : "assistant/insert";
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AspaException.notFound("Case");
        }
    }
}
