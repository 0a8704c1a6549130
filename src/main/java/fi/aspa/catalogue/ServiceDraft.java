package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a new or changed service says; {@code name.fi()} is required. Lists may be null (empty). {@code internal}: for
 * staff only (see {@link CatalogueService#internal()}); a PTV import never changes it.
 */
public record ServiceDraft(LocalizedText name, LocalizedText summary, LocalizedText description,
                           LocalizedText instructions, List<String> keywords, List<Concept> serviceClasses,
                           List<Concept> targetGroups, List<Concept> lifeEvents, List<Concept> ontologyTerms,
                           UUID unitId, List<ServicePerson> people, Set<ServiceChannel> channels,
                           String open311Code, UUID ptvId, String referenceCode, String serviceType,
                           String chargeType, boolean internal) {

    public ServiceDraft {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        serviceClasses = serviceClasses == null ? List.of() : List.copyOf(serviceClasses);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        lifeEvents = lifeEvents == null ? List.of() : List.copyOf(lifeEvents);
        ontologyTerms = ontologyTerms == null ? List.of() : List.copyOf(ontologyTerms);
        people = people == null ? List.of() : List.copyOf(people);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    /** A public service. */
    public ServiceDraft(LocalizedText name, LocalizedText summary, LocalizedText description, LocalizedText instructions,
                        List<String> keywords, List<Concept> serviceClasses, List<Concept> targetGroups,
                        List<Concept> lifeEvents, List<Concept> ontologyTerms, UUID unitId, List<ServicePerson> people,
                        Set<ServiceChannel> channels, String open311Code, UUID ptvId, String referenceCode,
                        String serviceType, String chargeType) {
        this(name, summary, description, instructions, keywords, serviceClasses, targetGroups, lifeEvents, ontologyTerms,
                unitId, people, channels, open311Code, ptvId, referenceCode, serviceType, chargeType, false);
    }

    /** The same draft, public or internal. */
    public ServiceDraft withInternal(boolean internal) {
        return new ServiceDraft(name, summary, description, instructions, keywords, serviceClasses, targetGroups, lifeEvents,
                ontologyTerms, unitId, people, channels, open311Code, ptvId, referenceCode, serviceType, chargeType, internal);
    }

    /** What the service says now, to change a part of it. */
    public static ServiceDraft of(CatalogueService s) {
        return new ServiceDraft(s.name(), s.summary(), s.description(), s.instructions(), s.keywords(), s.serviceClasses(),
                s.targetGroups(), s.lifeEvents(), s.ontologyTerms(), s.unitId(), s.people(), s.channels(), s.open311Code(),
                s.ptvId(), s.referenceCode(), s.serviceType(), s.chargeType(), s.internal());
    }

    /** A local service with a name, a description and keywords; the rest empty. */
    public static ServiceDraft simple(LocalizedText name, LocalizedText description, List<String> keywords, UUID unitId) {
        return new ServiceDraft(name, null, description, null, keywords, null, null, null, null, unitId, null, null,
                null, null, null, null, null);
    }
}
