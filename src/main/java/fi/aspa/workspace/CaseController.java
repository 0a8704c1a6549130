package fi.aspa.workspace;

import fi.aspa.cases.Actor;
import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.AttachmentLimits;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Lifecycle;
import fi.aspa.cases.Priority;
import fi.aspa.cases.ReplyByEmail;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceName;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.OrganizationId;
import fi.aspa.handover.Handovers;
import fi.aspa.sla.ServiceLevels;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page and its actions. Every action is a plain form post that redirects back with a notice; a form
 * filled in wrongly, or a move the case no longer allows (a stale page), shows the page again with an error
 * summary. Every view of the page writes one entry to the personal-data access log (purpose "case-handling").
 */
@Controller
class CaseController {
    static final String PURPOSE_CASE = "case-handling";
    static final String PURPOSE_PERSONAL_ID = "show-personal-id";
    static final String PURPOSE_ATTACHMENT = "attachment-download";
    static final Set<CaseStatus> AFTER_REPLY = Set.of(CaseStatus.WAITING, CaseStatus.RESOLVED);

    private final Cases cases;
    private final CaseViews views;
    private final Directory directory;
    private final WorkspaceLabels labels;
    private final PersonalDataLog accessLog;
    private final ServiceLevels serviceLevels;
    private final Handovers handovers;
    private final CustomerController customerPages;

    private final Routing routing;
    private final Catalogue catalogue;
    private final Staff staff;
    private final ObjectProvider<ReplyByEmail> replyByEmail;
    /** The container's upload limits: a file or a post over them is refused before any controller sees it. */
    private final long uploadMaxFileBytes;
    private final long uploadMaxRequestBytes;

    CaseController(Cases cases, CaseViews views, Directory directory, WorkspaceLabels labels, PersonalDataLog accessLog,
                   ServiceLevels serviceLevels, Handovers handovers, CustomerController customerPages,
                   Routing routing, Catalogue catalogue, Staff staff, ObjectProvider<ReplyByEmail> replyByEmail,
                   @Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize uploadMaxFile,
                   @Value("${spring.servlet.multipart.max-request-size:30MB}") DataSize uploadMaxRequest) {
        this.uploadMaxFileBytes = uploadMaxFile.toBytes();
        this.uploadMaxRequestBytes = uploadMaxRequest.toBytes();
        this.replyByEmail = replyByEmail;
        this.routing = routing;
        this.catalogue = catalogue;
        this.staff = staff;
        this.cases = cases;
        this.views = views;
        this.directory = directory;
        this.labels = labels;
        this.accessLog = accessLog;
        this.serviceLevels = serviceLevels;
        this.handovers = handovers;
        this.customerPages = customerPages;
    }

    /** The forms of the page: the field an error points to by default, and for some error codes another one. */
    enum Form {
        REPLY("reply-body", Map.of("illegal-transition", "reply-after", "attachment-type", "reply-attachments",
                "attachment-too-large", "reply-attachments", "too-many-attachments", "reply-attachments")),
        NOTE("note-body", Map.of("attachment-type", "note-attachments", "attachment-too-large", "note-attachments",
                "too-many-attachments", "note-attachments")),
        ASSIGN("assign-to", Map.of()),
        TRANSFER("transfer-unit", Map.of("required", "transfer-note", "too-long", "transfer-note", "invalid-text", "transfer-note")),
        STATUS("status-change", Map.of()),
        TAGS("tags", Map.of()),
        PRIORITY("priority", Map.of()),
        SERVICE("routing-service", Map.of());

        final String field;
        final Map<String, String> fieldByCode;

        Form(String field, Map<String, String> fieldByCode) {
            this.field = field;
            this.fieldByCode = fieldByCode;
        }

        String fieldFor(String code) {
            return fieldByCode.getOrDefault(code, field);
        }
    }

    record Option(String value, String label) {}

    @FunctionalInterface
    interface Action {
        void run(OrganizationId organization, UUID caseId, Actor actor);
    }

    // ------------------------------------------------------------------ pages

    @GetMapping("/workspace/cases/{id}")
    String view(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Model model) {
        return render(me, caseId(id), model, List.of(), Map.of(), PURPOSE_CASE, false);
    }

    /** Shows the full identity code: a separate, separately logged view of personal data. */
    @PostMapping("/workspace/cases/{id}/customer/personal-id")
    String showPersonalId(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Model model,
                          HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        model.addAttribute("notice", "workspace.notice.personal-id-shown");
        return render(me, caseId(id), model, List.of(), Map.of(), PURPOSE_PERSONAL_ID, true);
    }

    @GetMapping("/workspace/cases/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                                      @PathVariable String attachmentId) {
        OrganizationId org = me.organizationId();
        UUID caseId = caseId(id);
        CaseSummary summary = cases.summary(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        AttachmentContent file = cases.attachment(org, caseId, parseId(attachmentId))
                .orElseThrow(() -> AspaException.notFound("Attachment"));
        accessLog.record(org, me.id(), summary.customerId(), PURPOSE_ATTACHMENT, attachmentId);
        return Downloads.attachment(file.filename(), file.contentType(), file.content());
    }

    // ------------------------------------------------------------------ actions

    /**
     * The reply, with the files chosen for it ({@code attachments}, multipart; the form without files may come
     * url-encoded too, as the suggestions' insert page sends it). A refused file refuses the reply: the page comes back
     * with the text as written, the error beside the file field and a request to choose the files again (a browser
     * cannot be given them back). An upload over the container's limits never reaches this: {@code platform.MultipartLimits}
     * answers it with the localized 413 page.
     */
    @PostMapping("/workspace/cases/{id}/reply")
    String reply(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                 @RequestParam(required = false) String body, @RequestParam(required = false) String after,
                 @RequestParam(name = "attachments", required = false) List<MultipartFile> attachments,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        List<MultipartFile> files = Uploads.chosen(attachments);
        return act(me, id, Form.REPLY, Map.of("reply-body", nz(body), "reply-after", nz(after)), model, redirect, response,
                !files.isEmpty(), "workspace.notice.replied", (org, caseId, actor) -> {
                    List<FieldMessage> errors = new ArrayList<>();
                    if (body == null || body.isBlank()) errors.add(error("reply-body", "workspace.error.reply-required"));
                    CaseStatus next = null;
                    if (after != null && !after.isBlank()) {
                        next = parseEnum(CaseStatus.class, after);
                        if (next == null || !AFTER_REPLY.contains(next)) errors.add(error("reply-after", "workspace.error.reply-after"));
                    }
                    errors.addAll(Uploads.check(files, cases.attachmentLimits(), "reply-attachments", labels));
                    check(errors);
                    cases.reply(org, caseId, actor, body, next, Uploads.toAttachments(files));
                });
    }

    /** An internal note, with files as the reply has them; staff only. */
    @PostMapping("/workspace/cases/{id}/notes")
    String note(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                @RequestParam(required = false) String body,
                @RequestParam(name = "attachments", required = false) List<MultipartFile> attachments,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        List<MultipartFile> files = Uploads.chosen(attachments);
        return act(me, id, Form.NOTE, Map.of("note-body", nz(body)), model, redirect, response, !files.isEmpty(),
                "workspace.notice.noted", (org, caseId, actor) -> {
                    List<FieldMessage> errors = new ArrayList<>();
                    if (body == null || body.isBlank()) errors.add(error("note-body", "workspace.error.note-required"));
                    errors.addAll(Uploads.check(files, cases.attachmentLimits(), "note-attachments", labels));
                    check(errors);
                    cases.addNote(org, caseId, actor, body, Uploads.toAttachments(files));
                });
    }

    /** {@code assignee}: "me", "none" (unassign) or a staff member's id. */
    @PostMapping("/workspace/cases/{id}/assignee")
    String assign(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                  @RequestParam(required = false) String assignee,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.ASSIGN, Map.of("assign-to", nz(assignee)), model, redirect, response, "workspace.notice.assigned",
                (org, caseId, actor) -> {
                    UUID to;
                    if ("me".equals(assignee)) to = me.id();
                    else if ("none".equals(assignee)) to = null;
                    else {
                        to = uuidOrNull(assignee);
                        if (to == null) check(List.of(error("assign-to", "workspace.error.assignee")));
                    }
                    cases.assign(org, caseId, actor, to);
                });
    }

    @PostMapping("/workspace/cases/{id}/transfer")
    String transfer(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                    @RequestParam(required = false) String unit, @RequestParam(required = false) String note,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.TRANSFER, Map.of("transfer-unit", nz(unit), "transfer-note", nz(note)), model, redirect,
                response, "workspace.notice.transferred", (org, caseId, actor) -> {
                    List<FieldMessage> errors = new ArrayList<>();
                    UUID to = uuidOrNull(unit);
                    if (to == null) errors.add(error("transfer-unit", "workspace.error.transfer-unit"));
                    if (note == null || note.isBlank()) errors.add(error("transfer-note", "workspace.error.transfer-note"));
                    check(errors);
                    cases.transfer(org, caseId, actor, to, note);
                });
    }

    @PostMapping("/workspace/cases/{id}/status")
    String status(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                  @RequestParam(required = false) String to,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.STATUS, Map.of(), model, redirect, response, "workspace.notice.status-changed",
                (org, caseId, actor) -> {
                    CaseStatus next = parseEnum(CaseStatus.class, to);
                    if (next == null) check(List.of(error("status-change", "workspace.error.status")));
                    cases.changeStatus(org, caseId, actor, next);
                });
    }

    @PostMapping("/workspace/cases/{id}/tags")
    String tags(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                @RequestParam(required = false) String tags,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.TAGS, Map.of("tags", nz(tags)), model, redirect, response, "workspace.notice.tagged",
                (org, caseId, actor) -> {
                    Set<String> values = tags == null ? Set.of() : Arrays.stream(tags.split(","))
                            .map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
                    if (values.stream().anyMatch(t -> t.length() > 50)) check(List.of(error("tags", "workspace.error.tag-too-long")));
                    cases.setTags(org, caseId, actor, values);
                });
    }

    @PostMapping("/workspace/cases/{id}/priority")
    String priority(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                    @RequestParam(required = false) String priority,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.PRIORITY, Map.of("priority", nz(priority)), model, redirect, response,
                "workspace.notice.priority-changed", (org, caseId, actor) -> {
                    Priority value = parseEnum(Priority.class, priority);
                    if (value == null) check(List.of(error("priority", "workspace.error.priority")));
                    cases.setPriority(org, caseId, actor, value);
                });
    }

    /**
     * One-step correction: the case's service was wrong (or undecided). The case moves to the chosen service's unit,
     * the classifier learns the text, and a routing decision names this person as the decider.
     */
    @PostMapping("/workspace/cases/{id}/service")
    String service(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                   @RequestParam(required = false) String service,
                   Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(me, id, Form.SERVICE, Map.of("routing-service", nz(service)), model, redirect, response,
                "workspace.notice.service-changed", (org, caseId, actor) -> {
                    UUID to = uuidOrNull(service);
                    if (to == null || catalogue.find(org, to).isEmpty()) check(List.of(error("routing-service", "workspace.error.service")));
                    routing.choose(org, caseId, to, me.id());
                });
    }

    /**
     * The case's latest routing decision, for the "Service" section. {@code reasonLanguage} is "en" for a decision made
     * before reasons were stored as codes (its reason is the stored English text), else null: the page's language.
     */
    record RoutingView(String service, String confidence, String reason, String reasonLanguage, String decidedBy) {}

    private RoutingView routingView(OrganizationId org, UUID caseId, Locale locale) {
        RoutingDecision latest = routing.decisions(org, caseId).stream().findFirst().orElse(null);
        if (latest == null) return new RoutingView(null, null, null, null, null);
        Language language = Language.of(locale);
        String service = latest.serviceId() == null ? null
                : catalogue.find(org, latest.serviceId()).map(s -> s.name().in(language)).orElse(null);
        String confidence = latest.decidedBy() != null || latest.ruleId() != null || RoutingDecision.BY_RULE.equals(latest.model())
                ? null : String.format(locale, "%.0f %%", latest.confidence() * 100);
        String by = latest.decidedBy() != null
                ? labels.msg("workspace.routing.by-person", staff.find(org, latest.decidedBy()).map(StaffUser::displayName).orElse("?"))
                : RoutingDecision.BY_RULE.equals(latest.model()) ? labels.msg("workspace.routing.by-rule")
                : labels.msg("workspace.routing.by-classifier");
        Optional<String> explained = routing.explain(org, latest, locale);
        return new RoutingView(service, confidence, explained.orElse(latest.reason()), explained.isPresent() ? null : "en", by);
    }

    /**
     * Where the reply goes, said above the send button. Whether it is emailed, and to which address, is the email
     * channel's own rule ({@link ReplyByEmail}); otherwise the case's channel says where the customer can see it. The
     * address is the customer's personal data: it is shown only on this page, whose every view is logged
     * ({@link CaseViews#build}: {@code Customers.viewAsStaff}) before this is asked.
     */
    private String replyDestination(CaseSummary summary, ReplyByEmail.Decision email) {
        if (email.outcome() == ReplyByEmail.Outcome.SENT) return labels.msg("workspace.reply.to.email", email.address());
        if (email.outcome() != ReplyByEmail.Outcome.OTHER_CHANNEL && summary.tags().contains(Handovers.TAG)) {
            // handed over from another organization: email is the only way the resident sees this organization's reply
            return labels.msg(email.outcome() == ReplyByEmail.Outcome.NO_MAILBOX
                    ? "workspace.reply.to.no-mailbox" : "workspace.reply.to.handover-no-address");
        }
        return switch (summary.channel()) {
            // an email case that cannot be answered by email: the customer has no other way to see the reply
            case EMAIL -> labels.msg(email.outcome() == ReplyByEmail.Outcome.NO_MAILBOX
                    ? "workspace.reply.to.no-mailbox" : "workspace.reply.to.no-address");
            case WEB_FORM -> labels.msg("workspace.reply.to.tracking");
            case CHAT -> labels.msg("workspace.reply.to.chat");
            case OPEN311 -> labels.msg("workspace.reply.to.open311");
            case API -> labels.msg("workspace.reply.to.api");
            case INTERNAL -> labels.msg("workspace.reply.to.internal");
            // a callback request's page gives the tracking link; a logged call, a visit or a booking does not
            case PHONE, WALK_IN, APPOINTMENT, CHATBOT -> labels.msg("workspace.reply.to.tracking-if-given");
        };
    }

    /**
     * Said beside the reply's file field where the reply reaches the customer but its files do not: a chat shows
     * text only, and an Open311 request publishes the reply's text but not files an agent attached. Elsewhere the
     * files go where the reply goes (by email as attachments, on the tracking page, on the requester's order page,
     * through the API).
     */
    private String attachmentsDelivery(CaseSummary summary, ReplyByEmail.Decision email) {
        if (email.outcome() == ReplyByEmail.Outcome.SENT) return null; // as attachments of the mail
        return switch (summary.channel()) {
            case CHAT -> labels.msg("workspace.attachments.not-delivered.chat");
            case OPEN311 -> labels.msg("workspace.attachments.not-delivered.open311");
            default -> null;
        };
    }

    // ------------------------------------------------------------------ internals

    private String act(StaffPrincipal me, String id, Form form, Map<String, String> values, Model model,
                       RedirectAttributes redirect, HttpServletResponse response, String notice, Action action) {
        return act(me, id, form, values, model, redirect, response, false, notice, action);
    }

    /**
     * Runs an action; on success redirects back with a notice, on a form error shows the page with the errors.
     * {@code filesChosen}: the post carried files, which a page shown again cannot keep: it asks for them again.
     */
    private String act(StaffPrincipal me, String id, Form form, Map<String, String> values, Model model,
                       RedirectAttributes redirect, HttpServletResponse response, boolean filesChosen, String notice,
                       Action action) {
        UUID caseId = caseId(id);
        try {
            action.run(me.organizationId(), caseId, Actor.staff(me.id()));
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/workspace/cases/" + caseId;
        } catch (FormError e) {
            response.setStatus(422);
            if (filesChosen) model.addAttribute("filesDropped", form.name());
            return render(me, caseId, model, e.errors(), values, PURPOSE_CASE, false);
        } catch (AspaException e) {
            if ("not-found".equals(e.code())) throw e;
            if (filesChosen) model.addAttribute("filesDropped", form.name());
            response.setStatus(e.status().value());
            String message = labels.msgOr("error." + e.code(), e.args(), "error.validation");
            return render(me, caseId, model, List.of(new FieldMessage(form.fieldFor(e.code()), message)), values,
                    PURPOSE_CASE, false);
        }
    }

    private String render(StaffPrincipal me, UUID caseId, Model model, List<FieldMessage> errors,
                          Map<String, String> values, String purpose, boolean revealPersonalId) {
        OrganizationId org = me.organizationId();
        CaseDetail detail = cases.detail(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        Directory.Names names = directory.load(org);
        CaseView view = views.build(org, me.id(), detail, names, purpose, revealPersonalId);
        CaseStatus status = detail.summary().status();

        Map<String, String> fieldErrors = new HashMap<>();
        errors.forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        Map<String, String> form = new HashMap<>(values);
        form.putIfAbsent("tags", view.tagsText());
        form.putIfAbsent("priority", detail.summary().priority().name());

        List<Option> replyAfter = new ArrayList<>();
        replyAfter.add(new Option("", labels.msg(status == CaseStatus.NEW ? "workspace.reply.after.open" : "workspace.reply.after.keep",
                labels.status(status))));
        Lifecycle.nextFrom(status).stream().filter(AFTER_REPLY::contains).sorted()
                .forEach(s -> replyAfter.add(new Option(s.name(), labels.status(s))));

        model.addAttribute("c", view);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("form", form);
        model.addAttribute("replyAfter", replyAfter);
        ReplyByEmail rule = replyByEmail.getIfAvailable();
        ReplyByEmail.Decision email = rule == null ? ReplyByEmail.Decision.OTHER_CHANNEL : rule.decide(org, caseId);
        model.addAttribute("replyDestination", replyDestination(detail.summary(), email));
        // what the form says and checks before sending: the cases module's limits, a file no larger than the
        // container takes, and the whole post no larger than it takes
        AttachmentLimits limits = cases.attachmentLimits();
        model.addAttribute("attachmentLimits", new AttachmentLimits(limits.maxFiles(), Math.min(limits.maxFileBytes(), uploadMaxFileBytes)));
        model.addAttribute("maxUploadBytes", uploadMaxRequestBytes);
        model.addAttribute("maxUploadMegabytes", uploadMaxRequestBytes / (1024 * 1024));
        model.addAttribute("attachmentsDelivery", attachmentsDelivery(detail.summary(), email));
        model.addAttribute("nextStatuses", Lifecycle.nextFrom(status).stream().sorted()
                .map(s -> new Option(s.name(), labels.status(s))).toList());
        model.addAttribute("staffOptions", names.staff().stream()
                .map(s -> new Option(s.id().toString(), s.name())).toList());
        model.addAttribute("unitOptions", names.units().stream().filter(u -> !u.id().equals(view.unitId()))
                .map(u -> new Option(u.id().toString(), u.label())).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values())
                .map(p -> new Option(p.name(), labels.priority(p))).toList());
        model.addAttribute("assignedToMe", me.id().equals(view.assigneeId()));
        model.addAttribute("slaClocks", serviceLevels.clocks(org, caseId));
        model.addAttribute("handovers", handovers.ofCase(org, caseId));
        model.addAttribute("duplicates", customerPages.duplicates(org, view.customer().id()));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("routingView", routingView(org, caseId, locale));
        Language language = Language.of(locale);
        model.addAttribute("serviceOptions", catalogue.names(org).stream()
                .sorted(java.util.Comparator.comparing((ServiceName s) -> s.name().in(language)))
                .map(s -> new Option(s.id().toString(), s.name().in(language)
                        + (s.open311Code() == null ? "" : " (" + s.open311Code() + ")"))).toList());
        return "workspace/case";
    }

    private FieldMessage error(String field, String key) {
        return new FieldMessage(field, labels.msg(key));
    }

    private static void check(List<FieldMessage> errors) {
        if (!errors.isEmpty()) throw new FormError(errors);
    }

    /** A case id that is not even a UUID is a case that does not exist. */
    private static UUID caseId(String id) {
        return parseId(id);
    }

    private static UUID parseId(String id) {
        UUID value = uuidOrNull(id);
        if (value == null) throw AspaException.notFound("Case");
        return value;
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }



}
