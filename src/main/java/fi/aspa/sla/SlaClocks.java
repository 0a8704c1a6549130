package fi.aspa.sla;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each case's clocks in step with the case. A recomputation reads the case's own history (when it opened, its
 * status changes, its first reply) under a per-case lock, so events may arrive in any order, twice, or late: the
 * result is the same. It never touches {@code warned_at}/{@code breached_at}: those belong to the escalation job.
 */
@Service
@Transactional
class SlaClocks implements ServiceLevels {
    private final SlaStore store;
    private final Cases cases;
    private final Clock clock;

    SlaClocks(SlaStore store, Cases cases, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * @param routedServiceId the service routing just decided (null: keep what is known)
     * @param routed          whether a routing decision triggered this: a clock that only a service's target starts
     *                        starts now, not at the opening
     */
    void recompute(OrganizationId org, UUID caseId, UUID routedServiceId, boolean routed) {
        store.lockCase(caseId);
        Optional<CaseSummary> found = cases.summary(org, caseId);
        if (found.isEmpty()) return;
        Optional<SlaStore.CaseRow> existing = store.slaCase(org, caseId);
        UUID serviceId = routedServiceId != null ? routedServiceId : existing.map(SlaStore.CaseRow::serviceId).orElse(null);
        Optional<SlaTarget> target = store.pick(org, serviceId, found.get().priority());
        Instant now = clock.instant();
        if (target.isEmpty()) {
            existing.ifPresent(row -> store.saveCase(org, new SlaStore.CaseRow(caseId, serviceId, found.get().unitId(), row.startedAt()), now));
            return;
        }
        // the history only when a clock runs: most new cases of a service without a target stop above
        CaseDetail detail = cases.detail(org, caseId).orElseThrow();
        boolean anyService = store.pick(org, null, found.get().priority()).isPresent();
        start(org, detail, existing, serviceId, target.get(), routed, anyService, store.calendar(org), now);
    }

    /**
     * The clocks of a batch of cases that routing just decided (case → the service decided, null on triage), with a
     * few statements for the whole batch: the cases locked in id order, their summaries, their sla rows with a check
     * of the targets, and only for cases with a target their history and the calendar.
     */
    void routed(OrganizationId org, Map<UUID, UUID> serviceByCase) {
        if (serviceByCase.isEmpty()) return;
        List<UUID> ids = serviceByCase.keySet().stream().sorted(Comparator.comparing(UUID::toString)).toList();
        store.lockCases(ids);
        Map<UUID, CaseSummary> summaries = new HashMap<>();
        cases.summaries(org, ids).forEach(c -> summaries.put(c.id(), c));
        if (summaries.isEmpty()) return;
        SlaStore.Batch batch = store.batch(org, ids);
        Instant now = clock.instant();
        Map<UUID, SlaTarget> running = new LinkedHashMap<>();
        for (UUID caseId : ids) {
            CaseSummary summary = summaries.get(caseId);
            if (summary == null) continue;
            Optional<SlaStore.CaseRow> existing = Optional.ofNullable(batch.rows().get(caseId));
            UUID serviceId = serviceByCase.get(caseId) != null ? serviceByCase.get(caseId)
                    : existing.map(SlaStore.CaseRow::serviceId).orElse(null);
            Optional<SlaTarget> target = SlaStore.pick(batch.targets(), serviceId, summary.priority());
            if (target.isPresent()) {
                running.put(caseId, target.get());
            } else {
                existing.ifPresent(row -> store.saveCase(org, new SlaStore.CaseRow(caseId, serviceId, summary.unitId(), row.startedAt()), now));
            }
        }
        if (running.isEmpty()) return;
        BusinessCalendar calendar = store.calendar(org);
        for (CaseDetail detail : cases.details(org, running.keySet())) {
            UUID caseId = detail.summary().id();
            Optional<SlaStore.CaseRow> existing = Optional.ofNullable(batch.rows().get(caseId));
            UUID serviceId = serviceByCase.get(caseId) != null ? serviceByCase.get(caseId)
                    : existing.map(SlaStore.CaseRow::serviceId).orElse(null);
            boolean anyService = SlaStore.pick(batch.targets(), null, detail.summary().priority()).isPresent();
            start(org, detail, existing, serviceId, running.get(caseId), true, anyService, calendar, now);
        }
    }

    /**
     * Computes and stores a case's clocks from its history.
     *
     * @param anyService whether a target for every service applies to the case (else only its service's target
     *                   starts the clock: when routed, from now)
     */
    private void start(OrganizationId org, CaseDetail detail, Optional<SlaStore.CaseRow> existing, UUID serviceId,
                       SlaTarget t, boolean routed, boolean anyService, BusinessCalendar calendar, Instant now) {
        CaseSummary summary = detail.summary();
        UUID caseId = summary.id();
        Instant opened = summary.createdAt();
        List<ClockMath.StatusChange> changes = new ArrayList<>();
        Instant firstReply = null;
        for (CaseEventEntry e : detail.history().stream().sorted((a, b) -> a.at().compareTo(b.at())).toList()) {
            if ("STATUS_CHANGED".equals(e.type()) && e.detail().get("to") instanceof String to) {
                changes.add(new ClockMath.StatusChange(e.at(), CaseStatus.valueOf(to)));
            } else if ("REPLIED".equals(e.type()) && firstReply == null) {
                firstReply = e.at();
            }
        }
        Instant start;
        if (existing.isPresent()) {
            start = existing.get().startedAt();
        } else if (routed && !anyService) {
            start = now.isBefore(opened) ? opened : now;
        } else {
            start = opened;
        }
        CaseStatus initial = CaseStatus.NEW;
        for (ClockMath.StatusChange c : changes) if (!c.at().isAfter(start)) initial = c.to();
        store.saveCase(org, new SlaStore.CaseRow(caseId, serviceId, summary.unitId(), start), now);

        save(org, caseId, SlaClock.Kind.FIRST_RESPONSE, t.firstResponseMinutes(), t, calendar,
                ClockMath.timeline(start, initial, changes, firstReply), now);
        save(org, caseId, SlaClock.Kind.RESOLUTION, t.resolutionMinutes(), t, calendar,
                ClockMath.timeline(start, initial, changes, null), now);
    }

    private void save(OrganizationId org, UUID caseId, SlaClock.Kind kind, int minutes, SlaTarget t, BusinessCalendar calendar,
                      ClockMath.Timeline timeline, Instant now) {
        ClockMath.Measure m = ClockMath.measure(calendar, timeline, Duration.ofMinutes(minutes), t.warnPercent(), now);
        store.saveClock(new SlaStore.ClockRow(caseId, kind, org, minutes, t.warnPercent(), t.raisePriority(), timeline.state(),
                m.elapsed().toSeconds(), now, m.warnAt(), m.dueAt(), null, null));
    }

    @Override
    @Transactional(readOnly = true)
    public List<SlaClock> clocks(OrganizationId organization, UUID caseId) {
        List<SlaStore.ClockRow> rows = store.clocks(organization, caseId);
        if (rows.isEmpty()) return List.of();
        BusinessCalendar calendar = store.calendar(organization);
        Instant now = clock.instant();
        return rows.stream().map(r -> view(r, calendar, now)).toList();
    }

    static SlaClock view(SlaStore.ClockRow r, BusinessCalendar calendar, Instant now) {
        Duration elapsed = Duration.ofSeconds(r.elapsedSeconds());
        if (r.state() == SlaClock.State.RUNNING) elapsed = elapsed.plus(calendar.between(r.computedAt(), now));
        Duration target = Duration.ofMinutes(r.targetMinutes());
        return new SlaClock(r.kind(), r.state(), target, target.minus(elapsed), r.dueAt(), r.warnedAt() != null,
                r.breachedAt() != null);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Instant> resolutionDue(OrganizationId organization, java.util.Collection<UUID> caseIds) {
        return caseIds.isEmpty() ? java.util.Map.of() : store.resolutionDue(organization, caseIds);
    }

    @Override
    @Transactional(readOnly = true)
    public BusinessCalendar calendar(OrganizationId organization) {
        return store.calendar(organization);
    }
}
