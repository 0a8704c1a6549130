package fi.aspa.customer;

import fi.aspa.platform.Language;
import java.util.UUID;

/**
 * What a channel knows of the person contacting: used to recognize an existing customer or create one.
 * {@code trusted} is true only for sources that verified the details (strong identification, a trusted system).
 */
public record ContactDetails(CustomerKind kind, String name, String email, String phone, String personalId,
                             String businessId, UUID staffUserId, Language language, boolean trusted) {

    public static ContactDetails resident(String name, String email, String phone, Language language) {
        return new ContactDetails(CustomerKind.PERSON, name, email, phone, null, null, null, language, false);
    }

    @Override
    public String toString() {
        return "ContactDetails[" + kind + ", " + language + "]";
    }
}
