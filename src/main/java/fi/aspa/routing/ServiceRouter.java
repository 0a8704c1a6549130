package fi.aspa.routing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Classifies texts onto the organization's services. One model per organization, trained on the catalogue's texts
 * (every language the service has) and on the feedback people gave; retrained when either changes.
 */
@Service
@Transactional
class ServiceRouter implements Routing, RoutingFeedback {
    static final int MAX_TEXT = 20_000;
    static final int HISTORY_LIMIT = 20_000;
    static final int ALTERNATIVES = 5;

    private final JdbcClient db;
    private final Catalogue catalogue;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Cases cases;
    private final ReasonText reasons;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<OrganizationId, Trained> models = new ConcurrentHashMap<>();
    private final Map<OrganizationId, ReentrantLock> training = new ConcurrentHashMap<>();

    ServiceRouter(JdbcClient db, Catalogue catalogue, Clock clock, ApplicationEventPublisher events, Cases cases,
                  ReasonText reasons) {
        this.db = db;
        this.reasons = reasons;
        this.cases = cases;
        this.events = events;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** A trained model and what it was trained on. */
    record Trained(String version, ServiceClassifier classifier, Map<String, CatalogueService> services) {}

    // ------------------------------------------------------------------ classification

    @Override
    @Transactional(readOnly = true)
    public Suggestion suggest(OrganizationId organization, String text, Language language) {
        String checked = requireText(text);
        Trained model = model(organization);
        List<RoutingDecision.Alternative> ranked = rank(model, checked);
        boolean confident = !ranked.isEmpty() && ranked.getFirst().confidence() >= ServiceClassifier.TRIAGE_THRESHOLD;
        return new Suggestion(confident ? RoutingDecision.Outcome.ROUTED : RoutingDecision.Outcome.TRIAGE,
                ServiceClassifier.TRIAGE_THRESHOLD, ranked);
    }

    @Override
    public RoutingDecision decide(OrganizationId organization, UUID caseId, String text, Language language, boolean caseHasUnit) {
        RoutingDecision decision = classify(organization, caseId, text, caseHasUnit, model(organization));
        insert(List.of(decision));
        events.publishEvent(routed(decision, false));
        return decision;
    }

    /**
     * Classifies with the given model; the decision is NOT stored yet: the caller stores a batch's decisions with one
     * statement ({@link #insert}) and publishes {@link CaseRouted} once the decision's consequences for the case (the
     * move to the service's unit) are applied, so that the synchronous listeners (clocks, assignment) see the case as
     * routing left it.
     */
    RoutingDecision classify(OrganizationId organization, UUID caseId, String text, boolean caseHasUnit, Trained model) {
        String checked = text == null || text.isBlank() ? "-" : (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        List<RoutingDecision.Alternative> ranked = rank(model, checked);
        RoutingDecision.Alternative best = ranked.isEmpty() ? null : ranked.getFirst();
        double threshold = ServiceClassifier.TRIAGE_THRESHOLD;
        RoutingDecision.Outcome outcome;
        String reason;
        RoutingReason why;
        if (best == null) {
            outcome = caseHasUnit ? RoutingDecision.Outcome.KEPT : RoutingDecision.Outcome.TRIAGE;
            reason = "The catalogue has no services to route to.";
            why = RoutingReason.noServices();
        } else {
            List<String> words = model.classifier().evidence(checked, best.serviceId().toString());
            String evidence = String.join(", ", words);
            RoutingReason.Code code;
            String about = String.format(Locale.ROOT, "Best match '%s'%s with confidence %.2f (threshold %.2f)%s.",
                    best.name(), best.open311Code() == null ? "" : " (Open311 " + best.open311Code() + ")",
                    best.confidence(), threshold, evidence.isEmpty() ? "" : "; words that weighed most: " + evidence);
            if (caseHasUnit) {
                outcome = RoutingDecision.Outcome.KEPT;
                reason = about + " The case already had its unit, so it was not moved.";
                code = RoutingReason.Code.KEPT;
            } else if (best.confidence() < threshold) {
                outcome = RoutingDecision.Outcome.TRIAGE;
                reason = about + " Not confident enough: to triage.";
                code = RoutingReason.Code.TRIAGE;
            } else if (best.unitId() == null) {
                outcome = RoutingDecision.Outcome.TRIAGE;
                reason = about + " The service has no responsible unit: to triage.";
                code = RoutingReason.Code.NO_UNIT;
            } else {
                outcome = RoutingDecision.Outcome.ROUTED;
                reason = about + " Routed to the service's unit.";
                code = RoutingReason.Code.CLASSIFIER;
            }
            why = RoutingReason.classifier(code, best, threshold, words);
        }
        boolean guess = outcome != RoutingDecision.Outcome.TRIAGE;
        UUID serviceId = best != null && guess ? best.serviceId() : null;
        UUID unitId = best != null && guess ? best.unitId() : null;
        double confidence = best == null ? 0 : best.confidence();
        return decision(organization, caseId, outcome, serviceId, unitId, null, confidence, reason, why, ranked,
                ServiceClassifier.MODEL, null, null);
    }

    /** The event for a decision. */
    static CaseRouted routed(RoutingDecision d, boolean corrected) {
        return new CaseRouted(d.organizationId(), d.caseId(), d.id(), d.outcome(), d.serviceId(), d.unitId(), d.confidence(), corrected);
    }

    /** A new decision, not stored yet ({@link #insert}). */
    private RoutingDecision decision(OrganizationId organization, UUID caseId, RoutingDecision.Outcome outcome, UUID serviceId,
                                     UUID unitId, UUID assigneeId, double confidence, String reason, RoutingReason why,
                                     List<RoutingDecision.Alternative> ranked, String model, UUID ruleId, UUID decidedBy) {
        return new RoutingDecision(Ids.next(), organization, caseId, outcome, serviceId, unitId, assigneeId, confidence, reason,
                ranked, model, clock.instant(), ruleId, decidedBy, why);
    }

    /** Stores a decision; the caller publishes {@link CaseRouted} ({@link #routed}) in the same transaction. */
    private RoutingDecision store(OrganizationId organization, UUID caseId, RoutingDecision.Outcome outcome, UUID serviceId,
                                  UUID unitId, UUID assigneeId, double confidence, String reason, RoutingReason why,
                                  List<RoutingDecision.Alternative> ranked, String model, UUID ruleId, UUID decidedBy) {
        RoutingDecision d = decision(organization, caseId, outcome, serviceId, unitId, assigneeId, confidence, reason, why, ranked,
                model, ruleId, decidedBy);
        insert(List.of(d));
        return d;
    }

    /** Stores decisions (of one organization or several) with one statement, whatever their number. */
    void insert(List<RoutingDecision> decisions) {
        if (decisions.isEmpty()) return;
        int n = decisions.size();
        UUID[] id = new UUID[n], org = new UUID[n], caseId = new UUID[n], service = new UUID[n], unit = new UUID[n],
                assignee = new UUID[n], rule = new UUID[n], decidedBy = new UUID[n];
        String[] outcome = new String[n], reason = new String[n], alternatives = new String[n], model = new String[n],
                decidedAt = new String[n], reasonArgs = new String[n];
        Double[] confidence = new Double[n];
        for (int i = 0; i < n; i++) {
            RoutingDecision d = decisions.get(i);
            id[i] = d.id();
            org[i] = d.organizationId().value();
            caseId[i] = d.caseId();
            outcome[i] = d.outcome().name();
            service[i] = d.serviceId();
            unit[i] = d.unitId();
            assignee[i] = d.assigneeId();
            confidence[i] = d.confidence();
            reason[i] = d.reason();
            alternatives[i] = json.writeValueAsString(d.alternatives());
            model[i] = d.model();
            decidedAt[i] = d.decidedAt().toString();
            rule[i] = d.ruleId();
            decidedBy[i] = d.decidedBy();
            reasonArgs[i] = d.structuredReason() == null ? null : json.writeValueAsString(d.structuredReason());
        }
        db.sql("""
                insert into routing_decision (id, organization_id, case_id, outcome, service_id, unit_id, assignee_id, confidence,
                    reason, alternatives, model, decided_at, rule_id, decided_by, reason_args)
                select id, org, case_id, outcome, service, unit, assignee, confidence, reason, cast(alternatives as jsonb), model,
                    cast(decided_at as timestamptz), rule, decided_by, cast(reason_args as jsonb)
                from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as uuid[]),
                            cast(? as uuid[]), cast(? as uuid[]), cast(? as float8[]), cast(? as text[]), cast(? as text[]),
                            cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]))
                    as d(id, org, case_id, outcome, service, unit, assignee, confidence, reason, alternatives, model, decided_at,
                         rule, decided_by, reason_args)""")
                .params(id, org, caseId, outcome, service, unit, assignee, confidence, reason, alternatives, model, decidedAt,
                        rule, decidedBy, reasonArgs)
                .update();
    }

    /**
     * A routing rule decided, with the rule and its reasons (not stored yet: {@link #insert}). The caller applies the
     * rule's actions and then publishes {@link CaseRouted}.
     */
    RoutingDecision decideByRule(OrganizationId organization, UUID caseId, RuleMatcher.Match match, UUID serviceId, UUID unitId) {
        RoutingRule.Actions then = match.rule().then();
        return decision(organization, caseId, RoutingDecision.Outcome.ROUTED, serviceId, unitId, then.assigneeId(), 1.0,
                match.reason(), match.structured(), List.of(), RoutingDecision.BY_RULE, match.rule().id(), null);
    }

    @Override
    public RoutingDecision choose(OrganizationId organization, UUID caseId, UUID serviceId, UUID staffId) {
        CaseDetail detail = cases.detail(organization, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        CatalogueService service = serviceId == null ? null : catalogue.find(organization, serviceId).orElse(null);
        if (service == null) throw AspaException.invalid("unknown-service", "Unknown service");
        String text = CaseRouter.text(detail);
        RoutingDecision latest = decisions(organization, caseId).stream().findFirst().orElse(null);
        UUID previous = latest == null ? null : latest.serviceId();
        boolean changed = previous != null && !previous.equals(serviceId);
        if (changed) {
            corrected(organization, caseId, text, detail.summary().language(), previous, serviceId, staffId);
        } else {
            confirmed(organization, caseId, text, detail.summary().language(), serviceId, staffId);
        }
        UUID unitId = service.unitId() != null ? service.unitId() : detail.summary().unitId();
        if (service.unitId() != null && !service.unitId().equals(detail.summary().unitId())) {
            cases.transfer(organization, caseId, Actor.staff(staffId), service.unitId(), null);
        }
        String previousName = previous == null ? null : latest.alternatives().stream().filter(a -> a.serviceId().equals(previous))
                .map(RoutingDecision.Alternative::name).findFirst()
                .orElseGet(() -> catalogue.find(organization, previous).map(s -> s.name().fi()).orElse("?"));
        String from = latest == null ? "" : previous == null ? " (was: triage)" : " (was: " + previousName + ")";
        String reason = (changed ? "Corrected by a person to '" : "Chosen by a person: '") + service.name().fi() + "'" + from
                + (service.unitId() == null ? "; the service has no responsible unit, so the case was not moved." : ".");
        RoutingReason why = RoutingReason.person(changed, serviceId, service.name().fi(), previous, previousName,
                latest != null && previous == null, service.unitId() != null);
        RoutingDecision decision = store(organization, caseId, RoutingDecision.Outcome.ROUTED, serviceId, unitId, null, 1.0, reason,
                why, latest == null ? List.of() : latest.alternatives(), RoutingDecision.BY_PERSON, null, staffId);
        events.publishEvent(routed(decision, true));
        return decision;
    }

    /** Cases whose latest decision is triage, oldest first, with that decision. */
    @Transactional(readOnly = true)
    List<RoutingDecision> triage(OrganizationId organization, int limit) {
        return db.sql("""
                select * from (select distinct on (case_id) * from routing_decision where organization_id = ?
                               order by case_id, decided_at desc, id desc) latest
                where outcome = 'TRIAGE' order by decided_at, id limit ?""")
                .params(organization.value(), limit)
                .query((rs, n) -> decision(rs, organization)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<RoutingDecision> decisions(OrganizationId organization, UUID caseId) {
        return db.sql("select * from routing_decision where organization_id = ? and case_id = ? order by decided_at desc, id desc")
                .params(organization.value(), caseId)
                .query((rs, n) -> decision(rs, organization))
                .list();
    }

    private RoutingDecision decision(java.sql.ResultSet rs, OrganizationId organization) throws java.sql.SQLException {
        return new RoutingDecision(rs.getObject("id", UUID.class), organization,
                rs.getObject("case_id", UUID.class), RoutingDecision.Outcome.valueOf(rs.getString("outcome")),
                rs.getObject("service_id", UUID.class), rs.getObject("unit_id", UUID.class),
                rs.getObject("assignee_id", UUID.class), rs.getDouble("confidence"), rs.getString("reason"),
                json.readValue(rs.getString("alternatives"), new TypeReference<List<RoutingDecision.Alternative>>() {}),
                rs.getString("model"), rs.getTimestamp("decided_at").toInstant(), rs.getObject("rule_id", UUID.class),
                rs.getObject("decided_by", UUID.class),
                rs.getString("reason_args") == null ? null : json.readValue(rs.getString("reason_args"), RoutingReason.class));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> explain(OrganizationId organization, RoutingDecision decision, Locale locale) {
        return decision.structuredReason() == null ? Optional.empty() : Optional.of(reasons.text(organization, decision.structuredReason(), locale));
    }

    private static List<RoutingDecision.Alternative> rank(Trained model, String text) {
        if (model.classifier() == null) return new ArrayList<>();
        List<Scored> top = model.classifier().top(text, ALTERNATIVES);
        List<RoutingDecision.Alternative> ranked = alternatives(model, top);
        // a label without its service (not expected: both come from the same catalogue) leaves a gap: rank them all
        return ranked.size() < ALTERNATIVES && top.size() == ALTERNATIVES ? alternatives(model, model.classifier().rank(text)) : ranked;
    }

    private static List<RoutingDecision.Alternative> alternatives(Trained model, List<Scored> scored) {
        List<RoutingDecision.Alternative> ranked = new ArrayList<>();
        for (Scored s : scored) {
            CatalogueService service = model.services().get(s.label());
            if (service == null) continue;
            ranked.add(new RoutingDecision.Alternative(service.id(), service.name().fi(), service.open311Code(),
                    service.referenceCode(), service.unitId(), Math.round(s.confidence() * 10_000) / 10_000.0));
            if (ranked.size() == ALTERNATIVES) break;
        }
        return ranked;
    }

    /** The organization's model, retrained first when the catalogue or the feedback changed (two small queries to know). */
    Trained model(OrganizationId organization) {
        return model(organization, db.sql("select " + FEEDBACK_VERSION).param(organization.value()).query(String.class).single());
    }

    /** What the feedback is as of a statement (count and latest), for {@link #model(OrganizationId, String)}. */
    static final String FEEDBACK_VERSION = """
            (select count(*) || '@' || coalesce(max(created_at)::text, '-') from routing_feedback where organization_id = ?)""";

    /** The model, with the feedback's {@link #FEEDBACK_VERSION} read by the caller (with other things it reads). */
    Trained model(OrganizationId organization, String feedbackVersion) {
        String version = catalogue.version(organization) + "/" + feedbackVersion;
        Trained current = models.get(organization);
        if (current != null && current.version().equals(version)) return current;
        // One training at a time per organization (it takes seconds with a full catalogue); while it runs, the
        // others keep classifying with the model they have rather than all training the same one.
        ReentrantLock lock = training.computeIfAbsent(organization, k -> new ReentrantLock());
        if (current != null && !lock.tryLock()) return current;
        if (current == null) lock.lock();
        try {
            Trained latest = models.get(organization);
            if (latest != null && latest.version().equals(version)) return latest;
            Trained trained = train(organization, version);
            models.put(organization, trained);
            return trained;
        } finally {
            lock.unlock();
        }
    }

    private Trained train(OrganizationId organization, String version) {
        Map<String, CatalogueService> services = new HashMap<>();
        List<Example> examples = new ArrayList<>();
        for (CatalogueService s : catalogue.list(organization)) {
            String label = s.id().toString();
            services.put(label, s);
            examples.addAll(ServiceClassifier.examples(s, label));
        }
        db.sql("select service_id, text from routing_feedback where organization_id = ? order by created_at desc limit ?")
                .params(organization.value(), HISTORY_LIMIT)
                .query(rs -> {
                    String label = rs.getObject("service_id", UUID.class).toString();
                    if (services.containsKey(label)) examples.add(new Example(label, rs.getString("text")));
                });
        return new Trained(version, examples.isEmpty() ? null : new ServiceClassifier(examples), services);
    }

    // ------------------------------------------------------------------ feedback

    @Override
    public void corrected(OrganizationId organization, UUID caseId, String text, Language language, UUID previousServiceId,
                          UUID serviceId, UUID staffId) {
        feedback(organization, caseId, text, language, serviceId, previousServiceId, Kind.CORRECTED, staffId);
    }

    @Override
    public void confirmed(OrganizationId organization, UUID caseId, String text, Language language, UUID serviceId, UUID staffId) {
        feedback(organization, caseId, text, language, serviceId, null, Kind.CONFIRMED, staffId);
    }

    @Override
    public void history(OrganizationId organization, String text, Language language, UUID serviceId) {
        feedback(organization, null, text, language, serviceId, null, Kind.HISTORY, null);
    }

    /** Many past requests as {@link #history}, with one statement (the demo organization's history). */
    void history(OrganizationId organization, List<Past> past) {
        if (past.isEmpty()) return;
        past.forEach(p -> requireText(p.text()));
        for (UUID service : past.stream().map(Past::serviceId).collect(java.util.stream.Collectors.toSet())) {
            if (service == null || catalogue.find(organization, service).isEmpty()) throw AspaException.invalid("unknown-service", "Unknown service");
        }
        db.sql("""
                insert into routing_feedback (id, organization_id, text, language, service_id, kind, created_at)
                select p.id, ?, p.text, p.language, p.service, 'HISTORY', ? from unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[])
                    with ordinality as p(id, text, language, service, n) order by p.n""")
                .params(organization.value(), Timestamp.from(clock.instant()), past.stream().map(p -> Ids.next()).toArray(UUID[]::new),
                        past.stream().map(Past::text).toArray(String[]::new),
                        past.stream().map(p -> p.language().code()).toArray(String[]::new),
                        past.stream().map(Past::serviceId).toArray(UUID[]::new))
                .update();
    }

    /** A past request with a known service. */
    record Past(String text, Language language, UUID serviceId) {}

    private void feedback(OrganizationId organization, UUID caseId, String text, Language language, UUID serviceId,
                          UUID previousServiceId, Kind kind, UUID staffId) {
        String checked = requireText(text);
        if (serviceId == null || catalogue.find(organization, serviceId).isEmpty()) {
            throw AspaException.invalid("unknown-service", "Unknown service");
        }
        if (previousServiceId != null && catalogue.find(organization, previousServiceId).isEmpty()) {
            throw AspaException.invalid("unknown-service", "Unknown service");
        }
        db.sql("""
                insert into routing_feedback (id, organization_id, case_id, text, language, service_id, previous_service_id,
                    kind, staff_user_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.next(), organization.value(), caseId, checked, (language == null ? Language.FI : language).code(),
                        serviceId, previousServiceId, kind.name(), staffId, Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> recent(OrganizationId organization, int limit) {
        return db.sql("select * from routing_feedback where organization_id = ? order by created_at desc, id desc limit ?")
                .params(organization.value(), Math.max(0, Math.min(limit, 1000)))
                .query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                        rs.getString("text"), Language.parse(rs.getString("language")).orElse(Language.FI),
                        rs.getObject("service_id", UUID.class), rs.getObject("previous_service_id", UUID.class),
                        Kind.valueOf(rs.getString("kind")), rs.getObject("staff_user_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) throw AspaException.invalid("required", "text is required");
        if (text.length() > MAX_TEXT) throw AspaException.invalid("too-long", "text is longer than " + MAX_TEXT + " characters");
        return text;
    }
}
