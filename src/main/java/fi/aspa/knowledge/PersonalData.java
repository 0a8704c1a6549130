package fi.aspa.knowledge;

import fi.aspa.customer.Customer;
import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.platform.Language;

/**
 * Removes personal data from a reply before it becomes an article ({@link PersonalDataFilter}, shared with the
 * chatbot's language-model phrasing). The editor still reads the result before it goes anywhere.
 */
final class PersonalData {
    private PersonalData() {}

    static String strip(String text, Customer customer, Language language) {
        return PersonalDataFilter.strip(text, customer, language);
    }

    static String placeholder(String what, Language language) {
        return PersonalDataFilter.placeholder(what, language);
    }
}
