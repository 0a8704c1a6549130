package fi.aspa.customer;

import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link CustomerBatches}. A contact with neither an identity code, a business id nor a staff account, and with
 * details from a source that does not prove them, is a new customer with unverified contact points whatever is
 * stored (recognition policy, {@link Customers#resolve}): no lookup is needed, only the inserts.
 */
@Service
@Transactional
class CustomerBatchResolve implements CustomerBatches {
    private final JdbcTemplate jdbc;
    private final Customers customers;

    CustomerBatchResolve(JdbcTemplate jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public List<UUID> resolveAll(OrganizationId organization, List<ContactDetails> contacts) {
        List<UUID> ids = new ArrayList<>(contacts.size());
        List<Object[]> newCustomers = new ArrayList<>();
        List<Object[]> newContacts = new ArrayList<>();
        for (ContactDetails details : contacts) {
            if (!alwaysNew(details)) {
                ids.add(customers.resolve(organization, details));
                continue;
            }
            UUID id = Ids.next();
            Language language = details.language() == null ? Language.FI : details.language();
            String name = details.name() == null || details.name().isBlank() ? "" : details.name().strip();
            newCustomers.add(new Object[] {id, organization.value(), details.kind().name(), name, language.code()});
            String email = CustomerStore.normalizeEmail(details.email());
            String phone = CustomerStore.normalizePhone(details.phone());
            if (email != null) newContacts.add(new Object[] {Ids.next(), organization.value(), id, "EMAIL", email});
            if (phone != null) newContacts.add(new Object[] {Ids.next(), organization.value(), id, "PHONE", phone});
            ids.add(id);
        }
        if (!newCustomers.isEmpty()) {
            jdbc.batchUpdate("insert into customer (id, organization_id, kind, name, preferred_language) values (?, ?, ?, ?, ?)",
                    newCustomers);
        }
        if (!newContacts.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into contact_point (id, organization_id, customer_id, kind, value, verified)
                    values (?, ?, ?, ?, ?, false) on conflict (organization_id, kind, value, customer_id) do nothing""",
                    newContacts);
        }
        return ids;
    }

    /** What only unverified details describe: {@link Customers#resolve} makes a new customer of it every time. */
    static boolean alwaysNew(ContactDetails details) {
        return !details.trusted() && details.personalId() == null && details.businessId() == null
                && details.staffUserId() == null;
    }
}
