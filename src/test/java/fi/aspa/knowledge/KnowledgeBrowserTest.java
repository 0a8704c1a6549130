package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.cases.Actor;
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
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Residents read help by life event, switch language and search; editors write, submit, publish, compare and roll
 * back. In Finnish and Swedish, with an axe WCAG 2.1 AA scan at every step.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBrowserTest {
    static final String MOVING = "urn:test:knowledge:moving";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Knowledge knowledge;
    @Autowired
    SearchIndex index;
    @Autowired
    fi.aspa.cases.Cases cases;
    Browser browser;
    Fixtures.Org pub;
    Fixtures.Org staffOrg;
    Article dogs;
    Article internal;
    CatalogueService waste;

    @BeforeAll
    void start() {
        pub = fixtures.publicOrganization();
        CatalogueService service = catalogue.create(pub.id(), new ServiceDraft(
                new LocalizedText("Koirarekisteri", "Hundregister", "Dog register"), null, null, null, List.of("koira", "hund"),
                null, null, List.of(new Concept(MOVING, new LocalizedText("Muutto testikuntaan", "Flytt till testkommunen", "Moving"))),
                null, pub.service().id(), null, null, null, null, null, null, null));
        Editor manager = new Editor(pub.manager().id(), true);
        dogs = knowledge.create(pub.id(), manager, ArticleDraft.of(ArticleVisibility.PUBLIC, Language.FI,
                        "Koiran rekisteröinti muuton jälkeen", "Kun muutat, **ilmoita koirasi** kunnan koirarekisteriin.\n\nSe on maksutonta.")
                .with(Language.SV, "Registrering av hund efter flytten", "När du flyttar, anmäl din hund till kommunens hundregister.")
                .withServices(List.of(service.id())).withLifeEvents(List.of(MOVING)));
        knowledge.transition(pub.id(), dogs.id(), manager, Transition.SUBMIT);
        knowledge.transition(pub.id(), dogs.id(), manager, Transition.PUBLISH);
        internal = knowledge.create(pub.id(), manager, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI,
                "Sisäinen: koirarekisterin poikkeukset", "Koirarekisterin poikkeukset käsitellään tiimissä.")
                .withLifeEvents(List.of(MOVING)));
        knowledge.transition(pub.id(), internal.id(), manager, Transition.SUBMIT);
        knowledge.transition(pub.id(), internal.id(), manager, Transition.PUBLISH);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                index.search(SearchQuery.staffSearch(pub.id(), "koirarekisterin poikkeukset", Language.FI)).hits().size() >= 2
                && !index.search(SearchQuery.publicSearch(pub.id(), "hundregister", Language.SV)).hits().isEmpty());
        staffOrg = fixtures.organization();
        waste = catalogue.create(staffOrg.id(), new ServiceDraft(new LocalizedText("Jätehuolto", "Avfallshantering", "Waste management"),
                null, null, null, List.of(), null, null, List.of(), null, staffOrg.service().id(), null, null, null, null, null, null, null));
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void residentReadsHelpByLifeEventSwitchesLanguageAndSearches(String lang) {
        boolean fi = lang.equals("fi");
        browser.driver().manage().deleteAllCookies();
        browser.open("/help?lang=" + lang).assertAccessible("help " + lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Ohjeet" : "Hjälp");
        assertThat(browser.text("main")).contains(fi ? "Muutto testikuntaan" : "Flytt till testkommunen")
                .doesNotContain("Sisäinen: koirarekisterin poikkeukset");

        browser.clickAndWaitForNewPage("a[href$='/help/" + dogs.id() + "']");
        browser.assertAccessible("article " + lang);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Koiran rekisteröinti muuton jälkeen" : "Registrering av hund efter flytten");
        if (fi) assertThat(browser.find("main article strong").getText()).isEqualTo("ilmoita koirasi");
        String other = fi ? "sv" : "fi";
        browser.clickAndWaitForNewPage("a[hreflang='" + other + "'][href*='/help/']");
        browser.assertAccessible("article in the other language " + lang);
        assertThat(browser.lang()).isEqualTo(other);
        assertThat(browser.text("h1")).isEqualTo(fi ? "Registrering av hund efter flytten" : "Koiran rekisteröinti muuton jälkeen");

        browser.open("/help?lang=" + lang);
        browser.type("#q", fi ? "koirarekisteri" : "hundregister").clickAndWaitForNewPage("#search");
        browser.assertAccessible("help search " + lang);
        assertThat(browser.findAll("main li mark")).isNotEmpty();
        assertThat(browser.text("main")).contains(fi ? "Koiran rekisteröinti muuton jälkeen" : "Registrering av hund efter flytten")
                .doesNotContain("poikkeukset käsitellään");
    }

    @Test
    void residentsNeverSeeInternalArticles() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/help/" + internal.id() + "?lang=fi");
        assertThat(browser.text("main")).doesNotContain("poikkeukset käsitellään");
        browser.open("/help?lang=fi&q=poikkeukset");
        assertThat(browser.text("main")).doesNotContain("Sisäinen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void editorsWriteSubmitPublishCompareAndRollBack(String lang) {
        boolean fi = lang.equals("fi");
        login(staffOrg.agent().username(), lang);
        browser.open("/workspace/knowledge?lang=" + lang).assertAccessible("knowledge list " + lang);
        browser.clickAndWaitForNewPage("a[href$='/workspace/knowledge/new']");
        browser.assertAccessible("new article " + lang);

        browser.type("#title-fi", "Vain otsikko").clickAndWaitForNewPage("#save");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#body-fi").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findAll(".error-summary a[href='#body-fi']")).hasSize(1);
        browser.assertAccessible("new article with errors " + lang);

        String title = "Jätehuollon tyhjennysvälit " + lang;
        browser.type("#title-fi", title).type("#body-fi", "Sekajäte tyhjennetään kahden viikon välein.\n\nBiojäte viikoittain.");
        browser.find("#visibility-internal").click();
        browser.clickAndWaitForNewPage("#save");
        browser.assertAccessible("saved article " + lang);
        assertThat(browser.text("main")).contains(fi ? "Puuttuvat käännökset" : "Översättningar som saknas");
        assertThat(browser.findAll("#action-PUBLISH")).isEmpty();
        browser.clickAndWaitForNewPage("#action-SUBMIT");
        browser.assertAccessible("submitted " + lang);
        assertThat(browser.findAll("#action-PUBLISH")).isEmpty();
        String articlePath = browser.currentPath().replaceAll("\\?.*", "");

        login(staffOrg.manager().username(), lang);
        browser.open(articlePath + "?lang=" + lang);
        browser.clickAndWaitForNewPage("#action-PUBLISH");
        browser.assertAccessible("published " + lang);
        assertThat(browser.text("main")).contains(fi ? "Julkaistu" : "Publicerad");

        // a new text and a service link: the live version keeps neither until the next publication, and the page says so
        browser.type("#body-fi", "Sekajäte tyhjennetään kolmen viikon välein.\n\nBiojäte viikoittain.");
        new Select(browser.find("#services")).selectByValue(waste.id().toString());
        browser.clickAndWaitForNewPage("#save");
        browser.assertAccessible("pending service link " + lang);
        assertThat(browser.text("#services-change")).contains(fi ? "lisätään Jätehuolto" : "lägger till Avfallshantering");
        browser.open(articlePath + "/history?lang=" + lang).assertAccessible("history " + lang);
        assertThat(browser.find("table.diff del").getText()).isEqualTo("kahden");
        assertThat(browser.find("table.diff ins").getText()).isEqualTo("kolmen");
        assertThat(browser.text("#services-change")).isEqualTo(fi ? "Palvelut: lisätään Jätehuolto" : "Tjänster: lägger till Avfallshantering");
        browser.clickAndWaitForNewPage("#rollback-1");
        browser.assertAccessible("rolled back " + lang);
        assertThat(browser.find("#body-fi").getAttribute("value")).contains("kahden viikon");

        browser.open(articlePath.replace("/workspace/knowledge/", "/workspace/knowledge/read/") + "?lang=" + lang)
                .assertAccessible("staff reads an internal article " + lang);
        assertThat(browser.text("h1")).isEqualTo(title);

        browser.open("/workspace/knowledge?missing=sv&lang=" + lang).assertAccessible("list missing sv " + lang);
        assertThat(browser.text("main")).contains(title);
        new Select(browser.find("#status")).selectByValue("ARCHIVED");
        browser.clickAndWaitForNewPage("form.filters button[type=submit]");
        assertThat(browser.text("main")).doesNotContain(title);
        browser.open("/workspace/knowledge/parity?lang=" + lang).assertAccessible("parity " + lang);
        assertThat(browser.text("main")).contains(title);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void agentAsksAQuestionAndMakesAnArticleFromAReply(String lang) {
        boolean fi = lang.equals("fi");
        login(staffOrg.agent().username(), lang);
        browser.open("/workspace/questions?lang=" + lang).assertAccessible("questions " + lang);
        browser.clickAndWaitForNewPage("#send");
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");
        assertThat(browser.find("#question").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("question with errors " + lang);
        browser.type("#question", "Miten rekisteröin koiran muuton jälkeen? " + lang).clickAndWaitForNewPage("#check");
        browser.assertAccessible("similar answers " + lang);
        browser.clickAndWaitForNewPage("#send");
        browser.assertAccessible("question sent " + lang);
        assertThat(browser.text("main")).contains(fi ? "Kysymyksesi lähetettiin" : "Din fråga skickades");
        browser.open("/workspace/questions?lang=" + lang);
        assertThat(browser.text("main")).contains("Miten rekisteröin koiran muuton jälkeen? " + lang);

        var opened = fixtures.aCase(staffOrg, "Kirjastokortti", "Olen Maija Meikäläinen, miten saan kirjastokortin?");
        UUID reply = cases.reply(staffOrg.id(), opened.id(), Actor.staff(staffOrg.agent().id()),
                "Hei Maija Meikäläinen, kirjastokortin saat mistä tahansa kirjastosta. Soita tarvittaessa 040 765 4321.", null);
        browser.open("/workspace/cases/" + opened.id() + "?lang=" + lang).assertAccessible("case with a reply " + lang);
        browser.clickAndWaitForNewPage("#make-article-" + reply);
        browser.assertAccessible("article draft from a reply " + lang);
        assertThat(browser.find("#body-fi").getAttribute("value")).contains("kirjastokortin saat", "[nimi]", "[puhelinnumero]")
                .doesNotContain("Meikäläinen", "765 4321");
    }

    void login(String username, String lang) {
        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, username, Fixtures.PASSWORD);
    }
}
