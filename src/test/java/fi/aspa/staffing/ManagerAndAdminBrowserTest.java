package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.browser.Browser;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real Chromium, in Finnish and Swedish, with the axe WCAG 2.1 A/AA scan at every step: a unit manager edits a
 * colleague's profile (an error first, then rightly), and an administrator makes a service internal in the directory.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerAndAdminBrowserTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Staff staff;
    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    void login(StaffUser user, String lang) {
        browser.driver().manage().deleteAllCookies();
        browser.logIn(lang, user.username(), Fixtures.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void aManagerEditsAColleaguesProfile(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        login(org.manager(), lang);
        browser.open("/workspace/people/" + org.agent().id() + "?lang=" + lang).assertAccessible("colleague " + lang);
        browser.clickAndWaitForNewPage("#edit-profile");
        browser.waitFor("#editing-other");
        browser.assertAccessible("colleague's profile " + lang);
        assertThat(browser.text("h1")).contains(org.agent().displayName());

        browser.type("#work-start", "16:00").type("#work-end", "8:00").clickAndWaitForNewPage("#details button[type=submit]");
        browser.waitFor(".error-summary");
        browser.assertAccessible("colleague's profile with errors " + lang);
        assertThat(browser.title()).startsWith(fi ? "Virhe:" : "Fel:");

        browser.type("#work-start", "8:00").type("#work-end", "16:00").clickAndWaitForNewPage("#details button[type=submit]");
        browser.waitFor("#notice");
        browser.assertAccessible("colleague's profile saved " + lang);
        assertThat(browser.text("#changes")).contains(org.manager().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void anAdministratorMakesAServiceInternal(String lang) {
        boolean fi = lang.equals("fi");
        Fixtures.Org org = fixtures.organization();
        StaffUser admin = staff.create(org.id(), org.service().id(), org.organization().slug() + "-admin", "Anna Admin", null,
                Fixtures.PASSWORD, EnumSet.of(Role.ADMIN), Language.FI);
        UUID hr = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Henkilöstöpalvelut", "Personaltjänster", "HR services"),
                new LocalizedText("Palkat ja lomat", "Löner och semestrar", null), List.of("palkka", "lön"), org.building().id())).id();
        login(admin, lang);
        browser.open("/workspace/directory?lang=" + lang);
        browser.type("#q", fi ? "henkilöstöpalvelut" : "personaltjänster").clickAndWaitForNewPage("form[role=search] button[type=submit]");
        browser.waitFor(".directory-hit");
        browser.assertAccessible("directory as admin " + lang);
        assertThat(browser.text("#visibility-" + hr)).isEqualTo(fi ? "Asukkaat ja henkilöstö" : "Invånare och personal");

        browser.click("#vis-internal-" + hr).clickAndWaitForNewPage("#save-visibility-" + hr);
        browser.waitFor("#notice");
        browser.assertAccessible("directory visibility saved " + lang);
        assertThat(browser.text("#visibility-" + hr)).isEqualTo(fi ? "Vain henkilöstö (sisäinen palvelu)" : "Endast personal (intern tjänst)");
        assertThat(catalogue.find(org.id(), hr).orElseThrow().internal()).isTrue();
    }
}
