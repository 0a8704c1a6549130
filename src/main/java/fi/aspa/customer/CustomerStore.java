package fi.aspa.customer;

import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class CustomerStore implements Customers {
    private final JdbcClient db;
    private final PersonalDataLog accessLog;

    CustomerStore(JdbcClient db, PersonalDataLog accessLog) {
        this.db = db;
        this.accessLog = accessLog;
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
        if (known.isEmpty() && details.staffUserId() != null) {
            known = db.sql("select id from customer where organization_id = ? and staff_user_id = ?")
                    .params(organization.value(), details.staffUserId()).query(UUID.class).optional();
        }
        if (known.isEmpty() && email != null) known = verifiedContact(organization, "EMAIL", email);
        if (known.isEmpty() && phone != null) known = verifiedContact(organization, "PHONE", phone);
        if (known.isPresent()) {
            addContacts(organization, known.get(), email, phone, details.trusted());
            return known.get();
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
        return db.sql("select id from customer where organization_id = ? and " + column + " = ?")
                .params(organization.value(), value).query(UUID.class).optional();
    }

    private Optional<UUID> verifiedContact(OrganizationId organization, String kind, String value) {
        return db.sql("""
                select customer_id from contact_point where organization_id = ? and kind = ? and value = ? and verified
                order by created_at limit 1""")
                .params(organization.value(), kind, value).query(UUID.class).optional();
    }

    private void addContacts(OrganizationId organization, UUID customer, String email, String phone, boolean verified) {
        if (email != null) addContact(organization, customer, "EMAIL", email, verified);
        if (phone != null) addContact(organization, customer, "PHONE", phone, verified);
    }

    private void addContact(OrganizationId organization, UUID customer, String kind, String value, boolean verified) {
        db.sql("""
                insert into contact_point (id, organization_id, customer_id, kind, value, verified) values (?, ?, ?, ?, ?, ?)
                on conflict (organization_id, kind, value, customer_id) do update set verified = contact_point.verified or excluded.verified""")
                .params(Ids.next(), organization.value(), customer, kind, value, verified).update();
    }

    static String normalizeEmail(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static String normalizePhone(String phone) {
        if (phone == null || phone.isBlank()) return null;
        String digits = phone.replaceAll("[\\s()-]", "");
        if (digits.startsWith("00")) digits = "+" + digits.substring(2);
        else if (digits.startsWith("0")) digits = "+358" + digits.substring(1);
        return digits;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Customer> find(OrganizationId organization, UUID customerId) {
        Optional<Customer> base = db.sql("select * from customer where organization_id = ? and id = ?")
                .params(organization.value(), customerId)
                .query((rs, n) -> new Customer(rs.getObject("id", UUID.class), organization,
                        CustomerKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("personal_id"),
                        rs.getString("business_id"), rs.getObject("staff_user_id", UUID.class),
                        Language.parse(rs.getString("preferred_language")).orElse(Language.FI), List.of()))
                .optional();
        return base.map(c -> new Customer(c.id(), c.organizationId(), c.kind(), c.name(), c.personalId(), c.businessId(),
                c.staffUserId(), c.preferredLanguage(), db.sql("""
                        select kind, value, verified from contact_point where organization_id = ? and customer_id = ?
                        order by kind, created_at""")
                        .params(organization.value(), customerId)
                        .query((rs, n) -> new Customer.ContactPoint(rs.getString("kind"), rs.getString("value"), rs.getBoolean("verified")))
                        .list()));
    }

    @Override
    public Customer viewAsStaff(OrganizationId organization, UUID staffUserId, UUID customerId, String purpose) {
        Customer customer = find(organization, customerId).orElseThrow(() -> AspaException.notFound("Customer"));
        accessLog.record(organization, staffUserId, customerId, purpose, null);
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
}
