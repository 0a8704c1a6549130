package fi.aspa.staffing;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseEvents;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CasePage;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The requester's side of internal orders, as a service desk's "My requests": the staff member's own orders, listed on
 * {@code /workspace/order}, and each order's conversation at {@code /workspace/order/{caseId}} ({@link MyOrderPage}).
 *
 * <p><b>Whose orders.</b> An order is a case of the {@link Channel#INTERNAL} channel whose customer is the staff
 * member's internal customer: the customer record that carries their staff account ({@link Customers#internalCustomer},
 * the record {@link OrderPage} resolves when they order), found through {@link Cases#list} with that customer, newest
 * first. A staff question ({@code /workspace/questions}) is such a case too and is listed with the orders. Nobody else
 * reaches an order here, not even an administrator or the assignee: they use the case page, whose every view of the
 * customer is logged. The requester sees their own messages and the replies, never internal notes nor the history.
 *
 * <p><b>How the requester learns of a reply.</b> Replies to internal cases are not emailed (the email channel answers
 * email cases only), so the list has to say it. The status alone would not: an agent often answers an order and
 * resolves it in one step ("done: your laptop is at the desk"), and a resolved case does not look new. So an order
 * whose latest reply is newer than the requester's last look at it is marked "new reply", and a case waiting for the
 * customer (WAITING) reads "waiting for you", highlighted. The last look is the only state: one row per requester and
 * order ({@code staffing_order_seen}: staff member, case, when), written when the requester opens the order. It keeps
 * no customer id, so customer merges have nothing to move; an order never opened counts every reply as new.
 *
 * <p><b>The count in the navigation.</b> Every workspace page shows how many replies are new beside "Order"
 * ({@link StaffingPageModel}), so it must cost one query on staffing's own tables: each reply to an order is also
 * written to {@code staffing_order_reply} (message, requester, case, when) in the reply's own transaction
 * ({@link #replied}), and the count is the replies newer than the requester's last look at their order.
 */
@Component
class MyOrders {
    /** How many of the newest orders the list shows. */
    static final int LIST_SIZE = 50;

    private final Customers customers;
    private final Cases cases;
    private final Organizations organizations;
    private final Staff staff;
    private final StaffingStore store;
    private final MessageSource messages;

    MyOrders(Customers customers, Cases cases, Organizations organizations, Staff staff, StaffingStore store,
             MessageSource messages) {
        this.messages = messages;
        this.customers = customers;
        this.cases = cases;
        this.organizations = organizations;
        this.staff = staff;
        this.store = store;
    }

    /** One order in the list. {@code unit} is null when the order has no unit yet. */
    record Row(UUID id, String reference, String subject, StaffingViews.Text unit, String statusKey, boolean waiting,
               boolean newReply, String updated, String updatedIso) {}

    /** The newest orders ({@link #LIST_SIZE}) and whether there are more. */
    record Listing(List<Row> rows, boolean more) {}

    /** One message of an order as its requester sees it: their own ({@code mine}) or a reply, with its files. */
    record Entry(boolean mine, String author, String body, String at, String atIso, List<File> files) {}

    /** A file of a message, downloaded through {@link MyOrderPage} (only by the requester). */
    record File(UUID id, String filename, String size) {}

    record Order(UUID id, String reference, String subject, StaffingViews.Text unit, String statusKey, boolean waiting,
                 List<Entry> messages) {}

    Listing list(StaffPrincipal me, Language language) {
        OrganizationId org = me.organizationId();
        Optional<UUID> customer = customers.internalCustomer(org, me.id());
        if (customer.isEmpty()) return new Listing(List.of(), false);
        CasePage page = cases.list(org, CaseFilter.all().withChannel(Channel.INTERNAL).withCustomer(customer.get()),
                CaseSort.CREATED_DESC, 0, LIST_SIZE);
        List<UUID> ids = page.items().stream().map(CaseSummary::id).toList();
        // the conversations of one page of orders in four queries: the messages' and the status changes' times
        Map<UUID, CaseDetail> details = cases.details(org, ids).stream().collect(Collectors.toMap(d -> d.summary().id(), Function.identity()));
        // the same rows the navigation counts, so the list and the count never disagree
        Set<UUID> newReplies = store.ordersWithNewReplies(org, me.id(), ids);
        Map<UUID, Unit> units = units(org);
        List<Row> rows = page.items().stream().map(c -> {
            CaseDetail d = details.get(c.id());
            boolean newReply = newReplies.contains(c.id());
            Instant updated = d == null ? c.createdAt() : lastVisibleChange(d);
            return new Row(c.id(), c.reference(), c.subject(), unit(units, c.unitId(), language), statusKey(c.status()),
                    c.status() == CaseStatus.WAITING, newReply, DateTimes.dateTime(updated, language.locale()), DateTimes.iso(updated));
        }).toList();
        return new Listing(rows, page.hasNext());
    }

    /**
     * The order as its requester sees it. 404 unless it is an INTERNAL case whose customer is this staff member's own
     * internal customer: another staff member (an administrator, the assignee) is told nothing here.
     */
    Order find(StaffPrincipal me, UUID caseId, Language language) {
        CaseDetail detail = own(me, caseId);
        CaseSummary c = detail.summary();
        Map<UUID, String> authors = new HashMap<>();
        List<Entry> entries = visible(detail).stream().map(m -> {
            boolean mine = m.kind() == MessageKind.INBOUND;
            String author = mine || m.authorStaffId() == null ? null
                    : authors.computeIfAbsent(m.authorStaffId(), id -> staff.find(me.organizationId(), id).map(StaffUser::displayName).orElse(null));
            return new Entry(mine, author, m.body(), DateTimes.dateTime(m.createdAt(), language.locale()), DateTimes.iso(m.createdAt()),
                    m.attachments().stream().map(a -> new File(a.id(), a.filename(), size(a.sizeBytes(), language))).toList());
        }).toList();
        return new Order(c.id(), c.reference(), c.subject(), unit(units(me.organizationId()), c.unitId(), language),
                statusKey(c.status()), c.status() == CaseStatus.WAITING, entries);
    }

    /** The requester's own order, or 404 (also for a case that does not exist or is another organization's). */
    CaseDetail own(StaffPrincipal me, UUID caseId) {
        OrganizationId org = me.organizationId();
        Optional<UUID> customer = customers.internalCustomer(org, me.id());
        return customer.flatMap(id -> cases.detail(org, caseId)
                        .filter(d -> d.summary().channel() == Channel.INTERNAL && id.equals(d.summary().customerId())))
                .orElseThrow(() -> AspaException.notFound("Order"));
    }

    /**
     * Whether the attachment belongs to a message the requester sees on the order (theirs or a reply, never an internal
     * note's file): only those are theirs to download.
     */
    static boolean visibleAttachment(CaseDetail order, UUID attachmentId) {
        return visible(order).stream().flatMap(m -> m.attachments().stream()).anyMatch(a -> a.id().equals(attachmentId));
    }

    /** The requester has looked at the order now: its replies so far are no longer new. */
    void seen(StaffPrincipal me, UUID caseId, Instant now) {
        store.orderSeen(me.organizationId(), me.id(), caseId, now);
    }

    /**
     * A reply to an INTERNAL case, in the reply's transaction: when the case's customer is a staff member's internal
     * customer (an order or a staff question), the reply is noted for that staff member's count of new replies.
     */
    @EventListener(condition = "#p0.caseChannel().name() == 'INTERNAL'")
    void replied(CaseEvents.ReplyPosted event) {
        OrganizationId org = event.organizationId();
        CaseSummary c = cases.summary(org, event.caseId()).orElse(null);
        if (c == null || c.customerId() == null) return;
        // the reply has just set the case's updated_at: the reply's own time, which "My orders" compares too
        customers.find(org, c.customerId()).map(Customer::staffUserId)
                .ifPresent(requester -> store.orderReplied(org, requester, c.id(), event.messageId(), c.updatedAt()));
    }

    /** How many replies to the staff member's own orders are newer than their last look at the order. */
    int newReplies(StaffPrincipal me) {
        return store.newOrderReplies(me.organizationId(), me.id());
    }

    /** The requester's messages and the replies: never internal notes. */
    private static List<CaseMessage> visible(CaseDetail detail) {
        return detail.messages().stream().filter(m -> m.kind() == MessageKind.INBOUND || m.kind() == MessageKind.OUTBOUND)
                .sorted(Comparator.comparing(CaseMessage::createdAt)).toList();
    }

    /** The last change the requester can see: a message of theirs, a reply or a change of status (not notes, assignments...). */
    private static Instant lastVisibleChange(CaseDetail d) {
        Instant last = d.summary().createdAt();
        for (CaseMessage m : visible(d)) if (m.createdAt().isAfter(last)) last = m.createdAt();
        for (CaseEventEntry e : d.history()) {
            if ("STATUS_CHANGED".equals(e.type()) && e.at().isAfter(last)) last = e.at();
        }
        return last;
    }

    private Map<UUID, Unit> units(OrganizationId org) {
        return organizations.units(org).stream().collect(Collectors.toMap(Unit::id, Function.identity()));
    }

    private static StaffingViews.Text unit(Map<UUID, Unit> units, UUID unitId, Language language) {
        Unit unit = unitId == null ? null : units.get(unitId);
        return unit == null ? null : StaffingViews.Text.of(unit.name(), language);
    }

    /** A file's size as people read it: kilobytes (at least 1) below a megabyte, else megabytes with one decimal. */
    private String size(long bytes, Language language) {
        if (bytes < 1024 * 1024) {
            return messages.getMessage("staffing.order.my.size-kb", new Object[] {Math.max(1, (bytes + 1023) / 1024)}, language.locale());
        }
        return messages.getMessage("staffing.order.my.size-mb",
                new Object[] {String.format(language.locale(), "%.1f", bytes / (1024.0 * 1024.0))}, language.locale());
    }

    static String statusKey(CaseStatus status) {
        return "staffing.order.status." + status.name();
    }
}
