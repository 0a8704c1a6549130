package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A trusted source (an e-service with strong authentication, through the API) recognizes a customer by a verified
 * email or phone, but never makes someone else of them: a contact that names its own identity code or business id is
 * that person or company, whatever address it shares, and a value verified on one customer stays theirs alone.
 */
@AspaTest
class TrustedRecognitionTest {
    static final String MAIJA = "131052-308T";
    static final String MATTI = "010190-123M";
    @Autowired Fixtures fixtures;
    @Autowired Customers customers;
    OrganizationId org;

    @BeforeEach
    void setUp() {
        org = fixtures.organization().id();
    }

    static ContactDetails trusted(CustomerKind kind, String name, String email, String phone, String personalId, String businessId) {
        return new ContactDetails(kind, name, email, phone, personalId, businessId, null, Language.FI, true);
    }

    @Test
    void aFamilysSharedAddressDoesNotMakeOnePersonTheOther() {
        UUID maija = customers.resolve(org, trusted(CustomerKind.PERSON, "Maija Virtanen", "perhe.virtanen@example.fi", null, MAIJA, null));
        assertThat(verified(maija, "perhe.virtanen@example.fi")).isTrue();

        UUID matti = customers.resolve(org, trusted(CustomerKind.PERSON, "Matti Virtanen", "perhe.virtanen@example.fi",
                "040 765 4321", MATTI, null));
        assertThat(matti).as("another identity code is another person").isNotEqualTo(maija);
        Customer him = customers.find(org, matti).orElseThrow();
        assertThat(him.personalId()).isEqualTo(MATTI);
        assertThat(him.name()).isEqualTo("Matti Virtanen");
        assertThat(verified(matti, "perhe.virtanen@example.fi")).as("the address stays verified on Maija only").isFalse();
        assertThat(verified(maija, "perhe.virtanen@example.fi")).isTrue();
        assertThat(customers.find(org, maija).orElseThrow().contactPoints()).as("nothing of Matti's is added to Maija")
                .noneMatch(p -> p.value().equals("+358407654321"));

        // his own number was verified on him: a later phone-only contact from it is his, the shared address still hers
        assertThat(customers.resolve(org, trusted(CustomerKind.PERSON, "Matti", null, "0407654321", null, null))).isEqualTo(matti);
        assertThat(customers.resolve(org, trusted(CustomerKind.PERSON, "Maija", "perhe.virtanen@example.fi", null, null, null)))
                .isEqualTo(maija);
        assertThat(customers.resolve(org, trusted(CustomerKind.PERSON, "Matti", null, null, MATTI, null))).isEqualTo(matti);
    }

    @Test
    void aCompanyIsNotRecognizedAsThePersonWhoseAddressItUses() {
        UUID person = customers.resolve(org, trusted(CustomerKind.PERSON, "Kalle Yrittäjä", "kalle@example.fi", "050 111 2222", MAIJA, null));

        UUID company = customers.resolve(org, trusted(CustomerKind.BUSINESS, "Kallen Kone Oy", "kalle@example.fi", null, null, "0737546-2"));
        assertThat(company).isNotEqualTo(person);
        assertThat(customers.find(org, company).orElseThrow().businessId()).isEqualTo("0737546-2");

        UUID unnamedCompany = customers.resolve(org, trusted(CustomerKind.BUSINESS, "Kone Oy", null, "050 111 2222", null, null));
        assertThat(unnamedCompany).as("a company without a business id is not the person with that number").isNotEqualTo(person)
                .isNotEqualTo(company);
    }

    @Test
    void aNumberWrittenOnTheWebFormIsFoundByThePhonePagesAndTheExchangesForm() {
        UUID resident = customers.resolve(org, ContactDetails.resident("Riikka Soittaja", null, "+358 (0)44 555 6677", Language.FI));
        assertThat(customers.findByContact(org, "044 555 6677")).containsExactly(resident);
        assertThat(customers.findByContact(org, "+358445556677")).containsExactly(resident);
        assertThat(customers.findByContact(org, "358445556677")).containsExactly(resident);
    }

    private boolean verified(UUID customer, String email) {
        return customers.find(org, customer).orElseThrow().contactPoints().stream()
                .anyMatch(p -> p.kind().equals("EMAIL") && p.value().equals(email) && p.verified());
    }
}
