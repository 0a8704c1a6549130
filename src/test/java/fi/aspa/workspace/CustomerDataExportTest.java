package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's request to see their data: a unit manager downloads everything the organization holds on them (record,
 * contact points, every case with messages, notes and file names), only theirs and only this organization's; the
 * download is a logged view; agents are refused.
 */
@AspaTest
class CustomerDataExportTest {
    @Autowired Fixtures fixtures;
    @Autowired StaffPages pages;
    @Autowired Customers customers;
    @Autowired Cases cases;
    @Autowired PersonalDataLog log;
    @Autowired JsonMapper json;

    @Test
    void aManagerDownloadsAllTheOrganizationHoldsOnTheCustomer() throws Exception {
        Fixtures.Org org = fixtures.organization();
        Fixtures.Org other = fixtures.organization();
        UUID henna = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Henna Hetullinen", "henna@example.fi",
                "040 123 4567", "010180-1232", null, null, Language.FI, true));
        UUID someoneElse = customers.resolve(org.id(), ContactDetails.resident("Toinen Asiakas", "toinen@example.fi", null, Language.FI));
        OpenedCase first = cases.open(org.id(), new NewCase(Channel.WEB_FORM, henna, "Pysäköintilupa", "Tarvitsen luvan.", Language.FI,
                "general", org.service().id(), null, Set.of("lupa"), List.of(new NewAttachment("liite.txt", "hei".getBytes(StandardCharsets.UTF_8))),
                Actor.customer()));
        cases.reply(org.id(), first.id(), Actor.staff(org.agent().id()), "Lupa on myönnetty.", CaseStatus.RESOLVED);
        cases.addNote(org.id(), first.id(), Actor.staff(org.agent().id()), "Sisäinen huomio");
        OpenedCase second = cases.open(org.id(), new NewCase(Channel.EMAIL, henna, "Toinen asia", "Kysymys", Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));
        cases.open(org.id(), new NewCase(Channel.WEB_FORM, someoneElse, "Ei kuulu Hennalle", "Muu", Language.FI,
                null, org.service().id(), null, Set.of(), List.of(), Actor.customer()));

        MockHttpServletResponse response = pages.send(org.manager(), get("/workspace/customers/" + henna + "/export"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getHeader("Content-Disposition")).contains("attachment", "customer-" + henna + ".json");
        JsonNode export = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(export.path("customer").path("name").asString()).isEqualTo("Henna Hetullinen");
        assertThat(export.path("customer").path("personalIdentityCode").asString()).isEqualTo("010180-1232");
        assertThat(export.path("customer").path("contactPoints").toString()).contains("henna@example.fi", "+358401234567");
        assertThat(export.path("cases")).hasSize(2);
        JsonNode permit = export.path("cases").get(0);
        assertThat(permit.path("reference").asString()).isEqualTo(first.reference());
        assertThat(permit.path("tags").toString()).contains("lupa");
        assertThat(permit.path("messages").toString()).contains("Tarvitsen luvan.", "Lupa on myönnetty.", "Sisäinen huomio",
                "\"INBOUND\"", "\"OUTBOUND\"", "\"NOTE\"", "liite.txt");
        assertThat(permit.path("history").toString()).contains("STATUS_CHANGED");
        assertThat(export.path("cases").get(1).path("reference").asString()).isEqualTo(second.reference());
        assertThat(export.toString()).doesNotContain("Ei kuulu Hennalle");

        assertThat(log.forCustomer(org.id(), henna, 1)).first()
                .satisfies(e -> assertThat(e.purpose()).isEqualTo(CustomerDataExport.PURPOSE));
        assertThat(pages.page(org.manager(), "/workspace/customers/" + henna)).contains("id=\"export-link\"");
        assertThat(pages.page(org.agent(), "/workspace/customers/" + henna)).doesNotContain("id=\"export-link\"");

        assertThat(pages.send(org.agent(), get("/workspace/customers/" + henna + "/export")).getStatus()).isEqualTo(403);
        assertThat(pages.send(other.manager(), get("/workspace/customers/" + henna + "/export")).getStatus()).isEqualTo(404);
        assertThat(pages.send(org.manager(), get("/workspace/customers/not-an-id/export")).getStatus()).isEqualTo(404);
    }
}
