package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.search.SearchIndex;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * The public help search (issue 6's search features on the resident's side): a typo still finds the article, the
 * matched words are highlighted, and the results can be filtered by type, service and life event with a plain form,
 * in Finnish, Swedish and English.
 */
@AspaTest
class HelpSearchHttpTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Knowledge knowledge;
    @Autowired Catalogue catalogue;
    @Autowired SearchIndex index;
    HelpBotArticles articles;

    @BeforeEach
    void setUp() {
        articles = HelpBotArticles.in(fixtures, knowledge, catalogue, index);
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The results section of a help page (the page also lists articles by life event and service below it). */
    static String results(String page) {
        int start = page.indexOf("id=\"results-title\"");
        assertThat(start).as(page).isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    String search(String lang, String query) {
        HelpClient.Response r = new HelpClient(port, lang).get("/help?q=" + q(query));
        assertThat(r.status()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(r.body());
    }

    @Test
    void aTypoStillFindsTheArticleAndTheMatchedWordsAreHighlighted() {
        String fi = results(search("fi", "venepaikn vuokrakausi"));
        assertThat(fi).contains(">Venepaikan vuokraaminen</a>").contains("<mark>");
        String sv = results(search("sv", "båtplatsn hyresperioden"));
        assertThat(sv).contains(">Att hyra båtplats</a>").contains("<mark>");
    }

    @Test
    void theResultsCanBeFilteredByTypeServiceAndLifeEvent() {
        String all = search("fi", "venepaikka");
        assertThat(all).contains("Rajaa tuloksia")
                .containsPattern("<legend>Tyyppi</legend>")
                .containsPattern("<label for=\"type-ARTICLE\"><span>Ohje</span> \\(<span>\\d+</span>\\)</label>")
                .containsPattern("<option value=\"" + articles.harbour.id() + "\">Venesatama \\(\\d+\\)</option>")
                .containsPattern("<option value=\"" + HelpBotArticles.BOATING + "\">Veneily \\(\\d+\\)</option>");

        String byService = results(HtmlUtils.htmlUnescape(new HelpClient(port, "fi")
                .get("/help?q=venepaikka&fService=" + articles.harbour.id()).body()));
        assertThat(byService).contains(">Venepaikan vuokraaminen</a>")
                .contains("<option value=\"" + articles.harbour.id() + "\" selected=\"selected\">")
                .contains(">Poista rajaukset</a>");

        String services = results(HtmlUtils.htmlUnescape(new HelpClient(port, "fi").get("/help?q=venepaikka&type=SERVICE").body()));
        assertThat(services).doesNotContain(">Venepaikan vuokraaminen</a>").contains(">Venesatama</a>")
                .contains("id=\"type-SERVICE\" name=\"type\" value=\"SERVICE\" checked=\"checked\"");

        String byEvent = results(HtmlUtils.htmlUnescape(new HelpClient(port, "sv")
                .get("/help?q=" + q("båtplats") + "&fLifeEvent=" + q(HelpBotArticles.BOATING)).body()));
        assertThat(byEvent).contains(">Att hyra båtplats</a>").contains("Avgränsa resultaten").contains("Båtliv");

        String elsewhere = results(HtmlUtils.htmlUnescape(new HelpClient(port, "fi")
                .get("/help?q=venepaikka&fLifeEvent=" + q("urn:test:helpbot:nothing")).body()));
        assertThat(elsewhere).doesNotContain(">Venepaikan vuokraaminen</a>");
    }

    @Test
    void inEnglishTheFiltersAreInEnglish() {
        String en = search("en", "boat berth rental season");
        assertThat(en).contains(">Renting a boat berth</a>").contains("<mark>").contains("Filter the results").contains("All types")
                .containsPattern("<option value=\"" + HelpBotArticles.BOATING + "\">Boating \\(\\d+\\)</option>");
    }
}
