package fi.aspa.knowledge;

import static org.awaitility.Awaitility.await;

import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.Concept;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.time.Duration;
import java.util.List;

/**
 * Published public articles in the public test organization for the help pages' assistant: one that answers a
 * question about boat berths (linked to a service and a life event), and two on allotment permits that differ in one
 * word, so that a question about the permit makes the bot ask which one was meant; and six on other topics, so that
 * the public collection the bot's confidence is relative to is not tiny. Vocabulary no other test uses, so
 * the shared public organization's other articles do not compete. Made once per application context.
 */
final class HelpBotArticles {
    static final String BOATING = "urn:test:helpbot:boating";
    private static Knowledge madeFor;
    private static HelpBotArticles made;

    final Fixtures.Org org;
    final CatalogueService harbour;
    final Article berth;
    final Article residents;
    final Article schools;

    private HelpBotArticles(Fixtures.Org org, CatalogueService harbour, Article berth, Article residents, Article schools) {
        this.org = org;
        this.harbour = harbour;
        this.berth = berth;
        this.residents = residents;
        this.schools = schools;
    }

    static synchronized HelpBotArticles in(Fixtures fixtures, Knowledge knowledge, Catalogue catalogue, SearchIndex index) {
        if (madeFor == knowledge) return made;
        Fixtures.Org pub = fixtures.publicOrganization();
        CatalogueService harbour = catalogue.create(pub.id(), new ServiceDraft(
                new LocalizedText("Venesatama", "Båthamn", "Boat harbour"), null, null, null, List.of("vene", "båt"),
                null, null, List.of(new Concept(BOATING, new LocalizedText("Veneily", "Båtliv", "Boating"))),
                null, pub.service().id(), null, null, null, null, null, null, null));
        Editor manager = new Editor(pub.manager().id(), true);
        Article berth = publish(knowledge, pub, manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Venepaikan vuokraaminen",
                        "Venepaikkaa vuokrataan satamatoimistosta. Venepaikan vuokrakausi alkaa toukokuussa ja päättyy lokakuussa.")
                .with(Language.SV, "Att hyra båtplats",
                        "Båtplatsen hyrs från hamnkontoret. Hyresperioden för båtplatsen börjar i maj och slutar i oktober.")
                .with(Language.EN, "Renting a boat berth",
                        "Boat berths are rented from the harbour office. The rental season for boat berths starts in May and ends in October.")
                .withServices(List.of(harbour.id())).withLifeEvents(List.of(BOATING)));
        Article residents = publish(knowledge, pub, manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Asukkaan viljelypalsta",
                        "Viljelypalstatunnuksella asukas voi viljellä kaupungin palsta-alueella. Viljelypalstatunnus haetaan verkossa.")
                .with(Language.SV, "Odlingslott för invånare",
                        "Med odlingslottstillstånd får en invånare odla på stadens lottområde. Odlingslottstillstånd söks på nätet."));
        Article schools = publish(knowledge, pub, manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, "Koulun viljelypalsta",
                        "Viljelypalstatunnuksella koulu voi viljellä kaupungin palsta-alueella. Viljelypalstatunnus haetaan verkossa.")
                .with(Language.SV, "Odlingslott för skolor",
                        "Med odlingslottstillstånd får en skola odla på stadens lottområde. Odlingslottstillstånd söks på nätet."));
        // public articles on other topics: the bot's confidence is relative to the size of the public collection (in a
        // collection of four documents no word is rare), and an organization's public collection is never that small
        String[][] others = {
                {"Kalastuslupa", "Kalastuslupa ostetaan kalastusalueen verkkokaupasta.", "Fiskekort", "Fiskekort köps i fiskeområdets webbutik."},
                {"Saunavuoron varaaminen", "Saunavuoro varataan taloyhtiön varausjärjestelmästä.", "Boka bastutur", "Bastutur bokas i husbolagets bokningssystem."},
                {"Polttopuun myynti", "Polttopuuta myydään kaupungin varikolta kuutioittain.", "Försäljning av ved", "Ved säljs per kubikmeter från stadens depå."},
                {"Kuntosalikortti", "Kuntosalikortin saa liikuntapalvelujen asiakaspalvelusta.", "Gymkort", "Gymkort får man från idrottstjänsternas kundtjänst."},
                {"Kirpputoripöydän varaus", "Kirpputoripöytä varataan viikoksi kerrallaan.", "Bordsbokning på loppis", "Ett loppisbord bokas för en vecka i taget."},
                {"Hautapaikan hoito", "Hautapaikan hoitosopimus tehdään seurakunnan kanssa.", "Gravskötsel", "Avtal om gravskötsel görs med församlingen."}};
        for (String[] other : others) {
            publish(knowledge, pub, manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI, other[0], other[1]).with(Language.SV, other[2], other[3]));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !index.search(SearchQuery.publicSearch(pub.id(), "gravskötsel", Language.SV)).hits().isEmpty() &&
                index.search(SearchQuery.publicSearch(pub.id(), "viljelypalstatunnus", Language.FI)).hits().size() >= 2
                && index.search(SearchQuery.publicSearch(pub.id(), "odlingslottstillstånd", Language.SV)).hits().size() >= 2
                && !index.search(SearchQuery.publicSearch(pub.id(), "venepaikan vuokrakausi", Language.FI)).hits().isEmpty()
                && !index.search(SearchQuery.publicSearch(pub.id(), "hyresperioden för båtplatsen", Language.SV)).hits().isEmpty());
        made = new HelpBotArticles(pub, harbour, berth, residents, schools);
        madeFor = knowledge;
        return made;
    }

    private static Article publish(Knowledge knowledge, Fixtures.Org pub, Editor manager, ArticleDraft draft) {
        Article a = knowledge.create(pub.id(), manager, draft);
        knowledge.transition(pub.id(), a.id(), manager, Transition.SUBMIT);
        knowledge.transition(pub.id(), a.id(), manager, Transition.PUBLISH);
        return a;
    }
}
