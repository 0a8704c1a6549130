package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A unit manager edits the profiles of their own unit's staff (an administrator anyone's in the organization); every
 * such change is in the profile's change log; a manager of another unit, a plain agent and another organization are
 * refused; only the owner's own save confirms the profile.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerEditsProfileTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffingStore store;
    @Autowired Catalogue catalogue;
    @Autowired Staff staff;
    @Autowired StaffPages pages;

    Fixtures.Org org;
    StaffUser buildingManager;
    StaffUser admin;
    UUID parking;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
        String slug = org.organization().slug();
        buildingManager = staff.create(org.id(), org.building().id(), slug + "-bmanager", "Birgitta Chef", null, Fixtures.PASSWORD,
                EnumSet.of(Role.UNIT_MANAGER), Language.SV);
        admin = staff.create(org.id(), null, slug + "-admin", "Anna Admin", null, Fixtures.PASSWORD, EnumSet.of(Role.ADMIN), Language.FI);
        parking = catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Pysäköintitunnus", null, null),
                null, List.of("pysäköinti"), org.service().id())).id();
    }

    MockHttpServletResponse send(StaffUser u, MockHttpServletRequestBuilder request) throws Exception {
        return pages.send(u, request);
    }

    String profileOf(StaffUser u) {
        return "/workspace/people/" + u.id() + "/profile";
    }

    @Test
    void theManagerOfTheUnitEditsAProfileAndTheChangeIsLogged() throws Exception {
        StaffUser agent = org.agent(); // the customer service unit, managed by org.manager()
        String page = send(org.manager(), get(profileOf(agent))).getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Profiili: " + agent.displayName(), "action=\"" + profileOf(agent) + "\"")
                .doesNotContain("id=\"confirm-button\"");
        assertThat(send(org.manager(), get("/workspace/people/" + agent.id())).getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"edit-profile\"");

        MockHttpServletResponse saved = send(org.manager(), post(profileOf(agent)).with(csrf()).param("job", "Pysäköinnin neuvonta")
                .param("language", "fi").param("language", "sv").param("day", "1").param("day", "2").param("start", "8:00").param("end", "16:00"));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo(profileOf(agent));
        assertThat(send(org.manager(), post(profileOf(agent) + "/expertise").with(csrf()).param("service", parking.toString())
                .param("level", "EXPERT")).getStatus()).isEqualTo(302);
        LocalDate day = LocalDate.now().plusDays(20);
        assertThat(send(org.manager(), post(profileOf(agent) + "/absences").with(csrf()).param("first", day.toString())).getStatus())
                .isEqualTo(302);

        Profile profile = store.profile(org.id(), agent.id(), "fi");
        assertThat(profile.jobDescription()).isEqualTo("Pysäköinnin neuvonta");
        assertThat(profile.languages()).containsExactly("fi", "sv");
        assertThat(profile.expertise()).containsEntry(parking, Level.EXPERT);
        assertThat(profile.absences()).singleElement().satisfies(a -> assertThat(a.firstDay()).isEqualTo(day));
        assertThat(profile.confirmedAt()).as("only the owner confirms").isNull();

        assertThat(store.changes(org.id(), agent.id(), 10)).extracting(StaffingStore.Change::what)
                .containsExactly("ABSENCE_ADDED", "EXPERTISE_SET", "DETAILS");
        assertThat(store.changes(org.id(), agent.id(), 10)).allSatisfy(c -> assertThat(c.changedBy()).isEqualTo(org.manager().id()));
        assertThat(send(agent, get("/workspace/profile")).getContentAsString(StandardCharsets.UTF_8))
                .as("the owner sees who changed the profile").contains("Muiden tekemät muutokset", org.manager().displayName(),
                        "poissaolo lisätty");

        // a form filled in wrongly comes back on the colleague's page, with the error summary
        String bad = send(org.manager(), post(profileOf(agent)).with(csrf()).param("job", "x").param("language", "fi")
                .param("start", "8:00").param("end", "7:00")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("<title>Virhe:", "aria-invalid=\"true\"", "action=\"" + profileOf(agent) + "\"");
        assertThat(store.changes(org.id(), agent.id(), 10)).hasSize(3);
    }

    @Test
    void anAdministratorEditsAnyoneInTheOrganization() throws Exception {
        StaffUser builder = org.colleague();
        assertThat(send(admin, post(profileOf(builder) + "/expertise").with(csrf()).param("service", parking.toString())
                .param("level", "CAN_HANDLE")).getStatus()).isEqualTo(302);
        assertThat(store.profile(org.id(), builder.id(), "sv").expertise()).containsEntry(parking, Level.CAN_HANDLE);
        assertThat(store.changes(org.id(), builder.id(), 10)).singleElement()
                .satisfies(c -> assertThat(c.changedBy()).isEqualTo(admin.id()));
        // the owner's own changes are not "changes by others"
        assertThat(send(builder, post("/workspace/profile/expertise/" + parking + "/delete").with(csrf())).getStatus()).isEqualTo(302);
        assertThat(store.changes(org.id(), builder.id(), 10)).hasSize(1);
        // removing what is not there (removed already, or another organization's service) is not found and not noted
        assertThat(send(admin, post(profileOf(builder) + "/expertise/" + parking + "/delete").with(csrf())).getStatus()).isEqualTo(404);
        assertThat(store.changes(org.id(), builder.id(), 10)).hasSize(1);
    }

    @Test
    void aManagerOfAnotherUnitAnAgentAndAnotherOrganizationAreRefused() throws Exception {
        StaffUser agent = org.agent();
        // the building control manager may not touch customer service staff
        assertThat(send(buildingManager, get(profileOf(agent))).getStatus()).isEqualTo(403);
        assertThat(send(buildingManager, post(profileOf(agent)).with(csrf()).param("job", "Ei näin").param("language", "fi")
                .param("day", "1").param("start", "8:00").param("end", "16:00")).getStatus()).isEqualTo(403);
        assertThat(send(buildingManager, post(profileOf(agent) + "/expertise").with(csrf()).param("service", parking.toString())
                .param("level", "EXPERT")).getStatus()).isEqualTo(403);
        assertThat(send(buildingManager, get("/workspace/people/" + agent.id())).getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain("id=\"edit-profile\"");
        // a colleague without the manager role, in the same unit
        StaffUser peer = staff.create(org.id(), org.service().id(), org.organization().slug() + "-peer", "Pekka Peer", null,
                Fixtures.PASSWORD, EnumSet.of(Role.AGENT), Language.FI);
        assertThat(send(peer, post(profileOf(agent) + "/absences").with(csrf()).param("first", LocalDate.now().plusDays(3).toString()))
                .getStatus()).isEqualTo(403);
        // another organization's administrator does not even find the person
        Fixtures.Org other = fixtures.organization();
        StaffUser otherAdmin = staff.create(other.id(), null, other.organization().slug() + "-admin", "Olli Admin", null,
                Fixtures.PASSWORD, EnumSet.of(Role.ADMIN), Language.FI);
        assertThat(send(otherAdmin, get(profileOf(agent))).getStatus()).isEqualTo(404);

        assertThat(store.profile(org.id(), agent.id(), "fi").jobDescription()).isNotEqualTo("Ei näin");
        assertThat(store.changes(org.id(), agent.id(), 10)).noneSatisfy(c ->
                assertThat(c.changedBy()).isIn(buildingManager.id(), peer.id(), otherAdmin.id()));
    }
}
