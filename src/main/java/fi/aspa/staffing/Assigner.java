package fi.aspa.staffing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.AssigneeChooser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns a routed case to a person of its unit ({@link AssignmentChoice}) and records why. The unit's row is
 * locked first, so that concurrent assignments in one unit see each other's loads and take turns in order.
 */
@Service
@Transactional
class Assigner {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final Logger log = LoggerFactory.getLogger(Assigner.class);
    private static final Set<CaseStatus> ASSIGNABLE = Set.of(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING);

    private final StaffingStore store;
    private final Staff staff;
    private final Cases cases;
    private final Clock clock;

    Assigner(StaffingStore store, Staff staff, Cases cases, Clock clock) {
        this.store = store;
        this.staff = staff;
        this.cases = cases;
        this.clock = clock;
    }

    /** After routing: assigns when the case's unit has automatic assignment on and nobody has the case yet. */
    Optional<StaffingStore.Reason> afterRouting(OrganizationId organization, UUID caseId, UUID serviceId) {
        return assign(organization, caseId, serviceId, clock.instant(), true);
    }

    /**
     * After the routing worker's batch: for each case (in the batch's order) the same choice as {@link #assign}, with
     * each unit's lock, people, profiles and loads read once for the batch instead of once per case, the loads and
     * the turn carried from one case to the next in memory. The routing worker has locked the cases already.
     */
    List<StaffingStore.Reason> afterRoutingBatch(OrganizationId organization, Map<UUID, UUID> serviceByCase) {
        return assignBatch(organization, serviceByCase, clock.instant());
    }

    /**
     * Before routing moves its batch's cases to their units ({@link AssigneeChooser}): for each case that will be
     * assignable in its new unit (an open case; the move unassigns it) whose unit has automatic assignment on, the
     * same choice as after the move, recorded with its reason; returns the people chosen, for routing to assign in
     * the move's update. The routing worker has locked the cases already; each unit is locked after them, as always.
     */
    Map<UUID, UUID> beforeMove(OrganizationId organization, Map<UUID, AssigneeChooser.Move> moves) {
        Instant now = clock.instant();
        Map<UUID, List<CaseSummary>> byUnit = new LinkedHashMap<>();
        Map<UUID, UUID> serviceByCase = new HashMap<>();
        for (CaseSummary s : cases.summaries(organization, moves.keySet())) {
            AssigneeChooser.Move move = moves.get(s.id());
            if (move == null || move.serviceId() == null || !ASSIGNABLE.contains(s.status())) continue;
            byUnit.computeIfAbsent(move.unitId(), u -> new ArrayList<>()).add(s);
            serviceByCase.put(s.id(), move.serviceId());
        }
        return inUnits(organization, byUnit, serviceByCase, now).chosen();
    }

    /** {@link #afterRoutingBatch} at the instant {@code now} (tests pass their own). */
    List<StaffingStore.Reason> assignBatch(OrganizationId organization, Map<UUID, UUID> serviceByCase, Instant now) {
        if (serviceByCase.isEmpty()) return new ArrayList<>();
        Map<UUID, CaseSummary> assignable = new LinkedHashMap<>();
        for (CaseSummary s : cases.summaries(organization, serviceByCase.keySet())) {
            if (s.unitId() != null && s.assigneeId() == null && ASSIGNABLE.contains(s.status())) assignable.put(s.id(), s);
        }
        Map<UUID, List<CaseSummary>> byUnit = new LinkedHashMap<>();
        for (UUID caseId : serviceByCase.keySet()) {
            CaseSummary s = assignable.get(caseId);
            if (s != null && serviceByCase.get(caseId) != null) byUnit.computeIfAbsent(s.unitId(), u -> new ArrayList<>()).add(s);
        }
        Choices choices = inUnits(organization, byUnit, serviceByCase, now);
        cases.assignAll(organization, Actor.system(), choices.chosen());
        return new ArrayList<>(choices.reasons());
    }

    /**
     * {@link #choose} for the cases of each unit (unit → its cases) whose unit has automatic assignment on, the
     * organization's staff read once; the reasons recorded.
     */
    private Choices inUnits(OrganizationId organization, Map<UUID, List<CaseSummary>> byUnit, Map<UUID, UUID> serviceByCase,
                            Instant now) {
        Map<UUID, UUID> chosen = new LinkedHashMap<>();
        List<StaffingStore.Reason> reasons = new ArrayList<>();
        List<StaffUser> everyone = null;
        for (Map.Entry<UUID, List<CaseSummary>> unit : byUnit.entrySet()) {
            if (!store.autoAssign(organization, unit.getKey())) continue;
            if (everyone == null) everyone = staff.inOrganization(organization);
            Choices choices = choose(organization, unit.getKey(), unit.getValue(), serviceByCase, everyone, now);
            chosen.putAll(choices.chosen());
            reasons.addAll(choices.reasons());
        }
        store.record(organization, reasons);
        return new Choices(chosen, reasons);
    }

    /** The people chosen for a unit's cases (case → person) and the reasons for every case, not yet recorded. */
    private record Choices(Map<UUID, UUID> chosen, List<StaffingStore.Reason> reasons) {}

    /**
     * The choice for each of the unit's cases in turn, the unit's row locked first: its people, their profiles and
     * loads read once, the loads and the turn carried from one case to the next; the unit's turn is stored.
     */
    private Choices choose(OrganizationId organization, UUID unitId, List<CaseSummary> unitCases,
                           Map<UUID, UUID> serviceByCase, List<StaffUser> everyone, Instant now) {
        UUID last = store.lockUnit(organization, unitId, now).orElse(null);
        Map<UUID, String> people = new LinkedHashMap<>();
        for (StaffUser u : everyone) if (unitId.equals(u.unitId())) people.put(u.id(), u.language().code());
        Map<UUID, Profile> profiles = store.profiles(organization, people);
        Map<UUID, Integer> load = new HashMap<>(cases.openLoad(organization, people.keySet()));
        var local = now.atZone(HELSINKI).toLocalDateTime();
        List<StaffingStore.Reason> reasons = new ArrayList<>();
        Map<UUID, UUID> chosen = new LinkedHashMap<>();
        for (CaseSummary summary : unitCases) {
            UUID serviceId = serviceByCase.get(summary.id());
            String language = summary.language().code();
            List<AssignmentChoice.Candidate> candidates = new ArrayList<>();
            for (Profile p : profiles.values()) {
                candidates.add(AssignmentChoice.candidate(p, serviceId, language, local, load.getOrDefault(p.staffId(), 0)));
            }
            AssignmentChoice.Decision decision = AssignmentChoice.choose(candidates, last);
            if (decision.staffId() != null) {
                chosen.put(summary.id(), decision.staffId());
                load.merge(decision.staffId(), 1, (x, y) -> Math.min(Cases.LOAD_CAP, x + y));
                last = decision.staffId();
            }
            reasons.add(new StaffingStore.Reason(summary.id(), unitId, serviceId, decision.staffId(), decision.outcome(),
                    decision.level(), language, decision.load(), decision.candidates(), now));
        }
        if (!chosen.isEmpty()) store.chosen(organization, unitId, last, now);
        return new Choices(chosen, reasons);
    }

    /**
     * Chooses a person for the case at the instant {@code now} (tests pass their own), assigns the case to them and
     * records the reason; when nobody fits, the case stays in the unit's queue and the reason says why. Does nothing
     * (empty) for a case that is gone, closed, already assigned, without a unit or service, or, when
     * {@code onlyWhenOn}, in a unit with automatic assignment off.
     */
    Optional<StaffingStore.Reason> assign(OrganizationId organization, UUID caseId, UUID serviceId, Instant now, boolean onlyWhenOn) {
        CaseSummary summary = cases.summary(organization, caseId).orElse(null);
        if (summary == null || serviceId == null || summary.unitId() == null) return Optional.empty();
        if (summary.assigneeId() != null || !ASSIGNABLE.contains(summary.status())) return Optional.empty();
        UUID unitId = summary.unitId();
        if (onlyWhenOn && !store.autoAssign(organization, unitId)) return Optional.empty();
        cases.lockForChange(organization, caseId); // the case before the unit, as routing locks them (no deadlock)
        Choices choices = choose(organization, unitId, List.of(summary), Map.of(caseId, serviceId), staff.inOrganization(organization), now);
        cases.assignAll(organization, Actor.system(), choices.chosen());
        StaffingStore.Reason reason = choices.reasons().getFirst();
        store.record(organization, List.of(reason));
        log.debug("Case {} assignment: {}", caseId, reason);
        return Optional.of(reason);
    }
}
