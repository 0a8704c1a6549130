package fi.aspa.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PTV import and export on real PostgreSQL: the whole national file, re-import, bad lines, round trip. */
@AspaTest
class PtvImportTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Fixtures fixtures;
    @Autowired
    Catalogue catalogue;

    static byte[] nationalFile() throws IOException {
        try (InputStream in = PtvImportTest.class.getResourceAsStream("/data/ptv-services.jsonl")) {
            return in.readAllBytes();
        }
    }

    static List<String> lines(byte[] file) {
        return new String(file, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void importsAllNationalServicesAndReimportUpdatesInsteadOfDuplicating() throws IOException {
        Fixtures.Org org = fixtures.organization();
        PtvImportReport first = catalogue.importPtv(org.id(), new ByteArrayInputStream(nationalFile()));
        assertThat(first.skipped()).isEmpty();
        assertThat(first.imported()).isEqualTo(458);
        assertThat(first.updated()).isZero();
        assertThat(catalogue.list(org.id())).hasSize(458);

        CatalogueService rental = catalogue.byPtvId(org.id(), UUID.fromString("0069c15e-4ec6-4bd2-b1eb-a771b889b10c")).orElseThrow();
        assertThat(rental.name().fi()).isEqualTo("Kunnan vuokra-asunnot");
        assertThat(rental.name().sv()).isEqualTo("Kommunens hyresbostäder");
        assertThat(rental.source()).isEqualTo(CatalogueService.Source.PTV);

        // what only Aspa knows survives a re-import
        catalogue.update(org.id(), rental.id(), new ServiceDraft(rental.name(), rental.summary(), rental.description(),
                rental.instructions(), List.of("vuokra-asunto"), rental.serviceClasses(), rental.targetGroups(),
                rental.lifeEvents(), rental.ontologyTerms(), org.service().id(),
                List.of(new ServicePerson(org.agent().id(), ServicePerson.Role.RESPONSIBLE)),
                java.util.Set.of(ServiceChannel.PHONE), null, rental.ptvId(), rental.referenceCode(), rental.serviceType(),
                rental.chargeType()));

        PtvImportReport again = catalogue.importPtv(org.id(), new ByteArrayInputStream(nationalFile()));
        assertThat(again.imported()).isZero();
        assertThat(again.updated()).isEqualTo(458);
        assertThat(again.skipped()).isEmpty();
        assertThat(catalogue.list(org.id())).hasSize(458);
        CatalogueService after = catalogue.find(org.id(), rental.id()).orElseThrow();
        assertThat(after.unitId()).isEqualTo(org.service().id());
        assertThat(after.people()).containsExactly(new ServicePerson(org.agent().id(), ServicePerson.Role.RESPONSIBLE));
        assertThat(after.channels()).containsExactly(ServiceChannel.PHONE);
        assertThat(after.keywords()).containsExactly("vuokra-asunto");

        assertThat(catalogue.concepts(org.id(), ConceptKind.LIFE_EVENT)).extracting(c -> c.concept().label().fi())
                .contains("Lapsen saaminen", "Talon rakentaminen");
        ConceptCount building = catalogue.concepts(org.id(), ConceptKind.LIFE_EVENT).stream()
                .filter(c -> c.concept().label().fi().equals("Talon rakentaminen")).findFirst().orElseThrow();
        assertThat(building.concept().label().sv()).isEqualTo("Att bygga hus");
        assertThat(catalogue.byLifeEvent(org.id(), building.concept().uri())).hasSize(building.services());

        // another organization sees none of it
        assertThat(catalogue.list(fixtures.organization().id())).isEmpty();
    }

    @Test
    void malformedLinesAreSkippedWithTheReasonAndTheRestImports() throws IOException {
        Fixtures.Org org = fixtures.organization();
        List<String> good = lines(nationalFile()).subList(0, 5);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        write(file, good.get(0));                                                          // 1 ok
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000001\", \"name\": {\"fi\": \"Rikki\"");  // 2 broken JSON
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000002\", \"name\": {\"sv\": \"Bara svenska\"}}"); // 3 no fi name
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000003\", \"name\": \"Pelkkä merkkijono\"}");   // 4 wrong type
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000004\", \"name\": {\"fi\": \"Kohderyhmä väärin\"}, \"targetGroups\": {\"uri\": \"x\"}}"); // 5
        write(file, "[1, 2, 3]");                                                          // 6 not an object
        file.write(new byte[]{'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'}); // 7 bad UTF-8
        write(file, good.get(1));                                                          // 8 ok
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        file.write("{\"id\": \"6a0b9c2e-0000-4000-8000-000000000005\", \"name\": {\"fi\": \"".getBytes(StandardCharsets.UTF_8));
        file.write(huge);
        write(file, "\"}}");                                                               // 9 5 MB line
        write(file, "{\"id\": \"not-a-uuid\", \"name\": {\"fi\": \"Väärä tunniste\"}}");   // 10 bad id
        write(file, "");                                                                   // blank: ignored
        write(file, good.get(2));                                                          // 12 ok
        file.write(good.get(3).getBytes(StandardCharsets.UTF_8));                          // 13 ok, no final newline

        PtvImportReport report = catalogue.importPtv(org.id(), new ByteArrayInputStream(file.toByteArray()));

        assertThat(report.imported()).isEqualTo(4);
        assertThat(report.updated()).isZero();
        assertThat(report.skipped()).extracting(PtvImportReport.Skipped::line).containsExactly(2, 3, 4, 5, 6, 7, 9, 10);
        assertThat(report.skipped().get(0).reason()).startsWith("malformed JSON");
        assertThat(report.skipped()).extracting(PtvImportReport.Skipped::code).containsExactly("malformed-json",
                "missing-finnish-name", "unknown-structure", "unknown-structure", "not-an-object", "not-utf-8", "line-too-long", "bad-id");
        assertThat(report.skipped().get(1).reason()).isEqualTo("missing Finnish name");
        assertThat(report.skipped().get(1).ptvId()).isEqualTo("6a0b9c2e-0000-4000-8000-000000000002");
        assertThat(report.skipped().get(2).reason()).isEqualTo("unknown structure: name is not an object of languages");
        assertThat(report.skipped().get(3).reason()).isEqualTo("unknown structure: targetGroups is not a list");
        assertThat(report.skipped().get(4).reason()).isEqualTo("unknown structure: a line must be a JSON object");
        assertThat(report.skipped().get(5).reason()).isEqualTo("not valid UTF-8");
        assertThat(report.skipped().get(6).reason()).isEqualTo("line longer than 1 MB");
        assertThat(report.skipped().get(7).reason()).isEqualTo("PTV id is not a UUID");
        assertThat(catalogue.list(org.id())).hasSize(4);
    }

    @Test
    void aLineTheCatalogueRefusesIsSkippedAndTheLinesAroundItStay() throws IOException {
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id());
        List<String> good = lines(nationalFile()).subList(0, 2);
        String keywords = String.join(", ", java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "\"k" + i + "\"").toList());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        write(file, good.get(0));                                                                                  // 1 ok
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000011\", \"name\": {\"fi\": \"Koodi\"}, \"open311Code\": \"171\"}"); // 2
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000012\", \"name\": {\"fi\": \"Nolla\\u0000merkki\"}}");        // 3
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000013\", \"name\": {\"fi\": \"Sanat\"}, \"keywords\": [" + keywords + "]}"); // 4
        write(file, "{\"id\": \"6a0b9c2e-0000-4000-8000-000000000014\", \"name\": {\"fi\": \"Pitkä\", \"sv\": \"" + "l".repeat(501) + "\"}}"); // 5
        write(file, good.get(1));                                                                                  // 6 ok

        PtvImportReport report = catalogue.importPtv(org.id(), new ByteArrayInputStream(file.toByteArray()));

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).extracting(PtvImportReport.Skipped::line).containsExactly(2, 3, 4, 5);
        assertThat(report.skipped()).extracting(PtvImportReport.Skipped::code)
                .containsExactly("open311-code-taken", "not-stored", "too-many-keywords", "too-long");
        assertThat(report.skipped().get(0).reason()).isEqualTo("Open311 code 171 is already used by another service");
        assertThat(report.skipped()).extracting(PtvImportReport.Skipped::code).allMatch(PtvImportReport.Skipped.CODES::contains);
        assertThat(catalogue.list(org.id())).hasSize(12);
        assertThat(catalogue.byOpen311Code(org.id(), "171").orElseThrow().name().fi()).isEqualTo("Katujen kunto");
    }

    @Test
    void exportThenImportRoundTripsToTheSameServices() throws IOException {
        Fixtures.Org org = fixtures.organization();
        byte[] original = nationalFile();
        catalogue.importPtv(org.id(), new ByteArrayInputStream(original));
        catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id());
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        catalogue.exportPtv(org.id(), exported);

        // every national description comes back as it was read (a language given as null reads as absent)
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (String line : lines(exported.toByteArray())) {
            JsonNode node = JSON.readTree(line);
            byId.put(node.get("id").asString(), node);
        }
        assertThat(byId).hasSize(468);
        List<String> different = new ArrayList<>();
        for (String line : lines(original)) {
            JsonNode node = withoutNullLanguages(JSON.readTree(line));
            if (!node.equals(byId.get(node.get("id").asString()))) different.add(node.get("id").asString());
        }
        assertThat(different).isEmpty();

        // and the export imports into another organization and exports again unchanged
        Fixtures.Org other = fixtures.organization();
        PtvImportReport report = catalogue.importPtv(other.id(), new ByteArrayInputStream(exported.toByteArray()));
        assertThat(report.imported()).isEqualTo(468);
        assertThat(report.skipped()).isEmpty();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        catalogue.exportPtv(other.id(), again);
        assertThat(lines(again.toByteArray()).stream().map(l -> JSON.readTree(l)).toList())
                .containsExactlyInAnyOrderElementsOf(lines(exported.toByteArray()).stream().map(l -> JSON.readTree(l)).toList());
        assertThat(catalogue.byOpen311Code(other.id(), "171").orElseThrow().name().fi()).isEqualTo("Katujen kunto");
    }

    @Test
    void theExportLeavesInternalServicesOut() throws IOException {
        Fixtures.Org org = fixtures.organization();
        catalogue.importPtv(org.id(), new ByteArrayInputStream(nationalFile()));
        CatalogueService rental = catalogue.byPtvId(org.id(), UUID.fromString("0069c15e-4ec6-4bd2-b1eb-a771b889b10c")).orElseThrow();
        catalogue.setInternal(org.id(), rental.id(), true);

        List<String> exported = exportedIds(org);
        assertThat(exported).hasSize(457).doesNotContain(rental.ptvId().toString());

        catalogue.setInternal(org.id(), rental.id(), false); // public again: exported again
        assertThat(exportedIds(org)).hasSize(458).contains(rental.ptvId().toString());
    }

    List<String> exportedIds(Fixtures.Org org) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        catalogue.exportPtv(org.id(), out);
        return lines(out.toByteArray()).stream().map(l -> JSON.readTree(l).get("id").asString()).toList();
    }

    @Test
    void helsinkiFeedbackServicesCarryTheirOpen311CodesInThreeLanguages() {
        Fixtures.Org org = fixtures.organization();
        assertThat(catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id())).isEqualTo(10);
        assertThat(catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id())).as("idempotent").isZero();
        CatalogueService signs = catalogue.byOpen311Code(org.id(), "198").orElseThrow();
        assertThat(signs.name().fi()).isEqualTo("Liikennemerkit");
        assertThat(signs.name().sv()).isEqualTo("Trafikmärken");
        assertThat(signs.name().en()).isEqualTo("Traffic signs");
        assertThat(signs.keywords()).contains("liikennemerkki");
        assertThat(signs.unitId()).isEqualTo(org.service().id());
        assertThat(catalogue.search(org.id(), "liikennemerkkejä", 5)).extracting(CatalogueService::open311Code).contains("198");
    }

    private static JsonNode withoutNullLanguages(JsonNode service) {
        for (String field : List.of("name", "shortDescription", "description", "userInstructions")) {
            if (service.get(field) instanceof tools.jackson.databind.node.ObjectNode texts) {
                for (String language : List.of("fi", "sv", "en")) {
                    if (texts.has(language) && texts.get(language).isNull()) texts.remove(language);
                }
            }
        }
        return service;
    }

    private static void write(ByteArrayOutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
