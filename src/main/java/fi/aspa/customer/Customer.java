package fi.aspa.customer;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/** A customer with the personal data staff may see, once the view is logged. */
public record Customer(UUID id, OrganizationId organizationId, CustomerKind kind, String name, String personalId,
                       String businessId, UUID staffUserId, Language preferredLanguage, List<ContactPoint> contactPoints) {

    public record ContactPoint(String kind, String value, boolean verified) {}

    public String email() {
        return contactPoints.stream().filter(c -> c.kind().equals("EMAIL")).map(ContactPoint::value).findFirst().orElse(null);
    }

    public String phone() {
        return contactPoints.stream().filter(c -> c.kind().equals("PHONE")).map(ContactPoint::value).findFirst().orElse(null);
    }

    public String maskedPersonalId() {
        return PersonalIdentityCode.masked(personalId);
    }

    /** Never prints the identity code. */
    @Override
    public String toString() {
        return "Customer[" + id + ", " + kind + "]";
    }
}
