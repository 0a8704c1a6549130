package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The language switch in every page's header shows the same page in the other language: with the query the page was
 * read with (a search, the customer a merge is from), without what cannot be read back.
 */
@AspaTest
class LanguageSwitchTest {
    @Autowired StaffPages pages;
    @Autowired Fixtures fixtures;

    static List<String> switches(MockHttpServletResponse response) throws Exception {
        Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
        return page.select("a[hreflang]").eachAttr("href");
    }

    @Test
    void aPageReadWithAQueryKeepsItInEachLanguage() throws Exception {
        fixtures.publicOrganization();
        MockHttpServletResponse search = pages.send(MockMvcRequestBuilders.get(URI.create("/help?q=katu%20valo&lang=fi&type=article")));
        assertThat(switches(search)).containsExactly("/help?q=katu%20valo&type=article&lang=fi",
                "/help?q=katu%20valo&type=article&lang=sv", "/help?q=katu%20valo&type=article&lang=en");
    }

    @Test
    void aBrokenQueryAndAFormsPostSwitchOnThePathAlone() throws Exception {
        fixtures.publicOrganization();
        MockHttpServletResponse broken = pages.send(MockMvcRequestBuilders.get("/help").with(r -> {
            r.setQueryString("q=%ZZ%E4");
            return r;
        }));
        assertThat(broken.getStatus()).isLessThan(500);
        assertThat(switches(broken)).contains("/help?lang=sv");
        MockHttpServletResponse posted = pages.send(MockMvcRequestBuilders.post("/contact").with(csrf())
                .with(r -> { r.setRemoteAddr("192.0.2.91"); return r; }).param("name", "").param("message", ""));
        assertThat(switches(posted)).as("the form's fields are not put in a link").containsExactly("/contact?lang=fi",
                "/contact?lang=sv", "/contact?lang=en");
    }

    @Test
    void aHostileValueIsEncodedInTheLink() throws Exception {
        fixtures.publicOrganization();
        MockHttpServletResponse hostile = pages.send(MockMvcRequestBuilders.get(URI.create(
                "/help?q=%22%3E%3Cscript%3E%7Bx%7D%3C/script%3E%26")));
        assertThat(hostile.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("<script>{x}");
        assertThat(switches(hostile)).first().asString().startsWith("/help?q=%22%3E%3Cscript%3E%7Bx%7D%3C/script%3E%26&lang=");
    }
}
