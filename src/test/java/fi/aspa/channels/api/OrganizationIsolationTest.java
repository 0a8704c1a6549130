package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.Fixtures.Org;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Organization A's token sees nothing of organization B: B's cases answer 404 exactly like cases that do not
 * exist, never appear in A's lists, and cannot be changed; and the modules below refuse the same.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationIsolationTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    Organizations organizations;

    Org a;
    Org b;
    ApiCalls asA;
    UUID customerOfB;
    OpenedCase caseOfB;
    UUID attachmentOfB;
    String caseOfA;

    @BeforeAll
    void twoOrganizations() {
        a = fixtures.organization();
        // B numbers its cases with its own prefix, so that B's reference is not also one of A's
        String slugOfB = "iso-b-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.create(slugOfB, new LocalizedText("Bee", "Bee", "Bee"), "BEE");
        b = fixtures.organization(slugOfB);
        asA = new ApiCalls(port, a.apiToken());
        customerOfB = customers.resolve(b.id(), new ContactDetails(fi.aspa.customer.CustomerKind.PERSON, "Bea Bertilsson",
                "bea@example.se", null, "131052-308T", null, null, Language.SV, true));
        caseOfB = cases.open(b.id(), new NewCase(Channel.WEB_FORM, customerOfB, "B:n salainen asia", "Salasana eristys-kirahvi",
                Language.SV, null, b.service().id(), null, Set.of("salainen"),
                List.of(new NewAttachment("b.txt", "B:n tiedosto".getBytes(StandardCharsets.UTF_8))), Actor.customer()));
        attachmentOfB = cases.detail(b.id(), caseOfB.id()).orElseThrow().messages().get(0).attachments().get(0).id();
        caseOfA = asA.createCase("A:n asia", "eristys-kirahvi myös täällä", a.service().id()).get("id").asString();
    }

    @Test
    void aCannotReadBsCase() {
        String path = "/api/v1/cases/" + caseOfB.id();
        String unknown = "/api/v1/cases/" + UUID.randomUUID();
        assertThat(asA.get(path).problem(404).get("detail").asString())
                .isEqualTo(asA.get(unknown).problem(404).get("detail").asString());
        assertThat(caseOfB.reference()).startsWith("BEE-");
        asA.get("/api/v1/cases/by-reference/" + caseOfB.reference()).problem(404);
        // the same number under A's prefix is A's own case, if any, never B's
        ApiCalls.Response sameNumber = asA.get("/api/v1/cases/by-reference/" + caseOfB.reference().replace("BEE-", "ASPA-"));
        if (sameNumber.status() == 200) assertThat(sameNumber.json().get("id").asString()).isNotEqualTo(caseOfB.id().toString());
        else sameNumber.problem(404);
        asA.get(path + "/attachments/" + attachmentOfB).problem(404);
        asA.get("/api/v1/cases/" + caseOfA + "/attachments/" + attachmentOfB).problem(404);
        UUID messageOfB = cases.detail(b.id(), caseOfB.id()).orElseThrow().messages().get(0).id();
        asA.get(path + "/messages/" + messageOfB).problem(404);
        asA.get("/api/v1/cases/" + caseOfA + "/messages/" + messageOfB).problem(404);
    }

    @Test
    void aNeverListsBsCases() {
        String b = caseOfB.id().toString();
        assertThat(asA.get("/api/v1/cases?size=200").ids()).contains(caseOfA).doesNotContain(b);
        assertThat(asA.get("/api/v1/cases?q=eristys-kirahvi").ids()).containsExactly(caseOfA);
        assertThat(asA.get("/api/v1/cases?q=" + caseOfB.reference()).ids()).doesNotContain(b);
        assertThat(asA.get("/api/v1/cases?customerId=" + customerOfB).ids()).isEmpty();
        assertThat(asA.get("/api/v1/cases?unitId=" + this.b.service().id()).ids()).isEmpty();
        assertThat(asA.get("/api/v1/cases?tag=salainen").ids()).isEmpty();
        assertThat(asA.get("/api/v1/units").text()).doesNotContain(this.b.service().id().toString());
    }

    @Test
    void aCannotChangeBsCase() {
        String path = "/api/v1/cases/" + caseOfB.id();
        asA.post(path + "/messages", Map.of("kind", "REPLY", "body", "A vastaa")).problem(404);
        asA.post(path + "/messages", Map.of("kind", "NOTE", "body", "A merkitsee")).problem(404);
        asA.post(path + "/messages", Map.of("kind", "CUSTOMER", "body", "A asiakkaana")).problem(404);
        asA.post(path + "/status", Map.of("status", "RESOLVED")).problem(404);
        asA.put(path + "/tags", Map.of("tags", List.of("a"))).problem(404);
        asA.put(path + "/priority", Map.of("priority", "URGENT")).problem(404);
        asA.put(path + "/assignee", Map.of("assigneeId", a.agent().id().toString())).problem(404);
        asA.put(path + "/assignee", Map.of("assigneeId", b.agent().id().toString())).problem(404);
        asA.post(path + "/transfer", Map.of("unitId", a.building().id().toString())).problem(404);
        asA.post(path + "/transfer", Map.of("unitId", b.building().id().toString())).problem(404);

        CaseDetail untouched = cases.detail(b.id(), caseOfB.id()).orElseThrow();
        assertThat(untouched.messages()).hasSize(1);
        assertThat(untouched.history()).hasSize(1);
        assertThat(untouched.summary().status().name()).isEqualTo("NEW");
        assertThat(untouched.summary().tags()).containsExactly("salainen");
        assertThat(untouched.summary().unitId()).isEqualTo(b.service().id());
        assertThat(untouched.summary().assigneeId()).isNull();
    }

    @Test
    void aCannotUseBsUnitsOrStaffOnItsOwnCases() {
        String path = "/api/v1/cases/" + caseOfA;
        asA.put(path + "/assignee", Map.of("assigneeId", b.agent().id().toString())).problem(422);
        asA.post(path + "/transfer", Map.of("unitId", b.building().id().toString())).problem(422);
        asA.post("/api/v1/cases", Map.of("customer", Map.of("name", "X"), "subject", "s", "body", "b",
                "unitId", b.service().id().toString())).problem(422);
        assertThat(cases.summary(a.id(), UUID.fromString(caseOfA)).orElseThrow().unitId()).isEqualTo(a.service().id());
    }

    @Test
    void theSameIdentityCodeInAnotherOrganizationIsAnotherCustomer() {
        String created = asA.post("/api/v1/cases", Map.of("customer", Map.of("name", "Bea", "personalId", "131052-308T"),
                "subject", "s", "body", "b")).json().get("customerId").asString();
        assertThat(created).isNotEqualTo(customerOfB.toString());
        assertThat(customers.find(b.id(), customerOfB).orElseThrow().name()).isEqualTo("Bea Bertilsson");
    }

    @Test
    void theModulesRefuseTheOtherOrganizationToo() {
        assertThat(cases.detail(a.id(), caseOfB.id())).isEmpty();
        assertThat(cases.summary(a.id(), caseOfB.id())).isEmpty();
        assertThat(cases.idByReference(a.id(), caseOfB.reference())).isEmpty();
        assertThat(cases.attachment(a.id(), caseOfB.id(), attachmentOfB)).isEmpty();
        assertThat(cases.timeline(a.id(), customerOfB, 100)).isEmpty();
        assertThat(cases.list(a.id(), CaseFilter.all(), CaseSort.UPDATED_DESC, 0, 200).items())
                .noneMatch(c -> c.id().equals(caseOfB.id()));
        assertThat(customers.find(a.id(), customerOfB)).isEmpty();
        assertThat(customers.names(a.id(), List.of(customerOfB))).isEmpty();
        // and the right organization does see them: the refusals above are not vacuous
        assertThat(cases.detail(b.id(), caseOfB.id())).isPresent();
        assertThat(customers.find(b.id(), customerOfB)).isPresent();
        assertThat(cases.attachment(b.id(), caseOfB.id(), attachmentOfB)).isPresent();
    }
}
