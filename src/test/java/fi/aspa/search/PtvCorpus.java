package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Service Catalogue's 458 national service descriptions ({@code bench/data/ptv-services.jsonl}) as search
 * documents, one per language version, and the benchmark's queries and duplicate groups. Test and benchmark
 * code: the real import belongs to the service catalogue module.
 */
public final class PtvCorpus {
    public static final Path DATA = Path.of("bench/data");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PtvCorpus() {}

    /** Every language version of every service as a public SERVICE document of the organization. */
    public static List<SearchDocument> documents(OrganizationId organization) {
        List<SearchDocument> out = new ArrayList<>();
        for (JsonNode service : lines(DATA.resolve("ptv-services.jsonl"))) {
            for (Language language : Language.values()) {
                String lang = language.code();
                String title = service.path("name").path(lang).asString("");
                if (title.isBlank()) continue;
                StringBuilder body = new StringBuilder();
                for (String field : List.of("shortDescription", "description", "userInstructions")) {
                    String text = service.path(field).path(lang).asString("");
                    if (!text.isBlank()) body.append(text.strip()).append("\n\n");
                }
                List<String> keywords = new ArrayList<>();
                Map<String, List<String>> facets = new LinkedHashMap<>();
                facets.put("serviceClass", labels(service.path("serviceClasses")));
                facets.put("lifeEvent", labels(service.path("lifeEvents")));
                if (language == Language.FI) { // the ontology and classification labels exist in Finnish only
                    keywords.addAll(labels(service.path("ontologyTerms")));
                    keywords.addAll(facets.get("lifeEvent"));
                    keywords.addAll(facets.get("serviceClass"));
                }
                out.add(new SearchDocument(service.path("id").asString(), organization, DocumentType.SERVICE, language,
                        title.strip(), body.toString().strip(), keywords, facets, Visibility.PUBLIC, Instant.EPOCH));
            }
        }
        return out;
    }

    private static List<String> labels(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            String label = item.path("label_fi").asString("");
            if (!label.isBlank()) out.add(label.strip());
        }
        return out;
    }

    /** A query with graded judgments: group id → 2 (the answer) or 1 (partly). */
    public record Query(String id, Language language, String text, Map<String, Integer> relevant, String note) {
        public String style() {
            int close = note.indexOf(']');
            return note.startsWith("[") && close > 0 ? note.substring(1, close) : "";
        }
    }

    public static List<Query> queries(String file) {
        List<Query> out = new ArrayList<>();
        for (JsonNode q : lines(DATA.resolve(file))) {
            Map<String, Integer> relevant = new LinkedHashMap<>();
            q.path("relevant").properties().forEach(e -> relevant.put(e.getKey(), e.getValue().asInt()));
            out.add(new Query(q.path("id").asString(), Language.parse(q.path("lang").asString()).orElseThrow(),
                    q.path("query").asString(), relevant, q.path("note").asString("")));
        }
        return out;
    }

    /** Service id → the id of its group (the id the query files use). */
    public static Map<String, String> groups() {
        try {
            JsonNode root = JSON.readTree(Files.readString(DATA.resolve("ptv-service-groups.json")));
            Map<String, String> out = new LinkedHashMap<>();
            root.path("id_to_group").properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) out.add(JSON.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
