package fi.aspa.catalogue;

import fi.aspa.identity.Staff;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

@Service
@Transactional
class CatalogueStore implements Catalogue {
    static final int MAX_NAME = 500;
    static final int MAX_TEXT = 50_000;
    static final int MAX_KEYWORDS = 100;

    private final JdbcClient db;
    private final Organizations organizations;
    private final Staff staff;
    private final Clock clock;
    private final PtvImport ptvImport;
    private final PtvExport ptvExport;
    private final ApplicationEventPublisher events;

    CatalogueStore(JdbcClient db, Organizations organizations, Staff staff, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
        this.organizations = organizations;
        this.staff = staff;
        this.clock = clock;
        this.ptvImport = new PtvImport(this);
        this.ptvExport = new PtvExport();
    }

    // ------------------------------------------------------------------ queries

    @Override
    @Transactional(readOnly = true)
    public List<ServiceName> names(OrganizationId organization) {
        return db.sql("select id, name_fi, name_sv, name_en, open311_code from catalogue_service where organization_id = ? order by name_fi, id")
                .param(organization.value())
                .query((rs, n) -> new ServiceName(rs.getObject("id", UUID.class),
                        new LocalizedText(rs.getString("name_fi"), rs.getString("name_sv"), rs.getString("name_en")),
                        rs.getString("open311_code")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CatalogueService> find(OrganizationId organization, UUID serviceId) {
        return load(organization, "s.id = :id", Map.of("id", serviceId), true).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CatalogueService> list(OrganizationId organization) {
        return load(organization, "true", Map.of(), true);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CatalogueService> byLifeEvent(OrganizationId organization, String lifeEventUri) {
        return byConcept(organization, ConceptKind.LIFE_EVENT, lifeEventUri);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CatalogueService> byTargetGroup(OrganizationId organization, String targetGroupUri) {
        return byConcept(organization, ConceptKind.TARGET_GROUP, targetGroupUri);
    }

    private List<CatalogueService> byConcept(OrganizationId organization, ConceptKind kind, String uri) {
        if (uri == null || uri.isBlank()) return List.of();
        return load(organization, """
                exists (select 1 from catalogue_concept c where c.organization_id = s.organization_id
                        and c.service_id = s.id and c.kind = :kind and c.uri = :uri)""",
                Map.of("kind", kind.name(), "uri", uri), true);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConceptCount> concepts(OrganizationId organization, ConceptKind kind) {
        return concepts(organization, kind, false);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConceptCount> publicConcepts(OrganizationId organization, ConceptKind kind) {
        return concepts(organization, kind, true);
    }

    private List<ConceptCount> concepts(OrganizationId organization, ConceptKind kind, boolean publicOnly) {
        return db.sql("""
                select uri, min(label_fi) as label_fi, min(label_sv) as label_sv, min(label_en) as label_en,
                       count(*) as services
                from catalogue_concept c where c.organization_id = ? and c.kind = ?
                  and (not ? or exists (select 1 from catalogue_service s where s.organization_id = c.organization_id
                                        and s.id = c.service_id and s.visibility = 'PUBLIC'))
                group by uri order by min(label_fi)""")
                .params(organization.value(), kind.name(), publicOnly)
                .query((rs, n) -> new ConceptCount(new Concept(rs.getString("uri"), PtvVocabulary.complete(rs.getString("uri"),
                        new LocalizedText(rs.getString("label_fi"), rs.getString("label_sv"), rs.getString("label_en")))),
                        rs.getInt("services")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CatalogueService> byOpen311Code(OrganizationId organization, String serviceCode) {
        if (serviceCode == null) return Optional.empty();
        return load(organization, "s.open311_code = :code", Map.of("code", serviceCode), true).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CatalogueService> byPtvId(OrganizationId organization, UUID ptvId) {
        if (ptvId == null) return Optional.empty();
        return load(organization, "s.ptv_id = :ptv", Map.of("ptv", ptvId), true).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CatalogueService> search(OrganizationId organization, String query, int limit) {
        List<String> words = query == null ? List.of() : Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+"))
                .filter(w -> w.length() >= 2).limit(8).toList();
        if (words.isEmpty()) return List.of();
        // Each word matches a name or keyword as a substring, or a word of them matches the word's start (a crude
        // stem for inflected Finnish: "pysäköintiluvan" still finds "pysäköintilupa" through "pysäköintilu").
        StringBuilder where = new StringBuilder();
        StringBuilder rank = new StringBuilder("0");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String stem = w.length() > 5 ? w.substring(0, Math.max(5, w.length() - 3)) : w;
            params.put("w" + i, "%" + like(stem) + "%");
            params.put("n" + i, "%" + like(stem) + "%");
            if (i > 0) where.append(" and ");
            where.append("(").append(haystack()).append(" like :w").append(i).append(")");
            rank.append(" + case when lower(s.name_fi || ' ' || coalesce(s.name_sv, '') || ' ' || coalesce(s.name_en, '')) like :n")
                    .append(i).append(" then 2 else 1 end");
        }
        List<CatalogueService> found = load(organization, where.toString(), params, true, rank + " desc, s.name_fi", limit);
        return found;
    }

    private static String haystack() {
        return "lower(s.name_fi || ' ' || coalesce(s.name_sv, '') || ' ' || coalesce(s.name_en, '') || ' ' || array_to_string(s.keywords, ' ') || ' ' || coalesce(s.summary_fi, ''))";
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    @Transactional(readOnly = true)
    public String version(OrganizationId organization) {
        return db.sql("select count(*) || '@' || coalesce(max(updated_at)::text, '-') from catalogue_service where organization_id = ?")
                .param(organization.value()).query(String.class).single();
    }

    /**
     * The service as stored, without the vocabulary's Swedish and English labels filled in: what an edit starts from,
     * so that saving a form changes only what the form shows.
     */
    @Transactional(readOnly = true)
    Optional<CatalogueService> stored(OrganizationId organization, UUID serviceId) {
        return load(organization, "s.id = :id", Map.of("id", serviceId), false).stream().findFirst();
    }

    // ------------------------------------------------------------------ commands

    @Override
    public CatalogueService create(OrganizationId organization, ServiceDraft draft) {
        CatalogueService created = insert(organization, draft, CatalogueService.Source.LOCAL, Map.of());
        events.publishEvent(new CatalogueChanged(organization));
        return created;
    }

    @Override
    public CatalogueService update(OrganizationId organization, UUID serviceId, ServiceDraft draft) {
        CatalogueService current = find(organization, serviceId).orElseThrow(() -> AspaException.notFound("Service"));
        write(organization, current.id(), draft, current.source(), null, false);
        events.publishEvent(new CatalogueChanged(organization));
        return find(organization, serviceId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> internalIds(OrganizationId organization) {
        return Set.copyOf(db.sql("select id from catalogue_service where organization_id = ? and visibility = 'INTERNAL'")
                .param(organization.value()).query(UUID.class).list());
    }

    @Override
    public CatalogueService setInternal(OrganizationId organization, UUID serviceId, boolean internal) {
        int changed = db.sql("update catalogue_service set visibility = ?, updated_at = ? where organization_id = ? and id = ?")
                .params(internal ? "INTERNAL" : "PUBLIC", Timestamp.from(clock.instant()), organization.value(), serviceId).update();
        if (changed == 0) throw AspaException.notFound("Service");
        events.publishEvent(new CatalogueChanged(organization));
        return find(organization, serviceId).orElseThrow();
    }

    @Override
    public PtvImportReport importPtv(OrganizationId organization, InputStream jsonLines) {
        requireOrganization(organization);
        PtvImportReport report = ptvImport.read(organization, jsonLines);
        // an update changes what search and routing know as much as a new service does
        if (report.imported() + report.updated() > 0) events.publishEvent(new CatalogueChanged(organization));
        return report;
    }

    @Override
    @Transactional(readOnly = true)
    public void exportPtv(OrganizationId organization, OutputStream out) {
        // the export is published (Suomi.fi Service Catalogue): an internal service is for staff only and is never in it
        List<CatalogueService> services = load(organization, "s.visibility = 'PUBLIC'", Map.of(), false);
        Map<UUID, String> extras = db.sql("select id, ptv_extra::text as extra from catalogue_service where organization_id = ?")
                .param(organization.value()).query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("extra")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        ptvExport.write(services, extras, out);
    }

    @Override
    public int addHelsinkiFeedbackServices(OrganizationId organization, UUID unitId) {
        requireOrganization(organization);
        int created = 0;
        for (ServiceDraft draft : HelsinkiFeedbackServices.drafts(unitId)) {
            if (byOpen311Code(organization, draft.open311Code()).isEmpty()) {
                insert(organization, draft, CatalogueService.Source.OPEN311, Map.of());
                created++;
            }
        }
        if (created > 0) events.publishEvent(new CatalogueChanged(organization));
        return created;
    }

    /**
     * Used by the PTV import: creates or updates by PTV id, keeping what only Aspa knows (unit, people, channels,
     * Open311 code). Each line is written under a savepoint of the import's transaction, so that a line the catalogue
     * refuses (a validation rule, an Open311 code another service has, a value the database cannot store) is
     * reported as {@link PtvImport.Invalid} and the lines before and after it stay imported.
     */
    boolean upsertFromPtv(OrganizationId organization, ServiceDraft draft, String extraJson) {
        String ptvId = draft.ptvId().toString();
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        Object savepoint = transaction.createSavepoint();
        try {
            Optional<UUID> existing = db.sql("select id from catalogue_service where organization_id = ? and ptv_id = ?")
                    .params(organization.value(), draft.ptvId()).query(UUID.class).optional();
            boolean created = existing.isEmpty();
            if (!created) {
                write(organization, existing.get(), draft, CatalogueService.Source.PTV, extraJson, true);
            } else {
                if (draft.open311Code() != null && byOpen311Code(organization, draft.open311Code()).isPresent()) {
                    throw new PtvImport.Invalid(ptvId, "open311-code-taken",
                            "Open311 code " + draft.open311Code() + " is already used by another service");
                }
                insert(organization, draft, CatalogueService.Source.PTV, extraJson == null ? Map.of() : Map.of("extra", extraJson));
            }
            transaction.releaseSavepoint(savepoint);
            return created;
        } catch (AspaException e) {
            transaction.rollbackToSavepoint(savepoint);
            throw new PtvImport.Invalid(ptvId, "invalid", e.getMessage());
        } catch (PtvImport.Invalid e) {
            transaction.rollbackToSavepoint(savepoint);
            throw e;
        } catch (DataAccessException e) {
            transaction.rollbackToSavepoint(savepoint);
            String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
            throw new PtvImport.Invalid(ptvId, "not-stored", "the database refused the service"
                    + (state == null ? "" : " (SQLSTATE " + state + ")"));
        }
    }

    private CatalogueService insert(OrganizationId organization, ServiceDraft draft, CatalogueService.Source source,
                                    Map<String, String> extra) {
        validate(organization, draft);
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                insert into catalogue_service (id, organization_id, source, name_fi, created_at, updated_at, ptv_extra)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(id, organization.value(), source.name(), draft.name().fi(), now, now, extra.getOrDefault("extra", "{}"))
                .update();
        write(organization, id, draft, source, null, false);
        return find(organization, id).orElseThrow();
    }

    private void write(OrganizationId organization, UUID id, ServiceDraft draft, CatalogueService.Source source,
                       String extraJson, boolean fromPtv) {
        validate(organization, draft);
        LocalizedText summary = orEmpty(draft.summary());
        LocalizedText description = orEmpty(draft.description());
        LocalizedText instructions = orEmpty(draft.instructions());
        db.sql("""
                update catalogue_service set ptv_id = :ptv, reference_code = :ref, service_type = :type, charge_type = :charge,
                    name_fi = :nfi, name_sv = :nsv, name_en = :nen, summary_fi = :sfi, summary_sv = :ssv, summary_en = :sen,
                    description_fi = :dfi, description_sv = :dsv, description_en = :den,
                    instructions_fi = :ifi, instructions_sv = :isv, instructions_en = :ien,
                    keywords = case when :keepLocal and cardinality(cast(:keywords as text[])) = 0 then keywords else cast(:keywords as text[]) end,
                    unit_id = case when :keepLocal then unit_id else :unit end,
                    channels = case when :keepLocal then channels else cast(:channels as text[]) end,
                    open311_code = case when :keepLocal then open311_code else :open311 end,
                    ptv_extra = coalesce(cast(:extra as jsonb), ptv_extra),
                    source = case when :keepLocal then source else :source end,
                    visibility = case when :keepLocal then visibility else :visibility end,
                    updated_at = :now
                where organization_id = :org and id = :id""")
                .param("ptv", draft.ptvId()).param("ref", draft.referenceCode()).param("type", draft.serviceType())
                .param("charge", draft.chargeType())
                .param("nfi", draft.name().fi()).param("nsv", draft.name().sv()).param("nen", draft.name().en())
                .param("sfi", summary.fi()).param("ssv", summary.sv()).param("sen", summary.en())
                .param("dfi", description.fi()).param("dsv", description.sv()).param("den", description.en())
                .param("ifi", instructions.fi()).param("isv", instructions.sv()).param("ien", instructions.en())
                .param("keywords", draft.keywords().toArray(String[]::new))
                .param("keepLocal", fromPtv)
                .param("unit", draft.unitId())
                .param("channels", draft.channels().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("open311", draft.open311Code())
                .param("extra", extraJson)
                .param("source", source.name())
                .param("visibility", draft.internal() ? "INTERNAL" : "PUBLIC")
                .param("now", Timestamp.from(clock.instant()))
                .param("org", organization.value()).param("id", id)
                .update();
        db.sql("delete from catalogue_concept where organization_id = ? and service_id = ?").params(organization.value(), id).update();
        insertConcepts(organization, id, ConceptKind.SERVICE_CLASS, draft.serviceClasses());
        insertConcepts(organization, id, ConceptKind.TARGET_GROUP, draft.targetGroups());
        insertConcepts(organization, id, ConceptKind.LIFE_EVENT, draft.lifeEvents());
        insertConcepts(organization, id, ConceptKind.ONTOLOGY_TERM, draft.ontologyTerms());
        if (!fromPtv) {
            db.sql("delete from catalogue_person where organization_id = ? and service_id = ?").params(organization.value(), id).update();
            for (ServicePerson person : Set.copyOf(draft.people())) {
                db.sql("insert into catalogue_person (organization_id, service_id, staff_user_id, role) values (?, ?, ?, ?)")
                        .params(organization.value(), id, person.staffId(), person.role().name()).update();
            }
        }
    }

    private void insertConcepts(OrganizationId organization, UUID serviceId, ConceptKind kind, List<Concept> concepts) {
        int position = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Concept c : concepts) {
            if (!seen.add(c.uri())) continue;
            db.sql("""
                    insert into catalogue_concept (organization_id, service_id, kind, uri, label_fi, label_sv, label_en, position)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(organization.value(), serviceId, kind.name(), c.uri(), c.label().fi(), c.label().sv(),
                            c.label().en(), position++)
                    .update();
        }
    }

    private void validate(OrganizationId organization, ServiceDraft draft) {
        if (draft.name() == null || draft.name().fi() == null || draft.name().fi().isBlank()) {
            throw AspaException.invalid("required", "The service needs a Finnish name");
        }
        for (String name : new String[]{draft.name().fi(), draft.name().sv(), draft.name().en()}) {
            if (name != null && name.length() > MAX_NAME) throw AspaException.invalid("too-long", "Name too long");
        }
        for (LocalizedText text : new LocalizedText[]{draft.summary(), draft.description(), draft.instructions()}) {
            if (text == null) continue;
            for (String s : new String[]{text.fi(), text.sv(), text.en()}) {
                if (s != null && s.length() > MAX_TEXT) throw AspaException.invalid("too-long", "Text too long");
            }
        }
        if (draft.keywords().size() > MAX_KEYWORDS) throw AspaException.invalid("too-long", "Too many keywords");
        for (Concept c : concatConcepts(draft)) {
            if (c.uri() == null || c.uri().isBlank() || c.label() == null || c.label().fi() == null) {
                throw AspaException.invalid("validation", "A classification needs a URI and a Finnish label");
            }
        }
        if (draft.unitId() != null && organizations.unit(organization, draft.unitId()).isEmpty()) {
            throw AspaException.invalid("unknown-unit", "Unknown unit");
        }
        for (ServicePerson person : draft.people()) {
            if (person.staffId() == null || person.role() == null || staff.find(organization, person.staffId()).isEmpty()) {
                throw AspaException.invalid("unknown-assignee", "Unknown staff member");
            }
        }
    }

    private static List<Concept> concatConcepts(ServiceDraft d) {
        List<Concept> all = new ArrayList<>(d.serviceClasses());
        all.addAll(d.targetGroups());
        all.addAll(d.lifeEvents());
        all.addAll(d.ontologyTerms());
        return all;
    }

    private void requireOrganization(OrganizationId organization) {
        organizations.find(organization).orElseThrow(() -> AspaException.notFound("Organization"));
    }

    private static LocalizedText orEmpty(LocalizedText text) {
        return text == null ? new LocalizedText(null, null, null) : text;
    }

    // ------------------------------------------------------------------ reading rows

    private List<CatalogueService> load(OrganizationId organization, String where, Map<String, ?> params, boolean complete) {
        return load(organization, where, params, complete, "s.name_fi, s.id", Integer.MAX_VALUE);
    }

    private List<CatalogueService> load(OrganizationId organization, String where, Map<String, ?> params, boolean complete,
                                        String orderBy, int limit) {
        var statement = db.sql("select s.* from catalogue_service s where s.organization_id = :org and (" + where + ") order by "
                + orderBy + (limit < Integer.MAX_VALUE ? " limit " + Math.max(0, limit) : ""));
        statement = statement.param("org", organization.value());
        for (Map.Entry<String, ?> p : params.entrySet()) statement = statement.param(p.getKey(), p.getValue());
        List<Row> rows = statement.query(CatalogueStore::row).list();
        if (rows.isEmpty()) return List.of();
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, Map<ConceptKind, List<Concept>>> concepts = new HashMap<>();
        db.sql("select * from catalogue_concept where organization_id = ? and service_id = any(?) order by service_id, kind, position")
                .params(organization.value(), ids)
                .query(rs -> {
                    String uri = rs.getString("uri");
                    LocalizedText label = new LocalizedText(rs.getString("label_fi"), rs.getString("label_sv"), rs.getString("label_en"));
                    concepts.computeIfAbsent(rs.getObject("service_id", UUID.class), k -> new EnumMap())
                            .computeIfAbsent(ConceptKind.valueOf(rs.getString("kind")), k -> new ArrayList<>())
                            .add(new Concept(uri, complete ? PtvVocabulary.complete(uri, label) : label));
                });
        Map<UUID, List<ServicePerson>> people = new HashMap<>();
        db.sql("select * from catalogue_person where organization_id = ? and service_id = any(?) order by role, staff_user_id")
                .params(organization.value(), ids)
                .query(rs -> {
                    people.computeIfAbsent(rs.getObject("service_id", UUID.class), k -> new ArrayList<>())
                            .add(new ServicePerson(rs.getObject("staff_user_id", UUID.class), ServicePerson.Role.valueOf(rs.getString("role"))));
                });
        List<CatalogueService> services = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<ConceptKind, List<Concept>> c = concepts.getOrDefault(r.id(), Map.of());
            services.add(new CatalogueService(r.id(), organization, r.ptvId(), r.referenceCode(), r.open311Code(),
                    r.serviceType(), r.chargeType(), r.name(), r.summary(), r.description(), r.instructions(), r.keywords(),
                    c.getOrDefault(ConceptKind.SERVICE_CLASS, List.of()), c.getOrDefault(ConceptKind.TARGET_GROUP, List.of()),
                    c.getOrDefault(ConceptKind.LIFE_EVENT, List.of()), c.getOrDefault(ConceptKind.ONTOLOGY_TERM, List.of()),
                    r.unitId(), people.getOrDefault(r.id(), List.of()), r.channels(), r.source(), r.internal()));
        }
        return services;
    }

    private static final class EnumMap extends java.util.EnumMap<ConceptKind, List<Concept>> {
        EnumMap() {
            super(ConceptKind.class);
        }
    }

    private record Row(UUID id, UUID ptvId, String referenceCode, String open311Code, String serviceType, String chargeType,
                       LocalizedText name, LocalizedText summary, LocalizedText description, LocalizedText instructions,
                       List<String> keywords, UUID unitId, Set<ServiceChannel> channels, CatalogueService.Source source,
                       boolean internal) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        Set<ServiceChannel> channels = EnumSet.noneOf(ServiceChannel.class);
        for (String c : strings(rs.getArray("channels"))) channels.add(ServiceChannel.valueOf(c));
        return new Row(rs.getObject("id", UUID.class), rs.getObject("ptv_id", UUID.class), rs.getString("reference_code"),
                rs.getString("open311_code"), rs.getString("service_type"), rs.getString("charge_type"),
                text(rs, "name"), text(rs, "summary"), text(rs, "description"), text(rs, "instructions"),
                List.of(strings(rs.getArray("keywords"))), rs.getObject("unit_id", UUID.class), channels,
                CatalogueService.Source.valueOf(rs.getString("source")), "INTERNAL".equals(rs.getString("visibility")));
    }

    private static LocalizedText text(ResultSet rs, String column) throws SQLException {
        return new LocalizedText(rs.getString(column + "_fi"), rs.getString(column + "_sv"), rs.getString(column + "_en"));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
