package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerMerge;
import fi.aspa.customer.Customers;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Undoing a merge over HTTP: only a manager (or an administrator) is offered it and may do it, the confirmation page
 * asks why (an empty reason is an error on the field), and afterwards the merged customer has its own page again and
 * the survivor's merge log says who undid the merge and why.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerUnmergeHttpTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired StaffPages pages;

    Fixtures.Org org;

    @BeforeAll
    void setUp() {
        org = fixtures.organization();
    }

    RequestPostProcessor as(StaffUser staff) {
        return pages.as(staff);
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request, String language) throws Exception {
        return pages.in(language).send(request);
    }

    static String email() {
        return "n" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
    }

    @Test
    void aManagerUndoesAMergeAfterSayingWhyAndAnAgentCannot() throws Exception {
        UUID a = customers.resolve(org.id(), ContactDetails.resident("Ville Virtanen", email(), null, Language.FI));
        UUID b = customers.resolve(org.id(), ContactDetails.resident("Ville V.", email(), null, Language.FI));
        OpenedCase bCase = cases.open(org.id(), new NewCase(Channel.WEB_FORM, b, "Asia", "Viesti", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        CustomerMerge merge = customers.merge(org.id(), org.agent().id(), a, b, "Sama nimi");
        String undo = "/workspace/customers/" + a + "/merges/" + merge.id() + "/undo";

        String agentPage = send(get("/workspace/customers/" + a).with(as(org.agent())), "fi").getContentAsString(StandardCharsets.UTF_8);
        assertThat(agentPage).contains("Sama nimi").doesNotContain(undo);
        assertThat(send(get(undo).with(as(org.agent())), "fi").getStatus()).isEqualTo(403);
        assertThat(send(post(undo).with(as(org.agent())).with(csrf()).param("reason", "x"), "fi").getStatus()).isEqualTo(403);
        assertThat(send(post(undo).with(as(org.manager())).param("reason", "x"), "fi").getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(customers.current(org.id(), b)).contains(a);

        String managerPage = send(get("/workspace/customers/" + a).with(as(org.manager())), "sv").getContentAsString(StandardCharsets.UTF_8);
        assertThat(managerPage).contains(undo).contains("Ångra sammanslagningen av kunden Ville V.");
        MockHttpServletResponse confirm = send(get(undo).with(as(org.manager())), "fi");
        assertThat(confirm.getStatus()).isEqualTo(200);
        assertThat(confirm.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Peru yhdistäminen", "id=\"unmerge-reason\"");

        MockHttpServletResponse empty = send(post(undo).with(as(org.manager())).with(csrf()).param("reason", " "), "sv");
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(empty.getContentAsString(StandardCharsets.UTF_8)).contains("<title>Fel:", "href=\"#unmerge-reason\"",
                "aria-invalid=\"true\"", "Skriv varför sammanslagningen ångras.");
        assertThat(customers.current(org.id(), b)).contains(a);

        MockHttpServletResponse done = send(post(undo).with(as(org.manager())).with(csrf()).param("reason", "Eri henkilöt"), "fi");
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/workspace/customers/" + a + "#merges");
        assertThat(customers.current(org.id(), b)).contains(b);
        assertThat(cases.summary(org.id(), bCase.id()).orElseThrow().customerId()).isEqualTo(b);

        String after = send(get("/workspace/customers/" + a).with(as(org.agent())), "fi").getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("perui yhdistämisen", "Eri henkilöt", "/workspace/customers/" + b).doesNotContain(undo);
        assertThat(send(get("/workspace/customers/" + b).with(as(org.agent())), "fi").getStatus()).as("its own page again").isEqualTo(200);
        assertThat(send(get(undo).with(as(org.manager())), "fi").getStatus()).as("undone: nothing to undo").isEqualTo(404);
    }
}
