package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Suomi.fi Service Catalogue (PTV) shape, one service description per line (JSON lines): id,
 * referenceCode, serviceType, chargeType, name / shortDescription / description / userInstructions as
 * {@code {"fi": …, "sv": …, "en": …}}, serviceClasses / targetGroups / lifeEvents / ontologyTerms as lists of
 * {@code {"uri": …, "label_fi": …}}. Fields Aspa does not model (laws, backgroundDescription…) are kept as they are
 * and written back by the export. Idempotent by PTV id. A bad line never stops the import: it is skipped, and the
 * report says which line and why (a stable code for programs and translations, and the details in English).
 */
final class PtvImport {
    static final int MAX_LINE_BYTES = 1 << 20;
    static final Set<String> MODELLED = Set.of("id", "referenceCode", "serviceType", "chargeType", "name",
            "shortDescription", "description", "userInstructions", "serviceClasses", "targetGroups", "lifeEvents",
            "ontologyTerms", "keywords", "open311Code");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CatalogueStore store;

    PtvImport(CatalogueStore store) {
        this.store = store;
    }

    PtvImportReport read(OrganizationId organization, InputStream input) {
        int imported = 0, updated = 0;
        List<PtvImportReport.Skipped> skipped = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(input, 1 << 16)) {
            int lineNumber = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean end = false;
            while (!end) {
                line.reset();
                boolean tooLong = false;
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    if (line.size() < MAX_LINE_BYTES) line.write(b);
                    else tooLong = true;
                }
                end = b == -1;
                if (end && line.size() == 0 && !tooLong) break;
                lineNumber++;
                if (tooLong) {
                    skipped.add(new PtvImportReport.Skipped(lineNumber, null, "line-too-long", "line longer than " + (MAX_LINE_BYTES >> 20) + " MB"));
                    continue;
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    skipped.add(new PtvImportReport.Skipped(lineNumber, null, "not-utf-8", "not valid UTF-8"));
                    continue;
                }
                if (text.isBlank()) continue;
                try {
                    Parsed parsed = parse(text);
                    if (store.upsertFromPtv(organization, parsed.draft(), parsed.extra())) imported++;
                    else updated++;
                } catch (Invalid e) {
                    skipped.add(new PtvImportReport.Skipped(lineNumber, e.ptvId, e.code, e.getMessage()));
                } catch (JacksonException e) {
                    skipped.add(new PtvImportReport.Skipped(lineNumber, null, "malformed-json", "malformed JSON: " + firstLine(e.getOriginalMessage())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PtvImportReport(imported, updated, skipped);
    }

    record Parsed(ServiceDraft draft, String extra) {}

    static Parsed parse(String line) {
        JsonNode root = JSON.readTree(line);
        if (root == null || !root.isObject()) throw new Invalid(null, "not-an-object", "unknown structure: a line must be a JSON object");
        JsonNode idNode = root.get("id");
        if (idNode == null || !idNode.isString()) throw new Invalid(null, "missing-id", "missing PTV id");
        UUID ptvId;
        try {
            ptvId = UUID.fromString(idNode.asString());
        } catch (IllegalArgumentException e) {
            throw new Invalid(null, "bad-id", "PTV id is not a UUID");
        }
        String id = ptvId.toString();
        LocalizedText name = localized(root, "name", id);
        if (name == null || name.fi() == null || name.fi().isBlank()) throw new Invalid(id, "missing-finnish-name", "missing Finnish name");
        for (String s : new String[]{name.fi(), name.sv(), name.en()}) {
            if (s != null && s.length() > CatalogueStore.MAX_NAME) throw new Invalid(id, "too-long", "name longer than " + CatalogueStore.MAX_NAME + " characters");
        }
        LocalizedText summary = localized(root, "shortDescription", id);
        LocalizedText description = localized(root, "description", id);
        LocalizedText instructions = localized(root, "userInstructions", id);
        for (LocalizedText t : new LocalizedText[]{summary, description, instructions}) {
            if (t == null) continue;
            for (String s : new String[]{t.fi(), t.sv(), t.en()}) {
                if (s != null && s.length() > CatalogueStore.MAX_TEXT) throw new Invalid(id, "too-long", "text longer than " + CatalogueStore.MAX_TEXT + " characters");
            }
        }
        List<String> keywords = new ArrayList<>();
        JsonNode kw = root.get("keywords");
        if (kw != null && !kw.isNull()) {
            if (!kw.isArray()) throw new Invalid(id, "unknown-structure", "unknown structure: keywords is not a list");
            for (JsonNode k : kw) {
                if (!k.isString()) throw new Invalid(id, "unknown-structure", "unknown structure: a keyword is not a string");
                keywords.add(k.asString());
            }
            if (keywords.size() > CatalogueStore.MAX_KEYWORDS) {
                throw new Invalid(id, "too-many-keywords", "more than " + CatalogueStore.MAX_KEYWORDS + " keywords");
            }
        }
        ObjectNode extra = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!MODELLED.contains(field.getKey())) extra.set(field.getKey(), field.getValue());
        }
        ServiceDraft draft = new ServiceDraft(name, summary, description, instructions, keywords,
                concepts(root, "serviceClasses", id), concepts(root, "targetGroups", id), concepts(root, "lifeEvents", id),
                concepts(root, "ontologyTerms", id), null, null, null, optionalString(root, "open311Code", id), ptvId,
                optionalString(root, "referenceCode", id), optionalString(root, "serviceType", id),
                optionalString(root, "chargeType", id));
        return new Parsed(draft, JSON.writeValueAsString(extra));
    }

    private static String optionalString(JsonNode root, String field, String id) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isString()) throw new Invalid(id, "unknown-structure", "unknown structure: " + field + " is not a string");
        return node.asString();
    }

    private static LocalizedText localized(JsonNode root, String field, String id) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new Invalid(id, "unknown-structure", "unknown structure: " + field + " is not an object of languages");
        String[] values = new String[3];
        String[] languages = {"fi", "sv", "en"};
        for (int i = 0; i < 3; i++) {
            JsonNode v = node.get(languages[i]);
            if (v == null || v.isNull()) continue;
            if (!v.isString()) throw new Invalid(id, "unknown-structure", "unknown structure: " + field + "." + languages[i] + " is not text");
            values[i] = v.asString();
        }
        return new LocalizedText(values[0], values[1], values[2]);
    }

    private static List<Concept> concepts(JsonNode root, String field, String id) {
        JsonNode node = root.get(field);
        List<Concept> concepts = new ArrayList<>();
        if (node == null || node.isNull()) return concepts;
        if (!node.isArray()) throw new Invalid(id, "unknown-structure", "unknown structure: " + field + " is not a list");
        for (JsonNode c : node) {
            JsonNode uri = c.get("uri");
            JsonNode fi = c.get("label_fi");
            if (!c.isObject() || uri == null || !uri.isString() || uri.asString().isBlank() || fi == null || !fi.isString()) {
                throw new Invalid(id, "unknown-structure", "unknown structure: an entry of " + field + " lacks uri or label_fi");
            }
            concepts.add(new Concept(uri.asString(), new LocalizedText(fi.asString(), text(c.get("label_sv")), text(c.get("label_en")))));
        }
        return concepts;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        String first = message.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) : first;
    }

    /** A line that is JSON but not a service description Aspa can use, or one the catalogue could not store. */
    static final class Invalid extends RuntimeException {
        final String ptvId;
        final String code;

        Invalid(String ptvId, String code, String reason) {
            super(reason, null, false, false);
            this.ptvId = ptvId;
            this.code = code;
        }
    }
}
