package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the running application: form and multipart posts, JSON and XML answers. */
final class Open311Client {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http;
    private final String base;

    Open311Client(int port) {
        this.http = HttpClient.newHttpClient();
        this.base = "http://localhost:" + port;
    }

    /** A client that connects from the given loopback address (127.0.0.x), so that it counts as its own client address. */
    Open311Client(int port, String localAddress) {
        try {
            this.http = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName(localAddress)).build();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, String contentType, byte[] body, String retryAfter) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            assertThat(contentType).as(text()).startsWith("application/json");
            return JSON.readTree(text());
        }

        Element xml() {
            assertThat(contentType).as(text()).startsWith("application/xml");
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
                return doc.getDocumentElement();
            } catch (Exception e) {
                throw new AssertionError("Not XML: " + text(), e);
            }
        }

        /** Asserts the standard error list, in JSON: [{"code": status, "description": "…"}]. */
        JsonNode jsonError(int expected) {
            assertThat(status).as(text()).isEqualTo(expected);
            JsonNode errors = json();
            assertThat(errors.isArray()).isTrue();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(expected);
            assertThat(errors.get(0).get("description").asString()).isNotBlank();
            return errors.get(0);
        }

        /** Asserts the standard error list, in XML: errors/error/{code, description}. */
        String xmlError(int expected) {
            assertThat(status).as(text()).isEqualTo(expected);
            Element root = xml();
            assertThat(root.getTagName()).isEqualTo("errors");
            List<Element> errors = children(root, "error");
            assertThat(errors).hasSize(1);
            assertThat(child(errors.getFirst(), "code")).isEqualTo(String.valueOf(expected));
            assertThat(child(errors.getFirst(), "description")).isNotBlank();
            return child(errors.getFirst(), "description");
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Response postForm(String path, Map<String, String> form) {
        return postForm(path, form, StandardCharsets.UTF_8);
    }

    Response postForm(String path, Map<String, String> form, Charset charset) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (!body.isEmpty()) body.append('&');
            body.append(URLEncoder.encode(k, charset)).append('=').append(URLEncoder.encode(v, charset));
        });
        return postBytes(path, "application/x-www-form-urlencoded; charset=UTF-8", body.toString().getBytes(StandardCharsets.US_ASCII));
    }

    Response postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** multipart/form-data with text fields and files named "media". */
    Response postMultipart(String path, Map<String, String> fields, List<Map.Entry<String, byte[]>> media) {
        String boundary = "----aspa" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> m : media) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + m.getKey()
                        + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(m.getValue());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return postBytes(path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) found.add(e);
        }
        return found;
    }

    static String child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst().getTextContent();
    }
}
