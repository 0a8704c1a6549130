package fi.aspa.catalogue;

import fi.aspa.platform.LocalizedText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes services as PTV-shaped JSON lines: exactly the fields {@link PtvImport} reads, plus the unmodelled PTV
 * fields kept at import. A service that is not in PTV is written with its Aspa id as {@code id}. Aspa's own
 * additions ({@code keywords}, {@code open311Code}) are written only when set.
 */
final class PtvExport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    void write(List<CatalogueService> services, Map<UUID, String> extras, OutputStream out) {
        try {
            for (CatalogueService s : services) {
                ObjectNode line = JSON.createObjectNode();
                line.put("id", (s.ptvId() != null ? s.ptvId() : s.id()).toString());
                line.put("referenceCode", s.referenceCode());
                line.put("serviceType", s.serviceType());
                line.put("chargeType", s.chargeType());
                line.set("name", localized(s.name()));
                line.set("shortDescription", localized(s.summary()));
                line.set("description", localized(s.description()));
                line.set("userInstructions", localized(s.instructions()));
                line.set("serviceClasses", concepts(s.serviceClasses()));
                line.set("targetGroups", concepts(s.targetGroups()));
                line.set("lifeEvents", concepts(s.lifeEvents()));
                line.set("ontologyTerms", concepts(s.ontologyTerms()));
                if (!s.keywords().isEmpty()) {
                    ArrayNode keywords = line.putArray("keywords");
                    s.keywords().forEach(keywords::add);
                }
                if (s.open311Code() != null) line.put("open311Code", s.open311Code());
                String extra = extras.get(s.id());
                if (extra != null) {
                    JsonNode kept = JSON.readTree(extra);
                    kept.properties().forEach(e -> line.set(e.getKey(), e.getValue()));
                }
                out.write(JSON.writeValueAsBytes(line));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode localized(LocalizedText text) {
        ObjectNode node = JSON.createObjectNode();
        if (text == null) return node;
        if (text.en() != null) node.put("en", text.en());
        if (text.sv() != null) node.put("sv", text.sv());
        if (text.fi() != null) node.put("fi", text.fi());
        return node;
    }

    private static ArrayNode concepts(List<Concept> concepts) {
        ArrayNode array = JSON.createArrayNode();
        for (Concept c : concepts) {
            ObjectNode node = array.addObject();
            node.put("uri", c.uri());
            node.put("label_fi", c.label().fi());
            if (c.label().sv() != null) node.put("label_sv", c.label().sv());
            if (c.label().en() != null) node.put("label_en", c.label().en());
        }
        return array;
    }
}
