package fi.aspa.sla;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Priority;
import fi.aspa.platform.DateTimes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The warning and escalation job. Due times live in {@code sla_clock}, so nothing is lost on a restart: whichever
 * node runs next claims the due rows with {@code FOR UPDATE SKIP LOCKED} (two nodes never take the same row) and, in
 * the same transaction, writes the note on the case, raises the priority when the target says so, publishes
 * {@link ServiceLevelBreached} on a breach (the unit's managers get an email from it), and sets
 * {@code warned_at}/{@code breached_at}, which take the row out of the due set: each warning and each escalation
 * happens once. A plain table and one query are enough here; a scheduler library (db-scheduler, Quartz) would add its
 * own tables for what is one indexed row per clock.
 */
@Component
class SlaEscalations {
    static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(SlaEscalations.class);

    private final SlaStore store;
    private final Cases cases;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final boolean enabled;

    SlaEscalations(SlaStore store, Cases cases, MessageSource messages, PlatformTransactionManager transactions, Clock clock,
                   ApplicationEventPublisher events, @Value("${aspa.sla.escalation.enabled:true}") boolean enabled) {
        this.events = events;
        this.store = store;
        this.cases = cases;
        this.messages = messages;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${aspa.sla.escalation.interval:1m}", initialDelayString = "${aspa.sla.escalation.initial-delay:30s}")
    void tick() {
        if (!enabled) return;
        try {
            while (runDue(clock.instant()) >= BATCH) {
                // more are due: take the next batch
            }
        } catch (RuntimeException e) {
            log.warn("Service-level escalation failed; retried on the next run", e);
        }
    }

    /** Processes one batch of the cases with clocks due at {@code now}; returns how many clocks it escalated. */
    int runDue(Instant now) {
        Integer n = tx.execute(status -> {
            List<SlaStore.ClockRow> due = store.claimDue(now, BATCH);
            for (SlaStore.ClockRow row : due) process(row, now);
            return due.size();
        });
        return n == null ? 0 : n;
    }

    private void process(SlaStore.ClockRow row, Instant now) {
        Optional<CaseSummary> found = cases.summary(row.organizationId(), row.caseId());
        boolean breach = row.breachedAt() == null && row.dueAt() != null && !row.dueAt().isAfter(now);
        if (found.isEmpty()) {
            store.markBreached(row, now);
            return;
        }
        CaseSummary summary = found.get();
        var locale = summary.language().locale();
        String kind = messages.getMessage(SlaClockKeys.kindKey(row.kind()), null, locale);
        String target = messages.getMessage("sla.duration", new Object[] {row.targetMinutes() / 60, row.targetMinutes() % 60}, locale);
        if (breach) {
            store.markBreached(row, now);
            cases.addNote(row.organizationId(), row.caseId(), Actor.system(),
                    messages.getMessage("sla.note.breached", new Object[] {kind, target, DateTimes.dateTime(row.dueAt(), locale)}, locale));
            if (row.raisePriority() && summary.priority() != Priority.URGENT) {
                cases.setPriority(row.organizationId(), row.caseId(), Actor.system(), Priority.values()[summary.priority().ordinal() + 1]);
            }
            // the unit's managers are told by email (channels.email), after this commit, once: the registry stores the
            // event in this transaction, which is also the one that takes the clock out of the due set
            events.publishEvent(new ServiceLevelBreached(row.organizationId(), row.caseId(), summary.unitId(), row.kind(),
                    row.targetMinutes(), row.dueAt(), now));
        } else {
            store.markWarned(row, now);
            cases.addNote(row.organizationId(), row.caseId(), Actor.system(),
                    messages.getMessage("sla.note.warning", new Object[] {kind, target, DateTimes.dateTime(row.dueAt() == null ? now : row.dueAt(), locale)}, locale));
        }
    }
}
