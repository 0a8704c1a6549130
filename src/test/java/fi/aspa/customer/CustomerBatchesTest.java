package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link CustomerBatches#resolveAll} against {@link Customers#resolve}: the same contacts resolved both ways, in two
 * fresh organizations, give the same customers and contact points; contacts that may recognize someone (a trusted
 * email, an identity code) are recognized as one by one.
 */
@AspaTest
class CustomerBatchesTest {
    @Autowired Fixtures fixtures;
    @Autowired Customers customers;
    @Autowired CustomerBatches batches;
    @Autowired JdbcClient db;

    @Test
    void resolveAllGivesWhatResolvingEachInTurnGives() {
        Fixtures.Org single = fixtures.organization();
        Fixtures.Org batch = fixtures.organization();
        List<UUID> one = new ArrayList<>();
        for (ContactDetails c : contacts()) one.add(customers.resolve(single.id(), c));
        List<UUID> all = batches.resolveAll(batch.id(), contacts());

        assertThat(all).hasSize(one.size()).doesNotContainNull();
        assertThat(all.stream().distinct()).as("unverified details make a new customer each time").hasSize(all.size());
        assertThat(rows(batch, all)).isNotEmpty().isEqualTo(rows(single, one));
    }

    @Test
    void contactsThatMayRecognizeSomeoneAreResolvedAsOneByOne() {
        Fixtures.Org org = fixtures.organization();
        UUID known = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Tunnistettu", "known@example.fi", null,
                null, null, null, Language.FI, true));
        ContactDetails trusted = new ContactDetails(CustomerKind.PERSON, "Tunnistettu", " Known@Example.fi ", null, null, null,
                null, Language.FI, true);
        ContactDetails unverified = ContactDetails.resident("Joku", "known@example.fi", null, Language.FI);
        List<UUID> ids = batches.resolveAll(org.id(), List.of(trusted, unverified, trusted));
        assertThat(ids.get(0)).isEqualTo(known);
        assertThat(ids.get(2)).isEqualTo(known);
        assertThat(ids.get(1)).as("an unverified address never attaches to its verified owner").isNotEqualTo(known);
        assertThat(batches.resolveAll(org.id(), List.of())).isEmpty();
    }

    private static List<ContactDetails> contacts() {
        return List.of(
                ContactDetails.resident("Anna Asukas", " Anna@Example.fi ", null, Language.FI),
                ContactDetails.resident("  ", "bertil@example.fi", "040 123 4567", Language.SV),
                ContactDetails.resident(null, null, "+358 40 765 4321", null),
                ContactDetails.resident("Anna Asukas", "anna@example.fi", null, Language.EN));
    }

    /** The customers in the order given, with their contact points, ids left out. */
    private List<Map<String, Object>> rows(Fixtures.Org org, List<UUID> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (UUID id : ids) {
            out.addAll(db.sql("""
                    select kind, name, personal_id, business_id, staff_user_id, preferred_language, merged_into
                    from customer where organization_id = ? and id = ?""").params(org.id().value(), id).query().listOfRows());
            out.addAll(db.sql("""
                    select kind, value, verified, verified_how, verified_by, verified_at from contact_point
                    where organization_id = ? and customer_id = ? order by kind, value""")
                    .params(org.id().value(), id).query().listOfRows());
        }
        return out;
    }
}
