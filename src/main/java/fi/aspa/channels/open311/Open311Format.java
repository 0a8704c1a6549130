package fi.aspa.channels.open311;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;
import tools.jackson.dataformat.xml.ser.ToXmlGenerator;

/**
 * The two response formats of GeoReport v2, chosen by the path's extension. A response is a tree of ordered maps,
 * lists and scalars (no nulls); JSON writes it as it is, XML names the root and the list items as the
 * specification does ({@code <services><service>…}, {@code <service_requests><request>…},
 * {@code <errors><error>…}) and wraps nested lists ({@code <media_urls><media_url>…}).
 */
enum Open311Format {
    JSON(MediaType.APPLICATION_JSON), XML(MediaType.APPLICATION_XML);

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();
    private static final XmlMapper XML_MAPPER = XmlMapper.builder().enable(XmlWriteFeature.WRITE_XML_DECLARATION).build();
    /** list field -> the element name of its items in XML */
    private static final Map<String, String> ITEMS = Map.of("media_urls", "media_url", "attributes", "attribute",
            "values", "value", "request_history", "entry");

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    static Open311Format of(String extension) {
        if (extension == null) throw Open311Exception.notFound("Unknown format: use .json or .xml");
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> throw Open311Exception.notFound("Unknown format '" + extension + "': use .json or .xml");
        };
    }

    /** The format a failed request asked for, or JSON when it cannot be told. */
    static Open311Format guess(String path) {
        if (path == null) return JSON;
        String p = path.toLowerCase(Locale.ROOT);
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        return p.endsWith(".xml") ? XML : JSON;
    }

    /** A list answer: in XML a root element with one element per item. */
    ResponseEntity<byte[]> list(HttpStatusCode status, String root, String item, List<? extends Map<String, ?>> items) {
        if (this == JSON) return body(status, json(items));
        return body(status, xml(root, Map.of(item, items)));
    }

    /** A single object answer (the service definition): in XML its root element. */
    ResponseEntity<byte[]> object(HttpStatusCode status, String root, Map<String, ?> value) {
        return body(status, this == JSON ? json(value) : xml(root, value));
    }

    ResponseEntity<byte[]> error(HttpStatusCode status, String description) {
        return list(status, "errors", "error", List.of(Map.of("code", status.value(), "description", description)));
    }

    private ResponseEntity<byte[]> body(HttpStatusCode status, String text) {
        return ResponseEntity.status(status).contentType(new MediaType(mediaType, StandardCharsets.UTF_8))
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object tree) {
        return JSON_MAPPER.writeValueAsString(tree);
    }

    static String xml(String root, Map<String, ?> value) {
        StringWriter out = new StringWriter();
        try (ToXmlGenerator xml = (ToXmlGenerator) XML_MAPPER.createGenerator(out)) {
            xml.setNextName(new QName(root));
            xml.writeStartObject();
            fields(xml, value, true);
            xml.writeEndObject();
        }
        return out.toString();
    }

    private static void fields(ToXmlGenerator xml, Map<String, ?> map, boolean top) {
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v == null) continue;
            xml.writeName(e.getKey());
            if (v instanceof List<?> list) {
                if (top && map.size() == 1 && !ITEMS.containsKey(e.getKey())) {
                    array(xml, list); // the root's items: <services><service/>…</services>
                } else {
                    xml.writeStartObject();
                    xml.writeName(ITEMS.getOrDefault(e.getKey(), "item"));
                    array(xml, list);
                    xml.writeEndObject();
                }
            } else {
                value(xml, v);
            }
        }
    }

    private static void array(ToXmlGenerator xml, List<?> list) {
        xml.writeStartArray();
        for (Object item : list) value(xml, item);
        xml.writeEndArray();
    }

    @SuppressWarnings("unchecked")
    private static void value(ToXmlGenerator xml, Object v) {
        switch (v) {
            case Map<?, ?> m -> {
                xml.writeStartObject();
                fields(xml, (Map<String, ?>) m, false);
                xml.writeEndObject();
            }
            case Boolean b -> xml.writeBoolean(b);
            case Integer i -> xml.writeNumber(i);
            case Long l -> xml.writeNumber(l);
            case Double d -> xml.writeNumber(d);
            default -> xml.writeString(String.valueOf(v));
        }
    }

    static HttpStatus statusOf(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        return status == null ? HttpStatus.BAD_REQUEST : status;
    }
}
