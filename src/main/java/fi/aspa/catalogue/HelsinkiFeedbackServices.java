package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The City of Helsinki feedback system's ten Open311 service types ({@code data/open311-helsinki-services.json},
 * Finnish), with Swedish and English names and descriptions written for Aspa. Their keywords are the city's two or
 * three per service followed by the residents' words written for Aspa ({@code data/helsinki-service-keywords.json}):
 * the routing classifier learns each keyword as an example of its service, so a catalogue with the words people
 * actually use routes new cases better from the first day (BENCHMARKS-routing.md, session 11).
 */
final class HelsinkiFeedbackServices {
    static final String RESOURCE = "/data/open311-helsinki-services.json";
    static final String KEYWORDS = "/data/helsinki-service-keywords.json";

    /** code -> {name sv, description sv, name en, description en} */
    private static final Map<String, String[]> TRANSLATIONS = Map.of(
            "172", new String[]{"Skadegörelse", "Har en parkbänk kastats i diket eller en infotavla slagits sönder? Ge respons om skadegörelse.",
                    "Vandalism", "Has a park bench been thrown into a ditch or a notice board broken? Give feedback about vandalism."},
            "246", new String[]{"Nedskräpning", "Meddela om du ser stora mängder skräp på allmänna områden, i parker eller skogar.",
                    "Littering", "Report large amounts of litter in public areas, parks or forests."},
            "176", new String[]{"Klotterborttagning", "Meddela om platser eller väggar har klottrats ned.",
                    "Graffiti removal", "Report places or walls covered with graffiti."},
            "171", new String[]{"Gatornas skick", "Finns det en grop i vägen? Ge respons om gatornas skick.",
                    "Street condition", "Is there a pothole in the road? Give feedback about the condition of streets."},
            "198", new String[]{"Trafikmärken", "Meddela om ett trafikmärke har körts omkull, står snett eller har andra brister.",
                    "Traffic signs", "Report a traffic sign that has been knocked down, is askew or has other faults."},
            "199", new String[]{"Skyltar och vägvisning", "Meddela om det finns något att anmärka på stadens skyltar och vägvisning.",
                    "Signs and wayfinding", "Report problems with the city's signs and wayfinding."},
            "174", new String[]{"Parker", "Meddela om du märker att en park är i dåligt skick.",
                    "Parks", "Report a park that is in poor condition."},
            "211", new String[]{"Lek- och idrottsparker", "Meddela om det finns något att anmärka på redskapen i en lek- eller idrottspark.",
                    "Playgrounds and sports parks", "Report problems with the equipment of a playground or sports park."},
            "234", new String[]{"Skogar", "Meddela om en skog behöver skötsel.",
                    "Forests", "Report a forest that needs care."},
            "180", new String[]{"Annat som behöver åtgärdas", "Finns det något annat som kräver åtgärder av staden?",
                    "Something else to fix", "Is there something else that needs the city's attention?"});

    private HelsinkiFeedbackServices() {}

    /** The services as Aspa's demo organization gets them: the city's keywords and the ones written for Aspa. */
    static List<ServiceDraft> drafts(UUID unitId) {
        return drafts(unitId, true);
    }

    /** With {@code aspaKeywords} false, only the city's own keywords, as the city published the list. */
    static List<ServiceDraft> drafts(UUID unitId, boolean aspaKeywords) {
        List<ServiceDraft> drafts = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = HelsinkiFeedbackServices.class.getResourceAsStream(RESOURCE);
             InputStream words = HelsinkiFeedbackServices.class.getResourceAsStream(KEYWORDS)) {
            if (in == null || words == null) throw new IllegalStateException(RESOURCE + " or " + KEYWORDS + " is missing");
            JsonNode root = json.readTree(in);
            JsonNode written = json.readTree(words).get("keywords");
            for (JsonNode s : root.get("services")) {
                String code = s.get("service_code").asString();
                String[] t = TRANSLATIONS.getOrDefault(code, new String[4]);
                Set<String> keywords = new LinkedHashSet<>();
                Arrays.stream(s.get("keywords").asString().split(",")).map(String::trim).filter(k -> !k.isEmpty())
                        .forEach(keywords::add);
                if (aspaKeywords && written.has(code)) written.get(code).forEach(k -> keywords.add(k.asString()));
                String group = s.get("group").asString();
                drafts.add(new ServiceDraft(
                        new LocalizedText(s.get("service_name").asString(), t[0], t[2]),
                        new LocalizedText(group, null, null),
                        new LocalizedText(s.get("description").asString(), t[1], t[3]),
                        null, List.copyOf(keywords), null,
                        List.of(new Concept("http://urn.fi/URN:NBN:fi:au:ptvl:v2001", new LocalizedText("Kansalaiset", null, null))),
                        null, null, unitId, null, Set.of(ServiceChannel.OPEN311, ServiceChannel.WEB_FORM), code, null, null,
                        "Service", "Free"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drafts;
    }
}
