package fi.aspa.catalogue;

import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Residents browse the services of the organization by life event and target group, in fi/sv/en. */
@Controller
class ServicePages {
    static final String PTV_CREDIT = "Suomi.fi-palvelutietovaranto / Digi- ja väestötietovirasto";

    private final Catalogue catalogue;
    private final Organizations organizations;
    private final PublicOrganization publicOrganization;

    ServicePages(Catalogue catalogue, Organizations organizations, PublicOrganization publicOrganization) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.publicOrganization = publicOrganization;
    }

    /** A text in the page's language, or in Finnish with {@code lang="fi"} where no translation exists. */
    record Text(String text, String lang) {
        static Text of(LocalizedText value, Language language) {
            if (value == null) return null;
            String wanted = switch (language) {
                case FI -> value.fi();
                case SV -> value.sv();
                case EN -> value.en();
            };
            if (wanted != null && !wanted.isBlank()) return new Text(wanted, language.code());
            return value.fi() == null || value.fi().isBlank() ? null : new Text(value.fi(), "fi");
        }

        public List<String> paragraphs() {
            return Arrays.stream(text.split("\\n\\s*\\n|\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        }
    }

    record ConceptLink(String uri, Text label, int services) {}

    record ServiceItem(UUID id, Text name, Text summary) {}

    @GetMapping("/services")
    String services(@RequestParam(required = false) String lifeEvent, @RequestParam(required = false) String targetGroup,
                    Locale locale, Model model) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        List<ConceptLink> lifeEvents = links(catalogue.publicConcepts(org.id(), ConceptKind.LIFE_EVENT), language);
        List<ConceptLink> targetGroups = links(catalogue.publicConcepts(org.id(), ConceptKind.TARGET_GROUP), language);
        String selectedLifeEvent = lifeEvents.stream().map(ConceptLink::uri).filter(u -> u.equals(lifeEvent)).findFirst().orElse(null);
        String selectedTargetGroup = targetGroups.stream().map(ConceptLink::uri).filter(u -> u.equals(targetGroup)).findFirst().orElse(null);
        List<CatalogueService> found;
        if (selectedLifeEvent != null) {
            found = catalogue.byLifeEvent(org.id(), selectedLifeEvent);
            if (selectedTargetGroup != null) {
                found = found.stream().filter(s -> s.targetGroups().stream().anyMatch(t -> t.uri().equals(selectedTargetGroup))).toList();
            }
        } else if (selectedTargetGroup != null) {
            found = catalogue.byTargetGroup(org.id(), selectedTargetGroup);
        } else {
            found = catalogue.list(org.id());
        }
        found = found.stream().filter(CatalogueService::isPublic).toList(); // internal services are for staff only
        List<ServiceItem> items = found.stream().map(s -> new ServiceItem(s.id(), Text.of(s.name(), language), Text.of(s.summary(), language)))
                .sorted(Comparator.comparing(i -> i.name().text().toLowerCase(locale))).toList();
        model.addAttribute("lifeEvents", lifeEvents);
        model.addAttribute("targetGroups", targetGroups);
        model.addAttribute("lifeEvent", selectedLifeEvent);
        model.addAttribute("targetGroup", selectedTargetGroup);
        model.addAttribute("services", items);
        model.addAttribute("ptvCredit", found.stream().anyMatch(s -> s.source() == CatalogueService.Source.PTV) ? PTV_CREDIT : null);
        return "catalogue/services";
    }

    @GetMapping("/services/{id}")
    String service(@PathVariable UUID id, Locale locale, Model model) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        // the service's own id, or its Service Catalogue (PTV) id, which search hits carry
        CatalogueService service = catalogue.find(org.id(), id).or(() -> catalogue.byPtvId(org.id(), id))
                .filter(CatalogueService::isPublic) // an internal service does not exist for residents
                .orElseThrow(() -> AspaException.notFound("Service"));
        model.addAttribute("service", service);
        model.addAttribute("name", Text.of(service.name(), language));
        model.addAttribute("summary", Text.of(service.summary(), language));
        model.addAttribute("description", Text.of(service.description(), language));
        model.addAttribute("instructions", Text.of(service.instructions(), language));
        model.addAttribute("targetGroups", service.targetGroups().stream().map(c -> Text.of(c.label(), language)).toList());
        model.addAttribute("lifeEvents", service.lifeEvents().stream().map(c -> new ConceptLink(c.uri(), Text.of(c.label(), language), 0)).toList());
        model.addAttribute("channels", service.channels().stream().sorted().map(Enum::name).toList());
        model.addAttribute("unit", service.unitId() == null ? null
                : organizations.unit(org.id(), service.unitId()).map(u -> Text.of(u.name(), language)).orElse(null));
        model.addAttribute("ptvCredit", service.source() == CatalogueService.Source.PTV ? PTV_CREDIT : null);
        return "catalogue/service";
    }

    private static List<ConceptLink> links(List<ConceptCount> concepts, Language language) {
        return concepts.stream().map(c -> new ConceptLink(c.concept().uri(), Text.of(c.concept().label(), language), c.services()))
                .sorted(Comparator.comparing(l -> l.label().text())).toList();
    }

}
