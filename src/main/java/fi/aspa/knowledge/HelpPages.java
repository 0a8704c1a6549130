package fi.aspa.knowledge;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.ConceptCount;
import fi.aspa.catalogue.ConceptKind;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.FacetCount;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Help for residents ({@code /help}): PUBLIC articles by life event and by service, an article page in the page's
 * language with links to its other language versions, and a search over public services and articles.
 */
@Controller
class HelpPages {
    static final int MAX_QUERY = 200;

    private final Knowledge knowledge;
    private final Catalogue catalogue;
    private final PublicOrganization publicOrganization;
    private final SearchIndex index;
    private final HelpAssistant assistant;

    HelpPages(Knowledge knowledge, Catalogue catalogue, PublicOrganization publicOrganization, SearchIndex index, HelpAssistant assistant) {
        this.assistant = assistant;
        this.knowledge = knowledge;
        this.catalogue = catalogue;
        this.publicOrganization = publicOrganization;
        this.index = index;
    }

    record Link(String id, String title, String lang, String extra) {}

    record ServiceLink(String id, String title, long articles) {}

    record Group(String uri, String label, String lang, List<Link> articles) {}

    record Hit(String href, String title, String snippetHtml, String type) {}

    /** One value of a search filter: its label, how many results have it, whether it is chosen. */
    record FacetOption(String value, String label, long count, boolean selected) {}

    /** The search's filters: result type, service and life event, each with the values the results have. */
    record Facets(List<FacetOption> types, List<FacetOption> services, List<FacetOption> lifeEvents, String type, String service,
                  String lifeEvent) {
        public boolean active() {
            return type != null || service != null || lifeEvent != null;
        }
    }

    @GetMapping("/help")
    String help(@RequestParam(required = false) String q, @RequestParam(required = false) String lifeEvent,
                @RequestParam(required = false) String service, @RequestParam(required = false) String type,
                @RequestParam(required = false) String fService, @RequestParam(required = false) String fLifeEvent,
                Locale locale, Model model, HttpServletRequest request) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        List<PublishedArticle> articles = knowledge.published(org.id(), Set.of(ArticleVisibility.PUBLIC));
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) query = query.substring(0, MAX_QUERY);
        model.addAttribute("q", query);
        List<ConceptCount> events = catalogue.publicConcepts(org.id(), ConceptKind.LIFE_EVENT);
        if (!query.isEmpty()) {
            search(org.id(), query, language, blankToNull(type), blankToNull(fService), blankToNull(fLifeEvent), events, model);
        }
        List<Group> groups = new ArrayList<>();
        for (ConceptCount event : events) {
            String uri = event.concept().uri();
            if (lifeEvent != null && !lifeEvent.isBlank() && !lifeEvent.equals(uri)) continue;
            List<Link> links = articles.stream().filter(a -> a.lifeEvents().contains(uri)).map(a -> link(a, language))
                    .sorted(Comparator.comparing(Link::title)).toList();
            if (links.isEmpty()) continue;
            groups.add(new Group(uri, event.concept().label().in(language), language.code(), links));
        }
        groups.sort(Comparator.comparing(Group::label));
        model.addAttribute("groups", groups);
        model.addAttribute("lifeEvent", lifeEvent);
        if (service != null && !service.isBlank()) {
            CatalogueService s = EditorPages.uuid(service).flatMap(id -> catalogue.find(org.id(), id))
                    .filter(CatalogueService::isPublic)
                    .orElseThrow(() -> AspaException.notFound("Service"));
            model.addAttribute("service", s);
            model.addAttribute("serviceName", s.name().in(language));
            model.addAttribute("serviceArticles", articles.stream().filter(a -> a.serviceIds().contains(s.id()))
                    .map(a -> link(a, language)).sorted(Comparator.comparing(Link::title)).toList());
        }
        // by service: services that have public articles
        Map<UUID, Long> perService = articles.stream().flatMap(a -> a.serviceIds().stream())
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        model.addAttribute("services", perService.keySet().stream()
                .map(id -> catalogue.find(org.id(), id)).flatMap(Optional::stream).filter(CatalogueService::isPublic)
                .map(s -> new ServiceLink(s.id().toString(), s.name().in(language), perService.get(s.id())))
                .sorted(Comparator.comparing(ServiceLink::title)).toList());
        String from = lifeEvent != null && !lifeEvent.isBlank() ? HelpAssistant.from("/help", "lifeEvent", lifeEvent)
                : service != null && !service.isBlank() ? HelpAssistant.from("/help", "service", service) : "/help";
        model.addAttribute("box", assistant.box(request, HelpAssistant.page(from), language));
        return "knowledge/help";
    }

    /**
     * The search with its filters: hits of the chosen type, service and life event; the filters' counts come from the
     * same words without the filters, so a resident can switch from one value to another.
     */
    private void search(OrganizationId org, String query, Language language, String type, String service, String lifeEvent,
                        List<ConceptCount> events, Model model) {
        Set<DocumentType> allTypes = Set.of(DocumentType.ARTICLE, DocumentType.SERVICE);
        DocumentType chosenType = type == null ? null : allTypes.stream().filter(t -> t.name().equals(type)).findFirst().orElse(null);
        SearchQuery all = SearchQuery.publicSearch(org, query, language).withTypes(allTypes);
        Map<String, List<FacetCount>> counts = index.search(all.withLimit(1).withFacets(true)).facets();
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        if (service != null) filters.put("service", service);
        if (lifeEvent != null) filters.put("lifeEvent", lifeEvent);
        SearchQuery filtered = all.withTypes(chosenType == null ? allTypes : Set.of(chosenType)).withFilters(filters);
        List<SearchHit> hits = index.search(filtered).hits();
        model.addAttribute("hits", hits(org, hits));

        List<FacetOption> types = new ArrayList<>();
        for (FacetCount c : counts.getOrDefault("type", List.of())) {
            if (allTypes.stream().anyMatch(t -> t.name().equals(c.value()))) {
                types.add(new FacetOption(c.value(), c.value(), c.count(), c.value().equals(type)));
            }
        }
        List<FacetOption> services = new ArrayList<>();
        for (FacetCount c : counts.getOrDefault("service", List.of())) {
            EditorPages.uuid(c.value()).flatMap(id -> catalogue.find(org, id)).filter(CatalogueService::isPublic).ifPresent(s ->
                    services.add(new FacetOption(c.value(), s.name().in(language), c.count(), c.value().equals(service))));
        }
        services.sort(Comparator.comparing(FacetOption::label));
        Map<String, String> eventLabels = new java.util.HashMap<>();
        for (ConceptCount e : events) eventLabels.put(e.concept().uri(), e.concept().label().in(language));
        List<FacetOption> lifeEvents = new ArrayList<>();
        for (FacetCount c : counts.getOrDefault("lifeEvent", List.of())) {
            String label = eventLabels.get(c.value());
            if (label != null) lifeEvents.add(new FacetOption(c.value(), label, c.count(), c.value().equals(lifeEvent)));
        }
        lifeEvents.sort(Comparator.comparing(FacetOption::label));
        model.addAttribute("facets", new Facets(types, services, lifeEvents, chosenType == null ? null : chosenType.name(),
                services.stream().anyMatch(FacetOption::selected) ? service : null,
                lifeEvents.stream().anyMatch(FacetOption::selected) ? lifeEvent : null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.length() > 500 ? null : value.strip();
    }

    private List<Hit> hits(OrganizationId org, List<SearchHit> hits) {
        List<Hit> result = new ArrayList<>();
        for (SearchHit hit : hits) {
            String href = switch (hit.type()) {
                case ARTICLE -> "/help/" + hit.id();
                case SERVICE -> serviceHref(org, hit.id());
                default -> null;
            };
            if (href != null) result.add(new Hit(href, hit.title(), hit.snippetHtml(), hit.type().name()));
        }
        return result;
    }

    /** Services are indexed under their PTV id where they have one, else under the catalogue's id. */
    private String serviceHref(OrganizationId org, String id) {
        Optional<UUID> uuid = EditorPages.uuid(id);
        if (uuid.isEmpty()) return null;
        return catalogue.byPtvId(org, uuid.get()).or(() -> catalogue.find(org, uuid.get()))
                .filter(CatalogueService::isPublic).map(s -> "/services/" + s.id()).orElse(null);
    }

    @GetMapping("/help/{id}")
    String article(@PathVariable UUID id, Locale locale, Model model, HttpServletRequest request) {
        Organization org = publicOrganization.get();
        PublishedArticle article = knowledge.published(org.id(), id, Set.of(ArticleVisibility.PUBLIC))
                .orElseThrow(() -> AspaException.notFound("Article"));
        Language language = Language.of(locale);
        readingModel(knowledge, article, language, model);
        Map<UUID, String> services = new java.util.LinkedHashMap<>();
        for (UUID s : article.serviceIds()) catalogue.find(org.id(), s).filter(CatalogueService::isPublic).ifPresent(cs -> services.put(cs.id(), cs.name().in(language)));
        model.addAttribute("linkedServices", services);
        model.addAttribute("box", assistant.box(request, "/help/" + article.id(), language));
        return "knowledge/article";
    }

    private static Link link(PublishedArticle a, Language language) {
        return new Link(a.id().toString(), a.version().title(language), EditorPages.titleLanguage(a.version(), language), null);
    }

    /** What the reading pages (public and staff) show: the version in the page language, else the first one there is. */
    static void readingModel(Knowledge knowledge, PublishedArticle article, Language language, Model model) {
        List<Language> available = article.version().languages();
        Language shown = available.contains(language) ? language : available.getFirst();
        ArticleText text = article.version().text(shown);
        model.addAttribute("articleId", article.id());
        model.addAttribute("title", text.title());
        model.addAttribute("bodyHtml", knowledge.html(text.body()));
        model.addAttribute("textLang", shown.code());
        model.addAttribute("fallback", shown != language);
        model.addAttribute("available", available.stream().map(Language::code).toList());
        model.addAttribute("updated", DateTimes.date(article.updatedAt(), language.locale()));
    }
}
