package fi.aspa.channels.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.Language;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import fi.aspa.search.SearchRebuild;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/search?type=case}: every case of the token's organization is searchable from the moment it is
 * opened and stays current (messages, status); notes never; residents and other organizations never; every search
 * with case hits is in the personal-data access log.
 */
@AspaTest
class SearchApiCasesTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    SearchIndex index;
    @Autowired
    PersonalDataLog accessLog;
    @Autowired
    SearchRebuild rebuild;

    Fixtures.Org org;
    ApiCalls api;
    OpenedCase opened;

    @BeforeEach
    void data() {
        org = fixtures.organization();
        api = new ApiCalls(port, org.apiToken());
        opened = fixtures.aCase(org, "Lumiaura kaatoi postilaatikon", "Aura-auto kaatoi postilaatikkomme Kuusitiellä eilen illalla.");
        cases.addNote(org.id(), opened.id(), Actor.staff(org.agent().id()), "Sisäinen huomio: asiakas soitti myös kunnanjohtajalle.");
        await().atMost(Duration.ofSeconds(30)).until(() -> caseIds("postilaatikko").contains(opened.id().toString()));
    }

    private List<String> caseIds(String q) {
        ApiCalls.Response response = api.get("/api/v1/search?type=case&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("hits").valueStream().map(h -> h.get("id").asString()).toList();
    }

    @Test
    void anOpenedCaseIsFoundWithItsReferenceStatusAndHighlight() {
        ApiCalls.Response response = api.get("/api/v1/search?type=case&q=postilaatikko");
        JsonNode hit = response.json().get("hits").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(opened.id().toString());
        assertThat(hit.get("type").asString()).isEqualTo("case");
        assertThat(hit.get("reference").asString()).isEqualTo(opened.reference());
        assertThat(hit.get("title").asString()).isEqualTo("Lumiaura kaatoi postilaatikon");
        assertThat(hit.get("status").asString()).isEqualTo("NEW");
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(hit.get("snippet").asString()).contains("<mark>");
        // the reference itself finds the case
        assertThat(caseIds(opened.reference())).contains(opened.id().toString());
        // services and articles only, by default
        assertThat(api.get("/api/v1/search?q=postilaatikko").json().get("hits")).isEmpty();
    }

    @Test
    void messagesAndStatusKeepTheCaseCurrent() {
        cases.addCustomerMessage(org.id(), opened.id(), "Lisäksi aidan tolppa vääntyi.", Channel.WEB_FORM, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> caseIds("tolppa").contains(opened.id().toString()));
        cases.reply(org.id(), opened.id(), Actor.staff(org.agent().id()), "Korvaushakemus lähetetään katuyksikölle.", CaseStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> caseIds("korvaushakemus").contains(opened.id().toString()));
        JsonNode hit = api.get("/api/v1/search?type=case&q=korvaushakemus").json().get("hits").get(0);
        assertThat(hit.get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void notesAreNeverSearchable() {
        // the note was written before the case was found in the set-up: it would have been indexed with it
        cases.addCustomerMessage(org.id(), opened.id(), "Kiitos nopeasta vastauksesta.", Channel.WEB_FORM, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> caseIds("vastauksesta").contains(opened.id().toString()));
        assertThat(caseIds("kunnanjohtajalle")).isEmpty();
        assertThat(caseIds("huomio")).isEmpty();
    }

    @Test
    void everySearchWithCaseHitsIsInTheAccessLog() {
        int before = logged().size();
        assertThat(caseIds("postilaatikko")).isNotEmpty();
        List<PersonalDataLog.Entry> after = logged();
        assertThat(after).hasSize(before + 1);
        PersonalDataLog.Entry entry = after.getFirst();
        assertThat(entry.apiTokenId()).isNotNull();
        assertThat(entry.staffUserId()).isNull();
        assertThat(entry.staffName()).isEqualTo("test");
        assertThat(entry.detail()).contains(opened.reference());
        // a search without case hits logs nothing
        assertThat(caseIds("olematonsanaxyz")).isEmpty();
        assertThat(logged()).hasSize(before + 1);
    }

    private List<PersonalDataLog.Entry> logged() {
        var customer = cases.summary(org.id(), opened.id()).orElseThrow().customerId();
        return accessLog.forCustomer(org.id(), customer, 100).stream().filter(e -> e.purpose().equals(SearchApi.PURPOSE)).toList();
    }

    @Test
    void anotherOrganizationNeverSeesTheCase() {
        Fixtures.Org other = fixtures.organization();
        JsonNode body = api.withToken(other.apiToken()).get("/api/v1/search?type=case&q=postilaatikko").json();
        assertThat(body.get("hits")).isEmpty();
    }

    @Test
    void residentsNeverFindCases() {
        assertThat(new ApiCalls(port, null).get("/api/v1/search?type=case&q=postilaatikko").status()).isEqualTo(401);
        assertThat(index.search(SearchQuery.publicSearch(org.id(), "postilaatikko", Language.FI)).hits()).isEmpty();
        Fixtures.Org help = fixtures.publicOrganization();
        OpenedCase publicCase = fixtures.aCase(help, "Ruohonleikkuri varastettiin", "Ruohonleikkuri varastettiin pihalta.");
        // staff find the case (services whose keywords share its words may rank beside it: only cases are asked for)
        SearchQuery staffCases = SearchQuery.staffSearch(help.id(), "ruohonleikkuri", Language.FI).withTypes(Set.of(DocumentType.CASE));
        await().atMost(Duration.ofSeconds(30)).until(() -> !index.search(staffCases).hits().isEmpty());
        assertThat(index.search(staffCases).hits().getFirst().id()).isEqualTo(publicCase.id().toString());
        String page = new ApiCalls(port, null).get("/help?q=ruohonleikkuri").text();
        assertThat(page).doesNotContain("varastettiin").doesNotContain(publicCase.id().toString());
    }

    @Test
    void aRebuildFromScratchIncludesTheCases() {
        long documents = rebuild.rebuild(org.id());
        assertThat(documents).isPositive();
        assertThat(caseIds("postilaatikko")).containsExactly(opened.id().toString());
        assertThat(caseIds("kunnanjohtajalle")).isEmpty();
    }

    @Test
    void badInputStaysAProblem() {
        for (String query : List.of("?type=case", "?q=x&type=case,person", "?q=x&type=case&lang=de", "?q=x&type=case&limit=51")) {
            ApiCalls.Response response = api.get("/api/v1/search" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(query).startsWith("application/problem+json");
        }
    }
}
