package fi.aspa.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.platform.LocalizedText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Several organizations on one platform, each with its public pages: a request to an organization's own site
 * ({@code aspa.public.sites}; in tests {@code test-site-b=https://palvelu.site-b.example}) gets that organization's
 * services, contact form and events; any other host the default organization's. Links to the organization's
 * public pages from the workspace and from mails go to its site.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicSitesTest {
    static final String SITE = "https://palvelu.site-b.example";

    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired Catalogue catalogue;
    @Autowired PublicOrganization publicOrganization;
    @Autowired JdbcClient db;

    Fixtures.Org siteB;
    Fixtures.Org defaultOrg;

    @BeforeAll
    void twoOrganizations() {
        siteB = fixtures.organization("test-site-b");
        defaultOrg = fixtures.publicOrganization();
        catalogue.create(siteB.id(), ServiceDraft.simple(new LocalizedText("Siltojen kunto", "Broarnas skick", "Bridges"),
                null, List.of("silta"), siteB.building().id()));
    }

    MockHttpServletResponse at(String base, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(request.with(r -> {
            URI address = URI.create(base);
            r.setServerName(address.getHost());
            r.setScheme(address.getScheme() == null ? "http" : address.getScheme());
            r.setRemoteAddr("192.0.2.77");
            return r;
        }));
    }

    static String html(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void eachSiteShowsItsOwnOrganizationsPublicPages() throws Exception {
        String services = html(at(SITE, MockMvcRequestBuilders.get("/services?q=silta")));
        assertThat(services).contains("Testilä test-site-b", "Siltojen kunto");
        String elsewhere = html(at("http://localhost", MockMvcRequestBuilders.get("/services?q=silta")));
        assertThat(elsewhere).contains("Testilä test-public").doesNotContain("Siltojen kunto", "Testilä test-site-b");
    }

    @Test
    void aContactSentOnASiteBecomesACaseOfItsOrganization() throws Exception {
        String subject = "Silta natisee " + System.nanoTime();
        MockHttpServletResponse sent = at(SITE, MockMvcRequestBuilders.post("/contact").with(csrf())
                .param("name", "Sanna Silta").param("email", "sanna@example.fi").param("language", "fi")
                .param("topic", "general").param("subject", subject).param("message", "Kaide on irti."));
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(db.sql("select organization_id from support_case where subject = ?").param(subject)
                .query(java.util.UUID.class).list()).containsExactly(siteB.id().value());
    }

    @Test
    void anEventIsOnItsOrganizationsSiteAndTheWorkspaceLinksThere() throws Exception {
        MockHttpServletResponse created = pages.send(siteB.manager(), MockMvcRequestBuilders.post("/workspace/events").with(csrf())
                .param("titleFi", "Siltailta").param("titleSv", "Brokväll").param("startsAt", "2030-03-01T18:00")
                .param("endsAt", "2030-03-01T20:00").param("audience", "PUBLIC"));
        assertThat(created.getStatus()).isEqualTo(302);
        String code = db.sql("select code from qna_event where organization_id = ? and title_fi = 'Siltailta'")
                .param(siteB.id().value()).query(String.class).single();

        assertThat(at(SITE, MockMvcRequestBuilders.get("/events/" + code)).getStatus()).isEqualTo(200);
        assertThat(at("http://localhost", MockMvcRequestBuilders.get("/events/" + code)).getStatus())
                .as("not the default organization's event").isEqualTo(404);

        assertThat(pages.page(siteB.manager(), "/workspace/events")).contains("href=\"" + SITE + "/events/" + code + "\"");
        String console = pages.page(siteB.manager(), created.getRedirectedUrl());
        assertThat(console).contains("href=\"" + SITE + "/events/" + code + "\"", "href=\"" + SITE + "/events/" + code + "/screen\"");
        assertThat(pages.send(siteB.agent(), MockMvcRequestBuilders.get("/workspace/events/" + code + "/ask")).getRedirectedUrl())
                .as("a staff link to a public event (a training's pre-assignment)").isEqualTo(SITE + "/events/" + code);
    }

    @Test
    void theDefaultOrganizationsLinksStayOnThisAddress() throws Exception {
        assertThat(publicOrganization.baseUrl(siteB.id())).isEqualTo(SITE);
        assertThat(publicOrganization.baseUrl(defaultOrg.id())).as("aspa.base-url, empty in tests").isEmpty();
        MockHttpServletResponse created = pages.send(defaultOrg.manager(), MockMvcRequestBuilders.post("/workspace/events").with(csrf())
                .param("titleFi", "Kotoilta").param("titleSv", "Hemkväll").param("startsAt", "2030-03-02T18:00")
                .param("endsAt", "2030-03-02T20:00").param("audience", "PUBLIC"));
        String code = db.sql("select code from qna_event where organization_id = ? and title_fi = 'Kotoilta'")
                .param(defaultOrg.id().value()).query(String.class).single();
        assertThat(pages.page(defaultOrg.manager(), created.getRedirectedUrl())).contains("href=\"/events/" + code + "\"");
        assertThat(pages.send(defaultOrg.agent(), MockMvcRequestBuilders.get("/workspace/events/" + code + "/ask")).getRedirectedUrl())
                .isEqualTo("/events/" + code);
        assertThat(pages.send(siteB.agent(), MockMvcRequestBuilders.get("/workspace/events/" + code + "/ask")).getStatus())
                .as("another organization's event").isEqualTo(404);
    }
}
