package fi.aspa.assignments;

import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder job: {@code days-before} days before a task's due date (and until it), each unit the task went to that
 * has not submitted its answer is reminded once ({@link AssignmentReminder}; the email channel mails the unit's
 * managers). The reminder is a row of {@code assignment_reminder} inserted with {@code on conflict do nothing} in the
 * transaction that publishes the event: whichever node runs first reminds, the others find nothing left, and a
 * restart loses nothing. One statement per organization and run.
 */
@Component
class AssignmentReminders {
    private static final Logger log = LoggerFactory.getLogger(AssignmentReminders.class);

    private final AssignmentStore store;
    private final Organizations organizations;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final boolean enabled;
    private final int daysBefore;

    AssignmentReminders(AssignmentStore store, Organizations organizations, JdbcClient db,
                        PlatformTransactionManager transactions, ApplicationEventPublisher events,
                        @Value("${aspa.assignments.reminder.enabled:true}") boolean enabled,
                        @Value("${aspa.assignments.reminder.days-before:3}") int daysBefore) {
        this.store = store;
        this.organizations = organizations;
        this.db = db;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.enabled = enabled;
        this.daysBefore = Math.max(0, daysBefore);
    }

    @Scheduled(fixedDelayString = "${aspa.assignments.reminder.interval:15m}",
               initialDelayString = "${aspa.assignments.reminder.initial-delay:1m}")
    void tick() {
        if (!enabled) return;
        for (Organization org : organizations.all()) {
            try {
                remind(org.id());
            } catch (RuntimeException e) {
                log.warn("Task reminders of organization {} failed; retried on the next run", org.id().value(), e);
            }
        }
    }

    private record Due(UUID assignmentId, UUID unitId) {}

    /** Reminds the organization's units that are due; returns how many reminders were published now. */
    int remind(OrganizationId org) {
        Integer count = tx.execute(status -> {
            LocalDate today = store.today();
            List<Due> due = db.sql("""
                    insert into assignment_reminder (organization_id, assignment_id, unit_id, due_on, reminded_at)
                    select u.organization_id, u.assignment_id, u.unit_id, a.due_on, ?
                    from assignment a
                    join assignment_unit u on u.organization_id = a.organization_id and u.assignment_id = a.id
                    where a.organization_id = ? and a.status = 'SENT' and a.opens_on <= ? and a.due_on between ? and ?
                      and not exists (select 1 from assignment_answer r where r.organization_id = u.organization_id
                                      and r.assignment_id = u.assignment_id and r.unit_id = u.unit_id and r.status = 'SUBMITTED')
                    on conflict do nothing
                    returning assignment_id, unit_id""")
                    .params(Timestamp.from(store.now()), org.value(), today, today, today.plusDays(daysBefore))
                    .query((rs, n) -> new Due(rs.getObject("assignment_id", UUID.class), rs.getObject("unit_id", UUID.class)))
                    .list();
            for (Due d : due) {
                AssignmentStore.Task task = store.find(org, d.assignmentId()).orElseThrow();
                events.publishEvent(new AssignmentReminder(org, task.id(), d.unitId(), task.title(), task.due(),
                        "/workspace/assignments/" + task.id() + "/answer"));
            }
            return due.size();
        });
        if (count != null && count > 0) log.info("Task reminders published: {}", count);
        return count == null ? 0 : count;
    }
}
