package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A service of the catalogue. {@code ptvId} and {@code referenceCode} tie it to the Suomi.fi Service Catalogue;
 * {@code open311Code} is set where it takes Open311 requests. An {@code internal} service (IT, HR, facilities) is for
 * staff only: never on residents' pages, in the public search, in Open311 or in the public topic suggestions.
 */
public record CatalogueService(UUID id, OrganizationId organizationId, UUID ptvId, String referenceCode,
                               String open311Code, String serviceType, String chargeType, LocalizedText name,
                               LocalizedText summary, LocalizedText description, LocalizedText instructions,
                               List<String> keywords, List<Concept> serviceClasses, List<Concept> targetGroups,
                               List<Concept> lifeEvents, List<Concept> ontologyTerms, UUID unitId,
                               List<ServicePerson> people, Set<ServiceChannel> channels, Source source,
                               boolean internal) {

    /** Where the service came from. */
    public enum Source { LOCAL, PTV, OPEN311 }

    /** Whether residents may see it (not {@link #internal()}). */
    public boolean isPublic() {
        return !internal;
    }

    /** Everything the routing classifier may learn from, in one language (Finnish where a text is missing). */
    public String text(fi.aspa.platform.Language language) {
        StringBuilder text = new StringBuilder(name.in(language)).append(". ");
        if (summary != null && summary.in(language) != null) text.append(summary.in(language)).append(' ');
        if (description != null && description.in(language) != null) text.append(description.in(language)).append(' ');
        text.append(String.join(" ", keywords));
        for (Concept c : ontologyTerms) text.append(' ').append(c.label().in(language));
        return text.toString();
    }
}
