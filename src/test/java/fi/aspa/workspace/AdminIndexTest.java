package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.identity.StaffUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administration page links every settings page, each of which answers an administrator; only administrators
 * see it and its place in the navigation.
 */
@AspaTest
class AdminIndexTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;

    @Test
    void everySectionOpensForAnAdministrator() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        String page = pages.page(admin, "/workspace/admin");
        assertThat(page).contains("<h1>Ylläpito</h1>", "id=\"nav-admin\"", "Henkilötietojen käyttöloki");
        for (AdminIndex.Section s : AdminIndex.SECTIONS) {
            assertThat(page).contains("href=\"" + s.path() + "\"");
            pages.page(admin, s.path()); // 200, or the test fails naming the path
        }
        assertThat(pages.in("sv").page(admin, "/workspace/admin")).contains("<h1>Administration</h1>", "Tjänstekatalog");
    }

    @Test
    void othersAreRefusedAndDoNotSeeTheLink() throws Exception {
        Fixtures.Org org = fixtures.organization();
        assertThat(pages.send(org.manager(), get("/workspace/admin")).getStatus()).isEqualTo(403);
        assertThat(pages.send(org.agent(), get("/workspace/admin")).getStatus()).isEqualTo(403);
        assertThat(pages.page(org.manager(), "/workspace")).doesNotContain("id=\"nav-admin\"");
    }

    @Test
    void theCustomerPageLinksTheCustomersAccessLogForAdministratorsOnly() throws Exception {
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = fixtures.admin(org);
        var opened = fixtures.aCase(org, "Lupa", "Hei");
        String path = "/workspace/customers/" + opened.summary().customerId();
        assertThat(pages.page(admin, path)).contains("href=\"/workspace/admin/access-log?customer=" + opened.summary().customerId() + "\"",
                "Kuka on nähnyt tämän asiakkaan tietoja");
        assertThat(pages.page(org.agent(), path)).doesNotContain("id=\"access-log-link\"");
    }
}
