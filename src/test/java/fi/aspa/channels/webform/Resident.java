package fi.aspa.channels.webform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resident's browser without a browser: real HTTP to the running application, with cookies (session, language)
 * and the CSRF token taken from the page, as a form would send it. Every instance connects from its own loopback
 * address (127.0.1.x), so per-address rate limits of one test do not spill into another.
 */
final class Resident {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    private final String language;
    private final String address;

    Resident(int port, String language) {
        try {
            int n = NEXT_ADDRESS.getAndIncrement();
            this.address = "127.0.1." + n;
            this.http = HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(address))
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.base = "http://127.0.0.1:" + port;
        this.language = language;
    }

    String address() {
        return address;
    }

    record Response(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The CSRF token the page's form carries. */
        String csrf() {
            Matcher m = CSRF.matcher(body());
            if (!m.find()) throw new AssertionError("no CSRF token on the page:\n" + body());
            return m.group(1);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, Multipart form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
    }

    Response postRaw(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Follows one redirect, as a browser does after a post. */
    Response follow(Response redirect) {
        String location = redirect.header("Location");
        if (location == null) throw new AssertionError("not a redirect: " + redirect.status() + "\n" + redirect.body());
        return get(location.startsWith("http") ? URI.create(location).getRawPath() : location);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.header("Accept-Language", language)
                    .header("Accept", "text/html").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body, built by hand so that a test can put any bytes into it. */
    static final class Multipart {
        private final String boundary = "----aspa" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            return rawField(name, value.getBytes(StandardCharsets.UTF_8));
        }

        Multipart rawField(String name, byte[] value) {
            head("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
            out.writeBytes(value);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Multipart file(String name, String filename, String contentType, byte[] content) {
            head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                    + "Content-Type: " + contentType + "\r\n");
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        private void head(String headers) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return all.toByteArray();
        }
    }
}
