package fi.aspa.cases;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * What a queue or a search shows. Null fields do not filter. {@code unassignedOnly} and {@code assigneeId}
 * make the "unassigned" and "mine" queues; {@code text} searches subjects, messages and references.
 */
public record CaseFilter(Set<CaseStatus> statuses, Channel channel, Priority priority, UUID unitId, UUID assigneeId,
                         boolean unassignedOnly, UUID customerId, LocalDate createdFrom, LocalDate createdTo,
                         String text, String tag) {

    public static CaseFilter all() {
        return new CaseFilter(Set.of(), null, null, null, null, false, null, null, null, null, null);
    }

    public CaseFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public CaseFilter withStatuses(Set<CaseStatus> value) {
        return new CaseFilter(value, channel, priority, unitId, assigneeId, unassignedOnly, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter withUnit(UUID value) {
        return new CaseFilter(statuses, channel, priority, value, assigneeId, unassignedOnly, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter withAssignee(UUID value) {
        return new CaseFilter(statuses, channel, priority, unitId, value, unassignedOnly, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter unassigned() {
        return new CaseFilter(statuses, channel, priority, unitId, null, true, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter withText(String value) {
        return new CaseFilter(statuses, channel, priority, unitId, assigneeId, unassignedOnly, customerId, createdFrom, createdTo, value, tag);
    }

    public CaseFilter withChannel(Channel value) {
        return new CaseFilter(statuses, value, priority, unitId, assigneeId, unassignedOnly, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter withPriority(Priority value) {
        return new CaseFilter(statuses, channel, value, unitId, assigneeId, unassignedOnly, customerId, createdFrom, createdTo, text, tag);
    }

    public CaseFilter withCustomer(UUID value) {
        return new CaseFilter(statuses, channel, priority, unitId, assigneeId, unassignedOnly, value, createdFrom, createdTo, text, tag);
    }

    public CaseFilter createdBetween(LocalDate from, LocalDate to) {
        return new CaseFilter(statuses, channel, priority, unitId, assigneeId, unassignedOnly, customerId, from, to, text, tag);
    }
}
