package fi.aspa.workspace;

import fi.aspa.cases.Cases;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.cases.TimelinePage;
import fi.aspa.customer.ContactAudit;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerMerge;
import fi.aspa.customer.Customers;
import fi.aspa.customer.DuplicateCandidate;
import fi.aspa.customer.DuplicateReason;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer page {@code /workspace/customers/{id}}: the customer's details and contact points (an agent marks one
 * verified or not), possible duplicates, the whole timeline across channels and cases, the merge log and the
 * verification audit (the timeline in pages of {@value #TIMELINE_LENGTH}, older ones behind a plain link); and the merge of a duplicate into this customer after a confirmation page showing both, and
 * its undo by a manager or an administrator after a confirmation page asking why.
 * Every view is a logged view of personal data ({@link Customers#viewAsStaff}). A merged customer's page redirects
 * to the customer it was merged into.
 */
@Controller
class CustomerController {
    static final String PURPOSE_PAGE = "customer-page";
    static final String PURPOSE_MERGE_REVIEW = "customer-merge-review";
    /** Messages on one page of the timeline; older ones are a link away ({@code ?before=}, keyset-paged). */
    static final int TIMELINE_LENGTH = 200;

    private final Customers customers;
    private final Cases cases;
    private final Directory directory;
    private final WorkspaceLabels labels;
    private final CustomerDataExport dataExport;
    private final JsonMapper json;

    CustomerController(Customers customers, Cases cases, Directory directory, WorkspaceLabels labels,
                       CustomerDataExport dataExport, JsonMapper json) {
        this.customers = customers;
        this.cases = cases;
        this.directory = directory;
        this.labels = labels;
        this.dataExport = dataExport;
        this.json = json;
    }

    record ContactRow(String kindCode, String kind, String value, boolean verified, String fieldId) {}

    record DuplicateRow(UUID id, String name, int score, String reasons) {}

    record MergeRow(UUID id, UUID into, UUID from, String fromName, String intoName, String who, String reason, String at,
                    String atIso, boolean incoming, boolean undoable, String undoneWho, String undoneAt, String undoneAtIso,
                    String undoReason) {}

    record AuditRow(String kind, String value, String change, String who, String at, String atIso) {}

    record Side(UUID id, String name, String kind, String maskedPersonalId, String businessId, List<ContactRow> contacts,
                int cases) {}

    // ------------------------------------------------------------------ pages

    @GetMapping("/workspace/customers/{id}")
    String page(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                @RequestParam(required = false) String merged, @RequestParam(required = false) String before, Model model) {
        OrganizationId org = me.organizationId();
        UUID customerId = parse(id);
        UUID current = customers.current(org, customerId).orElseThrow(() -> AspaException.notFound("Customer"));
        if (!current.equals(customerId)) return "redirect:/workspace/customers/" + current + "?merged=" + customerId;
        String cursor = before == null || before.isBlank() ? null : before.strip();
        // every page of the timeline, older ones too, is a view of the customer's personal data: logged before it is read
        Customer customer = customers.viewAsStaff(org, me.id(), customerId, PURPOSE_PAGE);
        TimelinePage page = cases.timeline(org, customerId, cursor, TIMELINE_LENGTH);
        Directory.Names names = directory.load(org);
        model.addAttribute("customer", customer);
        model.addAttribute("customerName", labels.customerName(customer.name()));
        model.addAttribute("cameFromMerged", merged != null && !merged.isBlank());
        model.addAttribute("kind", labels.customerKind(customer.kind()));
        model.addAttribute("languageName", labels.languageName(customer.preferredLanguage()));
        model.addAttribute("contacts", contacts(customer));
        model.addAttribute("duplicates", duplicates(org, customerId));
        model.addAttribute("timeline", page.entries().stream().map(this::timelineItem).toList());
        model.addAttribute("timelineOlder", page.older());
        model.addAttribute("timelineOlderPage", cursor != null);
        List<CustomerMerge> merges = customers.merges(org, customerId);
        java.util.Map<UUID, String> customerNames = customers.names(org, merges.stream().map(CustomerMerge::into).distinct().toList());
        model.addAttribute("merges", merges.stream().map(m -> mergeRow(m, customerId, names, customerNames)).toList());
        model.addAttribute("canUnmerge", me.has(Role.UNIT_MANAGER));
        model.addAttribute("canReviewLog", me.has(Role.ADMIN));
        model.addAttribute("canExport", me.has(Role.UNIT_MANAGER));
        model.addAttribute("audit", customers.contactAudit(org, customerId).stream().map(a -> auditRow(a, names)).toList());
        return "workspace/customer";
    }

    /**
     * Everything the organization holds on the customer as JSON ({@link CustomerDataExport}), for the customer's request
     * to see their data; unit managers and administrators only, who answer such requests. A merged customer's id leads
     * to the customer it was merged into.
     */
    @GetMapping("/workspace/customers/{id}/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id) {
        if (!me.has(Role.UNIT_MANAGER)) throw AspaException.forbidden("Only a manager or an administrator exports a customer's data");
        UUID customerId = parse(id);
        UUID current = customers.current(me.organizationId(), customerId).orElseThrow(() -> AspaException.notFound("Customer"));
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(dataExport.export(me, current));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("customer-" + current + ".json").build().toString())
                .body(body);
    }

    @GetMapping("/workspace/customers/{id}/merge")
    String review(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                  @RequestParam(required = false) String from, Model model) {
        return renderReview(me, parse(id), parse(from), "", List.of(), model);
    }

    /** The confirmation page of undoing a merge into this customer (managers and administrators). */
    @GetMapping("/workspace/customers/{id}/merges/{mergeId}/undo")
    String reviewUnmerge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @PathVariable String mergeId,
                         Model model) {
        return renderUnmerge(me, undoable(me, parse(id), parse(mergeId)), "", List.of(), model);
    }

    // ------------------------------------------------------------------ actions

    @PostMapping("/workspace/customers/{id}/merges/{mergeId}/undo")
    String unmerge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, @PathVariable String mergeId,
                   @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        UUID into = parse(id);
        CustomerMerge merge = undoable(me, into, parse(mergeId));
        try {
            customers.unmerge(me.organizationId(), me.id(), merge.id(), reason);
        } catch (AspaException e) {
            if ("not-found".equals(e.code())) throw e;
            if (e.status().value() == 409) {
                redirect.addFlashAttribute("problem", labels.msgOr("error." + e.code(), e.args(), "error.validation"));
                return "redirect:/workspace/customers/" + customers.current(me.organizationId(), into).orElse(into) + "#merges";
            }
            response.setStatus(e.status().value());
            return renderUnmerge(me, merge, reason == null ? "" : reason,
                    List.of(new FieldMessage("unmerge-reason", labels.msgOr("error." + e.code(), e.args(), "error.validation"))), model);
        }
        redirect.addFlashAttribute("notice", "customer.notice.unmerged");
        return "redirect:/workspace/customers/" + into + "#merges";
    }

    @PostMapping("/workspace/customers/{id}/merge")
    String merge(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String reason,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        UUID into = parse(id);
        UUID other = parse(from);
        try {
            customers.merge(me.organizationId(), me.id(), into, other, reason);
        } catch (AspaException e) {
            if ("not-found".equals(e.code())) throw e;
            if ("merge-already-merged".equals(e.code())) {
                // someone else merged one of the two meanwhile: show where the customer lives now, and say so
                redirect.addFlashAttribute("problem", labels.msg("error.merge-already-merged"));
                return "redirect:/workspace/customers/" + customers.current(me.organizationId(), into).orElse(into);
            }
            response.setStatus(e.status().value());
            String field = "merge-reason-required".equals(e.code()) || "too-long".equals(e.code()) ? "merge-reason" : "merge-submit";
            return renderReview(me, into, other, reason == null ? "" : reason,
                    List.of(new FieldMessage(field, labels.msgOr("error." + e.code(), e.args(), "error.validation"))), model);
        }
        redirect.addFlashAttribute("notice", "customer.notice.merged");
        return "redirect:/workspace/customers/" + into;
    }

    @PostMapping("/workspace/customers/{id}/contacts")
    String verify(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                  @RequestParam(required = false) String kind, @RequestParam(required = false) String value,
                  @RequestParam(required = false) String verified, RedirectAttributes redirect) {
        UUID customerId = parse(id);
        boolean mark = "true".equals(verified);
        try {
            customers.setContactVerified(me.organizationId(), me.id(), customerId, kind, value, mark);
            redirect.addFlashAttribute("notice", mark ? "customer.notice.verified" : "customer.notice.unverified");
        } catch (AspaException e) {
            if ("not-found".equals(e.code())) throw e;
            redirect.addFlashAttribute("problem", labels.msgOr("error." + e.code(), e.args(), "error.validation"));
        }
        return "redirect:/workspace/customers/" + customerId + "#contacts";
    }

    // ------------------------------------------------------------------ internals

    private String renderReview(StaffPrincipal me, UUID into, UUID from, String reason, List<FieldMessage> errors, Model model) {
        OrganizationId org = me.organizationId();
        if (into.equals(from) || customers.current(org, into).filter(into::equals).isEmpty()
                || customers.current(org, from).filter(from::equals).isEmpty()) {
            throw AspaException.notFound("Customer");
        }
        Customer a = customers.viewAsStaff(org, me.id(), into, PURPOSE_MERGE_REVIEW);
        Customer b = customers.viewAsStaff(org, me.id(), from, PURPOSE_MERGE_REVIEW);
        Optional<DuplicateCandidate> candidate = customers.duplicates(org, into).stream().filter(d -> d.id().equals(from)).findFirst();
        Side intoSide = side(org, a);
        Side fromSide = side(org, b);
        model.addAttribute("into", intoSide);
        model.addAttribute("from", fromSide);
        model.addAttribute("sides", List.of(intoSide, fromSide));
        model.addAttribute("reasons", candidate.map(d -> reasons(d.reasons())).orElse(null));
        model.addAttribute("reason", reason);
        addErrors(model, errors);
        return "workspace/customer-merge";
    }

    /** The merge into this customer that may be undone; 403 for an agent, 404 for any other merge. */
    private CustomerMerge undoable(StaffPrincipal me, UUID into, UUID mergeId) {
        if (!me.has(Role.UNIT_MANAGER)) {
            throw AspaException.forbidden("Only a manager or an administrator undoes a merge");
        }
        return customers.merges(me.organizationId(), into).stream()
                .filter(m -> m.id().equals(mergeId) && m.into().equals(into) && m.undoable()).findFirst()
                .orElseThrow(() -> AspaException.notFound("Merge"));
    }

    private String renderUnmerge(StaffPrincipal me, CustomerMerge merge, String reason, List<FieldMessage> errors, Model model) {
        OrganizationId org = me.organizationId();
        java.util.Map<UUID, String> names = customers.names(org, List.of(merge.into()));
        model.addAttribute("merge", mergeRow(merge, merge.into(), directory.load(org), names));
        model.addAttribute("reason", reason);
        addErrors(model, errors);
        return "workspace/customer-unmerge";
    }

    /** The error summary and, by field, the message beside each field. */
    private static void addErrors(Model model, List<FieldMessage> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", errors.stream().collect(java.util.stream.Collectors.toMap(FieldMessage::field,
                FieldMessage::message, (x, y) -> x)));
    }

    private Side side(OrganizationId org, Customer c) {
        int caseCount = cases.countCases(org, c.id());
        return new Side(c.id(), c.name(), labels.customerKind(c.kind()), c.personalId() == null ? null : c.maskedPersonalId(),
                c.businessId(), contacts(c), caseCount);
    }

    private List<ContactRow> contacts(Customer customer) {
        List<ContactRow> rows = new java.util.ArrayList<>();
        int n = 0;
        for (Customer.ContactPoint p : customer.contactPoints()) {
            rows.add(new ContactRow(p.kind(), labels.contactKind(p.kind()), p.value(), p.verified(), "contact-" + (++n)));
        }
        return rows;
    }

    List<DuplicateRow> duplicates(OrganizationId org, UUID customerId) {
        return customers.duplicates(org, customerId).stream()
                .map(d -> new DuplicateRow(d.id(), d.name(), d.score(), reasons(d.reasons()))).toList();
    }

    private String reasons(List<DuplicateReason> reasons) {
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        reasons.forEach(r -> texts.add(labels.msg("customer.reason." + r.name())));
        return String.join(", ", texts);
    }

    private CaseView.TimelineItem timelineItem(TimelineEntry t) {
        return new CaseView.TimelineItem(t.caseId(), t.reference(), t.subject(), labels.status(t.caseStatus()),
                labels.messageKind(t.kind()), t.kind().name().toLowerCase(Locale.ROOT), labels.channel(t.channel()),
                t.excerpt(), labels.dateTime(t.at()), labels.iso(t.at()), false, t.channel().name());
    }

    private MergeRow mergeRow(CustomerMerge m, UUID customerId, Directory.Names names, java.util.Map<UUID, String> customerNames) {
        String who = names.staffName(m.staffUserId());
        String undoneWho = m.undoneBy() == null ? null : names.staffName(m.undoneBy());
        return new MergeRow(m.id(), m.into(), m.from(), m.fromName(), customerNames.getOrDefault(m.into(), ""),
                who == null ? labels.msg("workspace.actor.STAFF") : who,
                m.reason(), labels.dateTime(m.at()), labels.iso(m.at()), m.into().equals(customerId), m.undoable(),
                m.undoneAt() == null ? null : undoneWho == null ? labels.msg("workspace.actor.STAFF") : undoneWho,
                m.undoneAt() == null ? null : labels.dateTime(m.undoneAt()), m.undoneAt() == null ? null : labels.iso(m.undoneAt()),
                m.undoReason());
    }

    private AuditRow auditRow(ContactAudit a, Directory.Names names) {
        String who = a.staffUserId() == null ? labels.msg("customer.how." + a.how()) : names.staffName(a.staffUserId());
        return new AuditRow(labels.contactKind(a.kind()), a.value(),
                labels.msg(a.verified() ? "customer.audit.verified" : "customer.audit.unverified"),
                who == null ? labels.msg("workspace.actor.STAFF") : who, labels.dateTime(a.at()), labels.iso(a.at()));
    }

    private static UUID parse(String id) {
        if (id == null || id.length() != 36) throw AspaException.notFound("Customer");
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AspaException.notFound("Customer");
        }
    }
}
