package fi.aspa.workspace;

import fi.aspa.cases.CasePage;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.Customers;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The queue page: queues as tabs, filters, the table of cases. A filter request from htmx gets the results part
 * only; the same URL without htmx (or a history restore) gets the whole page. Names for a page come in three
 * calls whatever its length: the customers' names, the units, the staff.
 */
@Controller
class QueueController {
    private final Cases cases;
    private final Customers customers;
    private final Directory directory;
    private final WorkspaceLabels labels;

    QueueController(Cases cases, Customers customers, Directory directory, WorkspaceLabels labels) {
        this.cases = cases;
        this.customers = customers;
        this.directory = directory;
        this.labels = labels;
    }

    record Row(UUID id, String reference, String subject, String customer, String status, String statusCode,
               String priority, String priorityCode, String channel, String unit, String assignee, String updated,
               String updatedIso) {}

    record Tab(String label, String url, boolean current) {}

    record Option(String value, String label) {}

    @GetMapping("/workspace")
    String queue(@AuthenticationPrincipal StaffPrincipal me, @RequestParam MultiValueMap<String, String> params,
                 @RequestHeader(value = "HX-Request", required = false) String htmx,
                 @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
                 Model model, HttpServletResponse response) {
        OrganizationId org = me.organizationId();
        Directory.Names names = directory.load(org);
        QueueQuery query = QueueQuery.parse(params, names::hasUnit);
        CasePage page = cases.list(org, query.toFilter(me.id(), me.unitId()), query.sort(), query.page(), QueueQuery.PAGE_SIZE);
        Set<UUID> customerIds = page.items().stream().map(CaseSummary::customerId).collect(Collectors.toSet());
        Map<UUID, String> customerNames = customers.names(org, customerIds);

        List<Row> rows = page.items().stream().map(c -> new Row(c.id(), c.reference(), c.subject(),
                labels.customerName(customerNames.get(c.customerId())), labels.status(c.status()), c.status().name(),
                labels.priority(c.priority()), c.priority().name(), labels.channel(c.channel()),
                orDash(names.unit(c.unitId())), c.assigneeId() == null ? labels.msg("workspace.unassigned")
                        : orDash(names.staffName(c.assigneeId())), labels.dateTime(c.updatedAt()), labels.iso(c.updatedAt())))
                .toList();

        model.addAttribute("query", query);
        model.addAttribute("rows", rows);
        model.addAttribute("tabs", Arrays.stream(Queue.values())
                .map(q -> new Tab(labels.queue(q), QueueQuery.queueUrl(q), q == query.queue())).toList());
        model.addAttribute("queueName", labels.queue(query.queue()));
        model.addAttribute("ignored", query.ignored().stream().map(labels::msg).toList());
        model.addAttribute("noUnit", query.queue() == Queue.UNIT && me.unitId() == null);
        model.addAttribute("myUnitName", names.unit(me.unitId()));
        model.addAttribute("statuses", Arrays.stream(CaseStatus.values())
                .map(s -> new Option(s.name(), labels.status(s))).toList());
        model.addAttribute("channels", Arrays.stream(Channel.values())
                .map(c -> new Option(c.name(), labels.channel(c))).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values())
                .map(p -> new Option(p.name(), labels.priority(p))).toList());
        model.addAttribute("sorts", Arrays.stream(CaseSort.values())
                .map(s -> new Option(s.name(), labels.msg("workspace.sort." + s.name()))).toList());
        model.addAttribute("checkedStatuses", query.statuses().stream().map(Enum::name).collect(Collectors.toSet()));
        model.addAttribute("clearUrl", QueueQuery.queueUrl(query.queue()));
        model.addAttribute("units", names.units());
        model.addAttribute("pageNumber", page.page() + 1);
        model.addAttribute("previousUrl", page.page() > 0 ? query.url(page.page() - 1) : null);
        model.addAttribute("nextUrl", page.hasNext() ? query.url(page.page() + 1) : null);
        model.addAttribute("resultSummary", rows.isEmpty()
                ? labels.msg("workspace.results.none")
                : labels.msg("workspace.results.count", rows.size(), page.page() + 1));
        boolean fragment = htmx != null && historyRestore == null;
        model.addAttribute("htmx", fragment);
        response.addHeader("Vary", "HX-Request");
        return fragment ? "workspace/queue :: results" : "workspace/queue";
    }

    private static String orDash(String value) {
        return value == null ? "–" : value;
    }
}
