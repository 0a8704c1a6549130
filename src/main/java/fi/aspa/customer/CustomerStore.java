package fi.aspa.customer;

import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class CustomerStore implements Customers {
    static final String PURPOSE_MERGE = "customer-merge";
    static final String PURPOSE_UNMERGE = "customer-unmerge";
    /** The kinds of moved rows the customer module records itself. */
    static final String TOMBSTONE = "customer:tombstone";
    static final String CONTACT_AUDIT = "customer:contact-audit";
    static final int MAX_REASON = 2000;

    private final JdbcClient db;
    private final PersonalDataLog accessLog;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    CustomerStore(JdbcClient db, PersonalDataLog accessLog, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.db = db;
        this.accessLog = accessLog;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public UUID resolve(OrganizationId organization, ContactDetails details) {
        if (details.personalId() != null && !PersonalIdentityCode.isValid(details.personalId())) {
            throw AspaException.invalid("invalid-personal-id", "The personal identity code is not valid");
        }
        if (details.businessId() != null && !BusinessId.isValid(details.businessId())) {
            throw AspaException.invalid("invalid-business-id", "The business id is not valid");
        }
        String email = normalizeEmail(details.email());
        String phone = normalizePhone(details.phone());
        Optional<UUID> known = Optional.empty();
        if (details.personalId() != null) known = byColumn(organization, "personal_id", details.personalId());
        if (known.isEmpty() && details.businessId() != null) known = byColumn(organization, "business_id", details.businessId());
        if (known.isEmpty() && details.staffUserId() != null) known = internalCustomer(organization, details.staffUserId());
        if (known.isPresent()) {
            addContacts(organization, known.get(), email, phone, details.trusted());
            return known.get();
        }
        // an email or phone recognizes someone only when it is verified on them and this source proves it too; the
        // contact point that recognized them is theirs and verified already, so only the other one may be new. A
        // contact that names who it is (identity code, business id, staff account) and is not known by it is someone
        // new: a family's shared address or a switchboard number must not make it another person's.
        boolean identified = details.personalId() != null || details.businessId() != null || details.staffUserId() != null;
        if (email != null && details.trusted() && !identified) {
            known = verifiedContact(organization, details.kind(), "EMAIL", email);
            if (known.isPresent()) {
                addContacts(organization, known.get(), null, phone, true);
                return known.get();
            }
        }
        if (phone != null && details.trusted() && !identified) {
            known = verifiedContact(organization, details.kind(), "PHONE", phone);
            if (known.isPresent()) {
                addContacts(organization, known.get(), email, null, true);
                return known.get();
            }
        }
        UUID id = Ids.next();
        Language language = details.language() == null ? Language.FI : details.language();
        String name = details.name() == null || details.name().isBlank() ? "" : details.name().strip();
        db.sql("""
                insert into customer (id, organization_id, kind, name, personal_id, business_id, staff_user_id, preferred_language)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), details.kind().name(), name, details.personalId(), details.businessId(),
                        details.staffUserId(), language.code())
                .update();
        addContacts(organization, id, email, phone, details.trusted());
        return id;
    }

    private Optional<UUID> byColumn(OrganizationId organization, String column, String value) {
        return db.sql("select id from customer where organization_id = ? and merged_into is null and " + column + " = ?")
                .params(organization.value(), value).query(UUID.class).optional();
    }

    /** The customer of this kind (a person is not recognized as a company) on whom the contact point is verified. */
    private Optional<UUID> verifiedContact(OrganizationId organization, CustomerKind customerKind, String kind, String value) {
        return db.sql("""
                select p.customer_id from contact_point p
                join customer c on c.organization_id = p.organization_id and c.id = p.customer_id
                where p.organization_id = ? and p.kind = ? and p.value = ? and p.verified and c.kind = ? and c.merged_into is null
                order by p.created_at limit 1""")
                .params(organization.value(), kind, value, customerKind.name()).query(UUID.class).optional();
    }

    private void addContacts(OrganizationId organization, UUID customer, String email, String phone, boolean verified) {
        if (email != null) addContact(organization, customer, "EMAIL", email, verified);
        if (phone != null) addContact(organization, customer, "PHONE", phone, verified);
    }

    /**
     * The contact point is added when the customer does not have it yet, marked verified when this source proves it
     * and it was not, and a proof is written to the contact audit: one statement, whatever the case (this runs for
     * every contact that names an email or a phone number). A value verified on another customer stays theirs alone
     * (as {@link #setContactVerified} keeps it): here it is added unverified, so it recognizes no one by itself.
     */
    private void addContact(OrganizationId organization, UUID customer, String kind, String value, boolean verified) {
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                with proof as (
                    select :verified and not exists (
                        select 1 from contact_point where organization_id = :org and kind = :kind and value = :value
                           and verified and customer_id <> :customer) as verified
                ), before as (
                    select verified from contact_point where organization_id = :org and customer_id = :customer and kind = :kind and value = :value
                ), added as (
                    insert into contact_point (id, organization_id, customer_id, kind, value, verified, verified_how, verified_at)
                    select :id, :org, :customer, :kind, :value, proof.verified, case when proof.verified then 'IDENTIFIED' end,
                        case when proof.verified then cast(:now as timestamptz) end
                    from proof where not exists (select 1 from before)
                    on conflict (organization_id, kind, value, customer_id) do nothing
                ), marked as (
                    update contact_point set verified = true, verified_how = 'IDENTIFIED', verified_by = null, verified_at = cast(:now as timestamptz)
                    where (select verified from proof) and organization_id = :org and customer_id = :customer and kind = :kind and value = :value
                      and exists (select 1 from before where not verified)
                )
                insert into contact_point_audit (id, organization_id, customer_id, kind, value, verified, how, staff_user_id, created_at)
                select :auditId, :org, :customer, :kind, :value, true, 'IDENTIFIED', null, cast(:now as timestamptz)
                where (select verified from proof) and not exists (select 1 from before where verified)""")
                .param("org", organization.value()).param("customer", customer).param("kind", kind).param("value", value)
                .param("verified", verified).param("now", now).param("id", Ids.next()).param("auditId", Ids.next())
                .update();
    }

    private void markVerified(OrganizationId organization, UUID customer, String kind, String value, String how, UUID staff) {
        db.sql("""
                update contact_point set verified = true, verified_how = ?, verified_by = ?, verified_at = ?
                where organization_id = ? and customer_id = ? and kind = ? and value = ?""")
                .params(how, staff, Timestamp.from(clock.instant()), organization.value(), customer, kind, value).update();
    }

    private void audit(OrganizationId organization, UUID customer, String kind, String value, boolean verified, String how, UUID staff) {
        db.sql("""
                insert into contact_point_audit (id, organization_id, customer_id, kind, value, verified, how, staff_user_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.next(), organization.value(), customer, kind, value, verified, how, staff, Timestamp.from(clock.instant()))
                .update();
    }

    static String normalizeEmail(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static String normalizePhone(String phone) {
        return phone == null || phone.isBlank() ? null : PhoneNumber.international(phone);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Customer> find(OrganizationId organization, UUID customerId) {
        // the customer and its contact points in one round trip (a row per contact point, or one without any)
        List<Customer> rows = new ArrayList<>(1);
        List<Customer.ContactPoint> points = new ArrayList<>();
        db.sql("""
                select c.*, p.kind as point_kind, p.value as point_value, p.verified as point_verified
                from customer c
                left join contact_point p on p.organization_id = c.organization_id and p.customer_id = c.id
                where c.organization_id = ? and c.id = ?
                order by p.kind, p.created_at""")
                .params(organization.value(), customerId)
                .query(rs -> {
                    if (rows.isEmpty()) {
                        rows.add(new Customer(rs.getObject("id", UUID.class), organization,
                                CustomerKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("personal_id"),
                                rs.getString("business_id"), rs.getObject("staff_user_id", UUID.class),
                                Language.parse(rs.getString("preferred_language")).orElse(Language.FI), points));
                    }
                    String kind = rs.getString("point_kind");
                    if (kind != null) {
                        points.add(new Customer.ContactPoint(kind, rs.getString("point_value"), rs.getBoolean("point_verified")));
                    }
                });
        return rows.stream().findFirst().map(c -> new Customer(c.id(), c.organizationId(), c.kind(), c.name(), c.personalId(),
                c.businessId(), c.staffUserId(), c.preferredLanguage(), List.copyOf(points)));
    }

    @Override
    public Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose) {
        return viewAsStaff(organization, staffUserId, customerId, purpose, null);
    }

    @Override
    public Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose, String detail) {
        Customer customer = find(organization, customerId).orElseThrow(() -> AspaException.notFound("Customer"));
        accessLog.record(organization, staffUserId, customerId, purpose, detail);
        return customer;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> names(OrganizationId organization, Collection<UUID> customerIds) {
        Map<UUID, String> names = new HashMap<>();
        if (customerIds.isEmpty()) return names;
        db.sql("select id, name from customer where organization_id = ? and id = any(?)")
                .params(organization.value(), customerIds.toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                });
        return names;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> findByContact(OrganizationId organization, String emailOrPhone) {
        String value = emailOrPhone.contains("@") ? normalizeEmail(emailOrPhone) : normalizePhone(emailOrPhone);
        return db.sql("select distinct customer_id from contact_point where organization_id = ? and value = ? limit 20")
                .params(organization.value(), value).query(UUID.class).list();
    }

    // ------------------------------------------------------------------ merged customers and duplicates

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> internalCustomer(OrganizationId organization, UUID staffUserId) {
        return db.sql("select id from customer where organization_id = ? and merged_into is null and staff_user_id = ?")
                .params(organization.value(), staffUserId).query(UUID.class).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> current(OrganizationId organization, UUID customerId) {
        UUID id = customerId;
        for (int hops = 0; hops < 20; hops++) {
            Optional<Optional<UUID>> next = db.sql("select merged_into from customer where organization_id = ? and id = ?")
                    .params(organization.value(), id)
                    .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional();
            if (next.isEmpty()) return Optional.empty();
            if (next.get().isEmpty()) return Optional.of(id);
            id = next.get().get();
        }
        return Optional.empty();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DuplicateCandidate> duplicates(OrganizationId organization, UUID customerId) {
        Optional<DuplicateScoring.Profile> self = profiles(organization, List.of(customerId)).values().stream().findFirst();
        if (self.isEmpty()) return List.of();
        String kind = db.sql("select kind from customer where organization_id = ? and id = ? and merged_into is null")
                .params(organization.value(), customerId).query(String.class).optional().orElse(null);
        if (kind == null) return List.of();
        String name = self.get().name() == null ? "" : self.get().name().strip();
        List<UUID> candidates = db.sql("""
                select c.id from customer c
                where c.organization_id = :org and c.id <> :id and c.merged_into is null and c.kind = :kind
                  and c.id in (select q.customer_id from contact_point p join contact_point q
                                 on q.organization_id = p.organization_id and q.kind = p.kind and q.value = p.value
                               where p.organization_id = :org and p.customer_id = :id
                               union
                               select n.id from customer n
                               where n.organization_id = :org and :name <> '' and lower(n.name) = lower(:name))
                order by c.created_at desc limit 100""")
                .param("org", organization.value()).param("id", customerId).param("kind", kind).param("name", name)
                .query(UUID.class).list();
        Map<UUID, DuplicateScoring.Profile> others = profiles(organization, candidates);
        List<DuplicateCandidate> result = new ArrayList<>();
        others.forEach((id, profile) -> {
            DuplicateScoring.Score score = DuplicateScoring.score(self.get(), profile);
            if (score.value() >= DuplicateScoring.THRESHOLD) result.add(new DuplicateCandidate(id, profile.name(), score.value(), score.reasons()));
        });
        result.sort(Comparator.comparingInt(DuplicateCandidate::score).reversed().thenComparing(DuplicateCandidate::name));
        return result.size() > 20 ? List.copyOf(result.subList(0, 20)) : List.copyOf(result);
    }

    private Map<UUID, DuplicateScoring.Profile> profiles(OrganizationId organization, Collection<UUID> ids) {
        Map<UUID, DuplicateScoring.Profile> profiles = new LinkedHashMap<>();
        if (ids.isEmpty()) return profiles;
        UUID[] array = ids.toArray(UUID[]::new);
        db.sql("select id, name, personal_id, business_id from customer where organization_id = ? and id = any(?)")
                .params(organization.value(), array)
                .query(rs -> {
                    profiles.put(rs.getObject("id", UUID.class), new DuplicateScoring.Profile(rs.getString("name"),
                            rs.getString("personal_id"), rs.getString("business_id"), new HashSet<>(), new HashSet<>()));
                });
        db.sql("select customer_id, kind, value from contact_point where organization_id = ? and customer_id = any(?)")
                .params(organization.value(), array)
                .query(rs -> {
                    DuplicateScoring.Profile p = profiles.get(rs.getObject("customer_id", UUID.class));
                    if (p != null) (rs.getString("kind").equals("EMAIL") ? p.emails() : p.phones()).add(rs.getString("value"));
                });
        return profiles;
    }

    private record MergeRow(UUID id, String kind, String name, String personalId, String businessId, UUID staffUserId,
                            UUID mergedInto) {}

    private record LockedPair(MergeRow into, MergeRow from) {}

    /**
     * The two customers of a merge (or its undo), {@code into} first, locked in a fixed order (by id) so that two merges
     * of the same pair cannot deadlock.
     */
    private LockedPair lockPair(OrganizationId organization, UUID into, UUID from) {
        List<MergeRow> rows = db.sql("""
                select id, kind, name, personal_id, business_id, staff_user_id, merged_into from customer
                where organization_id = ? and id in (?, ?) order by id for update""")
                .params(organization.value(), into, from)
                .query((rs, n) -> new MergeRow(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("name"),
                        rs.getString("personal_id"), rs.getString("business_id"), rs.getObject("staff_user_id", UUID.class),
                        rs.getObject("merged_into", UUID.class)))
                .list();
        MergeRow a = rows.stream().filter(r -> r.id().equals(into)).findFirst().orElseThrow(() -> AspaException.notFound("Customer"));
        MergeRow b = rows.stream().filter(r -> r.id().equals(from)).findFirst().orElseThrow(() -> AspaException.notFound("Customer"));
        return new LockedPair(a, b);
    }

    @Override
    public CustomerMerge merge(OrganizationId organization, UUID staffUserId, UUID into, UUID from, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw AspaException.invalid("merge-reason-required", "Say why the customers are merged", "reason");
        if (why.length() > MAX_REASON) throw AspaException.invalid("too-long", "The reason is too long", MAX_REASON);
        if (into.equals(from)) throw AspaException.invalid("merge-same", "A customer cannot be merged into itself");
        LockedPair pair = lockPair(organization, into, from);
        MergeRow a = pair.into();
        MergeRow b = pair.from();
        if (a.mergedInto() != null || b.mergedInto() != null) {
            throw AspaException.conflict("merge-already-merged", "One of the customers has already been merged");
        }
        if (!a.kind().equals(b.kind())) throw AspaException.conflict("merge-kind-conflict", "The customers are of different kinds");
        if (conflict(a.personalId(), b.personalId())) {
            throw AspaException.conflict("merge-identity-conflict", "The customers have different personal identity codes");
        }
        if (conflict(a.businessId(), b.businessId())) {
            throw AspaException.conflict("merge-business-id-conflict", "The customers have different business ids");
        }
        if (conflict(a.staffUserId(), b.staffUserId())) {
            throw AspaException.conflict("merge-staff-conflict", "The customers are different staff members");
        }
        Instant now = clock.instant();
        Map<String, Integer> moved = new LinkedHashMap<>();
        // what the merge changes on the two customers, as it was, for an undo
        Map<String, Object> undo = new LinkedHashMap<>();
        undo.put("personalId", a.personalId() == null && b.personalId() != null);
        undo.put("businessId", a.businessId() == null && b.businessId() != null);
        undo.put("staffUserId", a.staffUserId() == null && b.staffUserId() != null);
        undo.put("name", (a.name() == null || a.name().isEmpty()) && b.name() != null && !b.name().isEmpty());
        undo.put("contacts", db.sql("""
                select f.kind, f.value, f.verified, f.verified_how, f.verified_by, f.verified_at, f.created_at,
                       i.id is not null as into_had, i.verified as into_verified
                from contact_point f
                left join contact_point i on i.organization_id = f.organization_id and i.customer_id = ?
                                          and i.kind = f.kind and i.value = f.value
                where f.organization_id = ? and f.customer_id = ? order by f.kind, f.value""")
                .params(into, organization.value(), from)
                .query((rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("kind", rs.getString("kind"));
                    c.put("value", rs.getString("value"));
                    c.put("verified", rs.getBoolean("verified"));
                    c.put("verifiedHow", rs.getString("verified_how"));
                    c.put("verifiedBy", rs.getString("verified_by"));
                    c.put("verifiedAt", rs.getTimestamp("verified_at") == null ? null : rs.getTimestamp("verified_at").toInstant().toString());
                    c.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    c.put("intoHad", rs.getBoolean("into_had"));
                    c.put("intoVerified", rs.getBoolean("into_verified"));
                    return c;
                }).list());
        // identity: the unique columns are cleared on the tombstone first, then set on the survivor
        db.sql("update customer set personal_id = null, business_id = null, staff_user_id = null, merged_into = ?, merged_at = ? where id = ?")
                .params(into, Timestamp.from(now), from).update();
        db.sql("""
                update customer set personal_id = coalesce(personal_id, ?), business_id = coalesce(business_id, ?),
                    staff_user_id = coalesce(staff_user_id, ?), name = case when name = '' then ? else name end
                where id = ?""")
                .params(b.personalId(), b.businessId(), b.staffUserId(), b.name(), into).update();
        if (a.personalId() == null && b.personalId() != null) moved.put("personalId", 1);
        if (a.businessId() == null && b.businessId() != null) moved.put("businessId", 1);
        // earlier tombstones of "from" now point straight to "into"
        List<UUID> tombstones = db.sql("update customer set merged_into = ? where organization_id = ? and merged_into = ? returning id")
                .params(into, organization.value(), from).query(UUID.class).list();
        moved.put("tombstones", tombstones.size());
        // contact points: the survivor keeps one row per value; verified if either was
        int contacts = db.sql("""
                insert into contact_point (id, organization_id, customer_id, kind, value, verified, verified_how, verified_by, verified_at, created_at)
                select gen_random_uuid(), organization_id, ?, kind, value, verified, verified_how, verified_by, verified_at, created_at
                from contact_point where organization_id = ? and customer_id = ?
                on conflict (organization_id, kind, value, customer_id) do update set
                    verified = contact_point.verified or excluded.verified,
                    verified_how = case when contact_point.verified then contact_point.verified_how else excluded.verified_how end,
                    verified_by = case when contact_point.verified then contact_point.verified_by else excluded.verified_by end,
                    verified_at = case when contact_point.verified then contact_point.verified_at else excluded.verified_at end""")
                .params(into, organization.value(), from).update();
        db.sql("delete from contact_point where organization_id = ? and customer_id = ?").params(organization.value(), from).update();
        moved.put("contactPoints", contacts);
        List<UUID> audits = db.sql("update contact_point_audit set customer_id = ? where organization_id = ? and customer_id = ? returning id")
                .params(into, organization.value(), from).query(UUID.class).list();
        moved.put("contactAudit", audits.size());
        UUID id = Ids.next();
        db.sql("""
                insert into customer_merge (id, organization_id, into_customer_id, from_customer_id, from_name, staff_user_id, reason, moved,
                                            merged_at, undo)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb))""")
                .params(id, organization.value(), into, from, b.name(), staffUserId, why, json.writeValueAsString(moved),
                        Timestamp.from(now), json.writeValueAsString(undo))
                .update();
        recordMergeMoved(organization, id, TOMBSTONE, tombstones);
        recordMergeMoved(organization, id, CONTACT_AUDIT, audits);
        accessLog.record(organization, staffUserId, into, PURPOSE_MERGE, "merged " + from + " into this customer");
        accessLog.record(organization, staffUserId, from, PURPOSE_MERGE, "merged into " + into);
        events.publishEvent(new CustomersMerged(organization, id, from, into, staffUserId));
        return new CustomerMerge(id, into, from, b.name(), staffUserId, why, Map.copyOf(moved), now, true, null, null, null);
    }

    @Override
    public List<UUID> followMerge(CustomersMerged merged, String kind, String table, String column) {
        List<UUID> moved = db.sql("update " + identifier(table) + " set " + identifier(column) + " = ? where organization_id = ? and "
                        + identifier(column) + " = ? returning id")
                .params(merged.into(), merged.organization().value(), merged.from()).query(UUID.class).list();
        recordMergeMoved(merged.organization(), merged.mergeId(), kind, moved);
        return moved;
    }

    @Override
    public List<UUID> followUnmerge(CustomersUnmerged unmerged, String kind, String table, String column) {
        List<UUID> back = unmerged.moved(kind);
        if (back.isEmpty()) return List.of();
        return db.sql("update " + identifier(table) + " set " + identifier(column) + " = ? where organization_id = ? and "
                        + identifier(column) + " = ? and id = any(?) returning id")
                .params(unmerged.from(), unmerged.organization().value(), unmerged.into(), back.toArray(UUID[]::new))
                .query(UUID.class).list();
    }

    /** A table or column name as SQL takes it: the callers pass constants; anything else is a programming error. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("Not an SQL identifier: " + name);
        return name;
    }

    void recordMergeMoved(OrganizationId organization, UUID mergeId, String kind, Collection<UUID> rowIds) {
        if (rowIds.isEmpty()) return;
        db.sql("""
                insert into customer_merge_moved (organization_id, merge_id, kind, row_id)
                select ?, m.id, ?, unnest(?) from customer_merge m where m.organization_id = ? and m.id = ?
                on conflict do nothing""")
                .params(organization.value(), kind, rowIds.toArray(UUID[]::new), organization.value(), mergeId).update();
    }

    @Override
    public CustomerMerge unmerge(OrganizationId organization, UUID staffUserId, UUID mergeId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw AspaException.invalid("unmerge-reason-required", "Say why the merge is undone", "reason");
        if (why.length() > MAX_REASON) throw AspaException.invalid("too-long", "The reason is too long", MAX_REASON);
        CustomerMerge merge = db.sql("select * from customer_merge where organization_id = ? and id = ? for update")
                .params(organization.value(), mergeId).query(this::mergeRow).optional()
                .orElseThrow(() -> AspaException.notFound("Merge"));
        if (merge.undoneAt() != null) throw AspaException.conflict("unmerge-already-undone", "The merge has already been undone");
        if (!merge.recorded()) {
            throw AspaException.conflict("unmerge-not-recorded", "The merge was made before merges recorded what they moved");
        }
        UUID into = merge.into();
        UUID from = merge.from();
        LockedPair pair = lockPair(organization, into, from);
        MergeRow a = pair.into();
        MergeRow b = pair.from();
        if (a.mergedInto() != null || !into.equals(b.mergedInto())) {
            throw AspaException.conflict("unmerge-merged-on", "The customer has since been merged on; undo that merge first");
        }
        Map<String, Object> undo = json.readValue(db.sql("select undo::text from customer_merge where id = ?").param(mergeId)
                .query(String.class).single(), new TypeReference<Map<String, Object>>() {});
        // identity back: cleared on the survivor first (unique columns), then set on the merged customer again
        String personalId = Boolean.TRUE.equals(undo.get("personalId")) ? a.personalId() : null;
        String businessId = Boolean.TRUE.equals(undo.get("businessId")) ? a.businessId() : null;
        UUID staffUser = Boolean.TRUE.equals(undo.get("staffUserId")) ? a.staffUserId() : null;
        db.sql("""
                update customer set personal_id = case when ? then null else personal_id end,
                    business_id = case when ? then null else business_id end,
                    staff_user_id = case when ? then null else staff_user_id end,
                    name = case when ? and name = ? then '' else name end
                where id = ?""")
                .params(personalId != null, businessId != null, staffUser != null, Boolean.TRUE.equals(undo.get("name")),
                        b.name(), into).update();
        db.sql("""
                update customer set merged_into = null, merged_at = null, personal_id = ?, business_id = ?, staff_user_id = ?
                where id = ?""")
                .params(personalId, businessId, staffUser, from).update();
        // contact points as they were on both sides; what the survivor got since stays
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) undo.getOrDefault("contacts", List.of());
        for (Map<String, Object> c : contacts) {
            String kind = (String) c.get("kind");
            String value = (String) c.get("value");
            if (!Boolean.TRUE.equals(c.get("intoHad"))) {
                db.sql("delete from contact_point where organization_id = ? and customer_id = ? and kind = ? and value = ?")
                        .params(organization.value(), into, kind, value).update();
            } else if (!Boolean.TRUE.equals(c.get("intoVerified")) && Boolean.TRUE.equals(c.get("verified"))) {
                // the merge made the survivor's own contact point verified: no longer
                db.sql("""
                        update contact_point set verified = false, verified_how = null, verified_by = null, verified_at = null
                        where organization_id = ? and customer_id = ? and kind = ? and value = ?""")
                        .params(organization.value(), into, kind, value).update();
            }
            // verified again, unless it has since been verified on someone else (a contact is verified on one customer)
            boolean verified = Boolean.TRUE.equals(c.get("verified")) && !verifiedElsewhere(organization, from, kind, value);
            db.sql("""
                    insert into contact_point (id, organization_id, customer_id, kind, value, verified, verified_how, verified_by,
                                               verified_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, kind, value, customer_id) do nothing""")
                    .params(Ids.next(), organization.value(), from, kind, value, verified,
                            verified ? c.get("verifiedHow") : null,
                            verified && c.get("verifiedBy") != null ? UUID.fromString((String) c.get("verifiedBy")) : null,
                            verified && c.get("verifiedAt") != null ? Timestamp.from(Instant.parse((String) c.get("verifiedAt"))) : null,
                            Timestamp.from(Instant.parse((String) c.get("createdAt"))))
                    .update();
        }
        Map<String, List<UUID>> moved = new LinkedHashMap<>();
        db.sql("select kind, row_id from customer_merge_moved where organization_id = ? and merge_id = ? order by kind, row_id")
                .params(organization.value(), mergeId)
                .query(rs -> {
                    moved.computeIfAbsent(rs.getString("kind"), k -> new ArrayList<>()).add(rs.getObject("row_id", UUID.class));
                });
        List<UUID> tombstones = moved.remove(TOMBSTONE);
        if (tombstones != null) {
            db.sql("update customer set merged_into = ? where organization_id = ? and merged_into = ? and id = any(?)")
                    .params(from, organization.value(), into, tombstones.toArray(UUID[]::new)).update();
        }
        List<UUID> audits = moved.remove(CONTACT_AUDIT);
        if (audits != null) {
            db.sql("update contact_point_audit set customer_id = ? where organization_id = ? and customer_id = ? and id = any(?)")
                    .params(from, organization.value(), into, audits.toArray(UUID[]::new)).update();
        }
        Instant now = clock.instant();
        db.sql("update customer_merge set undone_at = ?, undone_by = ?, undo_reason = ? where id = ?")
                .params(Timestamp.from(now), staffUserId, why, mergeId).update();
        accessLog.record(organization, staffUserId, into, PURPOSE_UNMERGE, "undid the merge of " + from + " into this customer");
        accessLog.record(organization, staffUserId, from, PURPOSE_UNMERGE, "undid the merge into " + into);
        Map<String, List<UUID>> others = new LinkedHashMap<>();
        moved.forEach((k, v) -> others.put(k, List.copyOf(v)));
        events.publishEvent(new CustomersUnmerged(organization, mergeId, from, into, staffUserId, Map.copyOf(others)));
        return new CustomerMerge(merge.id(), into, from, merge.fromName(), merge.staffUserId(), merge.reason(), merge.moved(),
                merge.at(), true, staffUserId, now, why);
    }

    private CustomerMerge mergeRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CustomerMerge(rs.getObject("id", UUID.class), rs.getObject("into_customer_id", UUID.class),
                rs.getObject("from_customer_id", UUID.class), rs.getString("from_name"),
                rs.getObject("staff_user_id", UUID.class), rs.getString("reason"),
                json.readValue(rs.getString("moved"), new TypeReference<Map<String, Integer>>() {}),
                rs.getTimestamp("merged_at").toInstant(), rs.getString("undo") != null,
                rs.getObject("undone_by", UUID.class),
                rs.getTimestamp("undone_at") == null ? null : rs.getTimestamp("undone_at").toInstant(),
                rs.getString("undo_reason"));
    }

    private static boolean conflict(Object a, Object b) {
        return a != null && b != null && !a.equals(b);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CustomerMerge> merges(OrganizationId organization, UUID customerId) {
        return db.sql("""
                select * from customer_merge where organization_id = ? and (into_customer_id = ? or from_customer_id = ?)
                order by merged_at desc, id limit 100""")
                .params(organization.value(), customerId, customerId)
                .query(this::mergeRow)
                .list();
    }

    @Override
    public void setContactVerified(OrganizationId organization, UUID staffUserId, UUID customerId, String kind, String value,
                                   boolean verified) {
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!k.equals("EMAIL") && !k.equals("PHONE")) throw AspaException.notFound("Contact");
        String v = k.equals("EMAIL") ? normalizeEmail(value) : normalizePhone(value);
        Boolean before = v == null ? null : db.sql("""
                select p.verified from contact_point p join customer c on c.id = p.customer_id
                where p.organization_id = ? and p.customer_id = ? and p.kind = ? and p.value = ? and c.merged_into is null for update of p""")
                .params(organization.value(), customerId, k, v).query(Boolean.class).optional().orElse(null);
        if (before == null) throw AspaException.notFound("Contact");
        if (before == verified) return;
        if (verified) {
            if (verifiedElsewhere(organization, customerId, k, v)) {
                throw AspaException.conflict("contact-verified-elsewhere", "The contact is verified on another customer");
            }
            markVerified(organization, customerId, k, v, "STAFF", staffUserId);
        } else {
            db.sql("""
                    update contact_point set verified = false, verified_how = null, verified_by = null, verified_at = null
                    where organization_id = ? and customer_id = ? and kind = ? and value = ?""")
                    .params(organization.value(), customerId, k, v).update();
        }
        audit(organization, customerId, k, v, verified, "STAFF", staffUserId);
        accessLog.record(organization, staffUserId, customerId, "contact-verification", k + (verified ? " verified" : " unverified"));
    }

    private boolean verifiedElsewhere(OrganizationId organization, UUID customerId, String kind, String value) {
        return db.sql("""
                select count(*) from contact_point where organization_id = ? and kind = ? and value = ? and verified and customer_id <> ?""")
                .params(organization.value(), kind, value, customerId).query(Long.class).single() > 0;
    }

    @Override
    public void confirmContactByReply(OrganizationId organization, UUID customerId, String kind, String value) {
        String v = "EMAIL".equals(kind) ? normalizeEmail(value) : normalizePhone(value);
        if (v == null) return;
        Boolean before = db.sql("select verified from contact_point where organization_id = ? and customer_id = ? and kind = ? and value = ?")
                .params(organization.value(), customerId, kind, v).query(Boolean.class).optional().orElse(null);
        if (before == null || before || verifiedElsewhere(organization, customerId, kind, v)) return;
        markVerified(organization, customerId, kind, v, "REPLY", null);
        audit(organization, customerId, kind, v, true, "REPLY", null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ContactAudit> contactAudit(OrganizationId organization, UUID customerId) {
        return db.sql("""
                select kind, value, verified, how, staff_user_id, created_at from contact_point_audit
                where organization_id = ? and customer_id = ? order by created_at desc, id limit 200""")
                .params(organization.value(), customerId)
                .query((rs, n) -> new ContactAudit(rs.getString("kind"), rs.getString("value"), rs.getBoolean("verified"),
                        rs.getString("how"), rs.getObject("staff_user_id", UUID.class), rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
