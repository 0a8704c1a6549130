package fi.aspa.handover;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent's hand-over form for a case ({@code /workspace/cases/{id}/handover}) and the administrators' setting
 * ({@code /workspace/admin/handover}). Post, then redirect; errors show the form again with the error summary.
 */
@Controller
class HandoverPages {
    private final HandoverService handovers;
    private final HandoverStore store;
    private final Cases cases;
    private final Organizations organizations;
    private final MessageSource messages;
    private final Clock clock;

    HandoverPages(HandoverService handovers, HandoverStore store, Cases cases, Organizations organizations,
                  MessageSource messages, Clock clock) {
        this.handovers = handovers;
        this.store = store;
        this.cases = cases;
        this.organizations = organizations;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String value, String label) {}

    @GetMapping("/workspace/cases/{id}/handover")
    String form(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Model model, Locale locale) {
        CaseSummary c = caseOf(me, id);
        return render(me, c, model, locale, new FormErrors(messages, locale), Map.of());
    }

    @PostMapping("/workspace/cases/{id}/handover")
    String send(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @RequestParam Map<String, String> form,
                Model model, Locale locale, RedirectAttributes redirect) {
        CaseSummary c = caseOf(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        UUID receiver = uuidOrNull(form.get("receiver"));
        if (receiver == null || !store.acceptingOrganizations(me.organizationId()).contains(receiver)) {
            errors.add("handover-receiver", "handover.error.receiver");
        }
        String summary = form.getOrDefault("summary", "").strip();
        if (summary.isEmpty()) errors.add("handover-summary", "handover.error.summary");
        else if (summary.length() > HandoverService.MAX_SUMMARY) errors.add("handover-summary", "handover.error.too-long", HandoverService.MAX_SUMMARY);
        Handover.Basis basis = null;
        try {
            basis = Handover.Basis.valueOf(form.getOrDefault("basis", ""));
        } catch (IllegalArgumentException e) {
            errors.add("handover-basis", "handover.error.basis");
        }
        String detail = form.getOrDefault("basisDetail", "").strip();
        if (detail.isEmpty()) errors.add("handover-basis-detail", "handover.error.basis-detail");
        else if (detail.length() > HandoverService.MAX_BASIS) errors.add("handover-basis-detail", "handover.error.too-long", HandoverService.MAX_BASIS);
        if ("true".equals(form.get("includeAttachments"))) {
            // all the case's files are sent or none: the agent learns which would not fit before anything is sent
            List<String> over = handovers.attachmentsThatDoNotFit(me.organizationId(), c.id());
            if (!over.isEmpty()) {
                errors.add("handover-attachments", "handover.error.attachments", handovers.maxAttachments(), String.join(", ", over));
            }
        }
        if (!errors.isEmpty()) return render(me, c, model, locale, errors, form);
        handovers.send(me.organizationId(), me.id(), c.id(), new HandoverService.Request(receiver, summary, basis, detail,
                "true".equals(form.get("includeMessages")), "true".equals(form.get("includeAttachments"))));
        redirect.addFlashAttribute("notice", "handover.notice.sent");
        return "redirect:/workspace/cases/" + c.id() + "#handovers";
    }

    @GetMapping("/workspace/admin/handover")
    String admin(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        requireAdmin(me);
        model.addAttribute("accepts", store.accepts(me.organizationId()));
        return "handover/admin";
    }

    @PostMapping("/workspace/admin/handover")
    String saveAdmin(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String accepts,
                     RedirectAttributes redirect) {
        requireAdmin(me);
        store.setAccepts(me.organizationId(), "true".equals(accepts), clock.instant());
        redirect.addFlashAttribute("notice", "handover.admin.saved");
        return "redirect:/workspace/admin/handover";
    }

    private String render(StaffPrincipal me, CaseSummary c, Model model, Locale locale, FormErrors errors, Map<String, String> form) {
        Language language = Language.of(locale);
        List<Option> receivers = new ArrayList<>();
        for (UUID org : store.acceptingOrganizations(me.organizationId())) {
            organizations.find(new OrganizationId(org)).ifPresent(o -> receivers.add(new Option(o.id().value().toString(), o.name().in(language))));
        }
        receivers.sort((a, b) -> a.label().compareToIgnoreCase(b.label()));
        model.addAttribute("c", c);
        model.addAttribute("receivers", receivers);
        model.addAttribute("form", form);
        model.addAttribute("formErrors", errors);
        model.addAttribute("errors", errors.getSummary());
        return "handover/form";
    }

    private CaseSummary caseOf(StaffPrincipal me, String id) {
        UUID caseId = uuidOrNull(id);
        if (caseId == null) throw AspaException.notFound("Case");
        return cases.summary(me.organizationId(), caseId).orElseThrow(() -> AspaException.notFound("Case"));
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators change the hand-over setting");
        }
    }
}
