package fi.aspa.knowledge;

import fi.aspa.customer.PersonalDataFilter;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Personal data leaves a reply before it becomes an article draft. */
class PersonalDataTest {
    static final Customer MAIJA = new Customer(UUID.randomUUID(), new OrganizationId(UUID.randomUUID()), CustomerKind.PERSON,
            "Maija Virtanen", "131052-308T", null, null, Language.FI,
            List.of(new Customer.ContactPoint("EMAIL", "maija.v@example.fi", true), new Customer.ContactPoint("PHONE", "+358401234567", true)));

    @Test
    void removesTheCustomersNameInInflectedFormsAndTheirContactDetails() {
        String text = "Hei Maija! Virtasen perheen hakemus on käsitelty. Lähetimme päätöksen Maijalle osoitteeseen maija.v@example.fi "
                + "ja tekstiviestin numeroon +358401234567.";
        String stripped = PersonalDataFilter.strip(text, MAIJA, Language.FI);
        assertThat(stripped).doesNotContainIgnoringCase("maija").doesNotContain("Virtasen", "example.fi", "401234567")
                .contains("[nimi]", "[sähköposti]", "[puhelinnumero]", "hakemus on käsitelty");
    }

    @Test
    void removesIdentityCodesEmailsPhonesAndAddressesOfAnyone() {
        String text = "Henkilötunnus 131052-308T ja puoliso 010203A1234. Soita 040 123 4567 tai 09-310 1691. "
                + "Kirjoita osoitteeseen matti.meikalainen@posti.fi. Asunto on Mannerheimintie 12 B 7, ja vanha osoite Kotikatu 3.";
        String stripped = PersonalDataFilter.strip(text, null, Language.FI);
        assertThat(stripped).doesNotContain("131052-308T", "010203A1234", "123 4567", "310 1691", "posti.fi", "Mannerheimintie 12", "Kotikatu 3")
                .contains("[henkilötunnus]", "[puhelinnumero]", "[sähköposti]", "[osoite]");
    }

    @Test
    void keepsWhatIsNotPersonal() {
        String text = "Maksu on 311 euroa kuukaudessa, päätös ASPA-2026-000123 tehtiin 22.11.2026. Aukioloaika klo 8–16.";
        assertThat(PersonalDataFilter.strip(text, MAIJA, Language.FI)).isEqualTo(text);
    }

    @Test
    void placeholdersAreInTheTextsLanguage() {
        assertThat(PersonalDataFilter.strip("Hej Maija, ring 040 123 4567. Adress: Storgatan 5.", MAIJA, Language.SV))
                .isEqualTo("Hej [namn], ring [telefonnummer]. Adress: [adress].");
    }
}
