package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalogue's shipped services as {@link CatalogueService} values without a database, exactly as the
 * catalogue would store them: for the routing benchmark and accuracy test, which train on them.
 */
public final class CatalogueTexts {
    private static final OrganizationId NONE = new OrganizationId(new UUID(0, 0));

    private CatalogueTexts() {}

    /** The ten Helsinki Open311 feedback services (fi/sv/en) as the demo organization has them. */
    public static List<CatalogueService> helsinki() {
        return helsinki(true);
    }

    /** With {@code aspaKeywords} false, only the city's own two or three keywords per service (the published list). */
    public static List<CatalogueService> helsinki(boolean aspaKeywords) {
        return HelsinkiFeedbackServices.drafts(null, aspaKeywords).stream()
                .map(d -> service(d, CatalogueService.Source.OPEN311)).toList();
    }

    /** The 458 national PTV service descriptions. */
    public static List<CatalogueService> ptv() {
        List<CatalogueService> services = new ArrayList<>();
        try (InputStream in = CatalogueTexts.class.getResourceAsStream("/data/ptv-services.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) services.add(service(PtvImport.parse(line).draft(), CatalogueService.Source.PTV));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    private static CatalogueService service(ServiceDraft d, CatalogueService.Source source) {
        return new CatalogueService(UUID.randomUUID(), NONE, d.ptvId(), d.referenceCode(), d.open311Code(), d.serviceType(),
                d.chargeType(), d.name(), orEmpty(d.summary()), orEmpty(d.description()), orEmpty(d.instructions()),
                d.keywords(), d.serviceClasses(), d.targetGroups(), d.lifeEvents(), d.ontologyTerms(), d.unitId(),
                d.people(), d.channels(), source, d.internal());
    }

    private static LocalizedText orEmpty(LocalizedText t) {
        return t == null ? new LocalizedText(null, null, null) : t;
    }
}
