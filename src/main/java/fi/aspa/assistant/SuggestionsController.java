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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The suggestions beside a case. With htmx the case page loads the panel into itself and "Insert" posts the reply box's
 * current text with it (a post: a long draft does not fit in a URL) and swaps the box for one holding that draft with
 * the article's text after it, and says so in the page's own live region ({@code #suggestion-status}, whose contents
 * only are replaced, so that screen readers announce it); without JavaScript the panel is a page of its own and
 * "Insert" posts a plain form that opens a reply form already filled in, which posts to the case's own reply action.
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
        // the htmx attributes only inside the case page: on the panel's own page there is no reply box to swap
        model.addAttribute("htmx", htmx != null);
        return htmx != null ? "assistant/suggestions :: panel" : "assistant/suggestions";
    }

    /** {@code body}: what the agent had written in the reply box (htmx sends it), kept before the article's text. */
    @PostMapping("/workspace/cases/{id}/suggestions/{articleId}/insert")
    String insert(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @PathVariable String articleId,
                  @RequestParam(name = "body", required = false) String draft,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID caseId = id(id);
        CaseSummary summary = cases.summary(me.organizationId(), caseId).orElseThrow(() -> AspaException.notFound("Case"));
        if (articleId.length() > 200) throw AspaException.notFound("Article");
        model.addAttribute("insert", suggestions.use(me.organizationId(), caseId, me.id(), articleId).after(draft));
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
