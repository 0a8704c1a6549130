package fi.aspa.organization;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.aspa.platform.Ids;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class OrganizationStore implements Organizations {
    private final JdbcClient db;
    private final Map<OrganizationId, Organization> byId = new ConcurrentHashMap<>();
    private final Map<String, Organization> bySlug = new ConcurrentHashMap<>();
    /**
     * Units found by id, reused for {@link #UNIT_MEMORY} at most: every email acknowledgement and reply signs with its
     * unit's name. Units are only ever created here (a new one is not in it: only found units are kept); the short
     * time bounds how long a change made in the database elsewhere stays unseen.
     */
    static final Duration UNIT_MEMORY = Duration.ofSeconds(3);
    private final Cache<UUID, Unit> unitsById = Caffeine.newBuilder().expireAfterWrite(UNIT_MEMORY).maximumSize(10_000).build();

    OrganizationStore(JdbcClient db) {
        this.db = db;
    }

    /**
     * Organizations are read on nearly every request (the public pages' header, every intake) and never change once
     * created, so a found one is kept; an unknown id or slug is asked again next time.
     */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Organization> find(OrganizationId id) {
        Organization known = byId.get(id);
        if (known != null) return Optional.of(known);
        return remember(db.sql("select * from organization where id = ?").param(id.value()).query(OrganizationStore::organization).optional());
    }

    private Optional<Organization> remember(Optional<Organization> found) {
        found.ifPresent(o -> {
            byId.put(o.id(), o);
            bySlug.put(o.slug(), o);
        });
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Organization> all() {
        return db.sql("select * from organization order by slug").query(OrganizationStore::organization).list();
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Organization> findBySlug(String slug) {
        Organization known = bySlug.get(slug);
        if (known != null) return Optional.of(known);
        return remember(db.sql("select * from organization where slug = ?").param(slug).query(OrganizationStore::organization).optional());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Unit> units(OrganizationId organization) {
        return db.sql("""
                with recursive tree as (
                    select u.*, 0 as depth, array[name_fi] as path from unit u where organization_id = ? and parent_id is null
                    union all
                    select c.*, t.depth + 1, t.path || c.name_fi from unit c join tree t on c.parent_id = t.id
                )
                select * from tree order by path
                """).param(organization.value()).query(OrganizationStore::unit).list();
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Unit> unit(OrganizationId organization, UUID unitId) {
        Unit known = unitsById.getIfPresent(unitId);
        if (known != null) return Optional.of(known).filter(u -> u.organizationId().equals(organization));
        Optional<Unit> found = db.sql("select * from unit where organization_id = ? and id = ?")
                .params(organization.value(), unitId).query(OrganizationStore::unit).optional();
        found.ifPresent(u -> unitsById.put(u.id(), u));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ServicePoint> servicePoints(OrganizationId organization) {
        return db.sql("select * from service_point where organization_id = ? order by name_fi")
                .param(organization.value())
                .query((rs, n) -> new ServicePoint(rs.getObject("id", UUID.class), organization,
                        rs.getObject("unit_id", UUID.class), name(rs), rs.getString("street_address"),
                        rs.getString("postal_code"), rs.getString("city")))
                .list();
    }

    @Override
    public Organization create(String slug, LocalizedText name, String casePrefix) {
        OrganizationId id = new OrganizationId(Ids.next());
        db.sql("insert into organization (id, slug, name_fi, name_sv, name_en, case_prefix) values (?, ?, ?, ?, ?, ?)")
                .params(id.value(), slug, name.fi(), name.sv(), name.en(), casePrefix).update();
        return new Organization(id, slug, name, casePrefix);
    }

    @Override
    public Unit createUnit(OrganizationId organization, UUID parentId, LocalizedText name, String email) {
        UUID id = Ids.next();
        db.sql("insert into unit (id, organization_id, parent_id, name_fi, name_sv, name_en, email) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, organization.value(), parentId, name.fi(), name.sv(), name.en(), email).update();
        return new Unit(id, organization, parentId, name, email);
    }

    @Override
    public ServicePoint createServicePoint(OrganizationId organization, UUID unitId, LocalizedText name,
                                           String streetAddress, String postalCode, String city) {
        UUID id = Ids.next();
        db.sql("""
                insert into service_point (id, organization_id, unit_id, name_fi, name_sv, name_en, street_address, postal_code, city)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), unitId, name.fi(), name.sv(), name.en(), streetAddress, postalCode, city)
                .update();
        return new ServicePoint(id, organization, unitId, name, streetAddress, postalCode, city);
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("slug"), name(rs),
                rs.getString("case_prefix"));
    }

    private static Unit unit(ResultSet rs, int row) throws SQLException {
        return new Unit(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("parent_id", UUID.class), name(rs), rs.getString("email"));
    }

    private static LocalizedText name(ResultSet rs) throws SQLException {
        return new LocalizedText(rs.getString("name_fi"), rs.getString("name_sv"), rs.getString("name_en"));
    }
}
