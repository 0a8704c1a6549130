package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Plain HTTP for the chat tests: the resident's JSON API, and a logged-in agent posting the console's forms. Every
 * instance connects from a loopback address of its own (127.7.x.y, {@link #newAddress()}) unless given one, so the
 * per-address allowances one test uses up are its own.
 */
final class ChatHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();
    final int port;
    final String address;
    final CookieManager cookies = new CookieManager();
    final HttpClient client;

    ChatHttp(int port) {
        this(port, newAddress());
    }

    ChatHttp(int port, String address) {
        this.port = port;
        this.address = address;
        this.client = HttpClient.newBuilder().localAddress(inet(address)).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A loopback address no other client of these tests uses. */
    static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "127.7." + (n / 250) + "." + (n % 250 + 1);
    }

    static InetAddress inet(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", "fi").GET().build());
    }

    HttpResponse<String> json(String method, String path, Object body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (token != null) b.header(ResidentApi.TOKEN, token);
        String text = body instanceof String s ? s : ChatClient.JSON.writeValueAsString(body);
        return send(b.method(method, HttpRequest.BodyPublishers.ofString(text)).build());
    }

    HttpResponse<String> get2(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header(ResidentApi.TOKEN, token).header("Accept", "application/json").GET().build());
    }

    static JsonNode body(HttpResponse<String> response) {
        return ChatClient.JSON.readTree(response.body());
    }

    /** Logs in through the login form, as a browser does. */
    ChatHttp login(String username, String password) {
        String csrf = csrf(get("/login").body());
        HttpResponse<String> response = form("/login", Map.of("username", username, "password", password, "_csrf", csrf));
        assertThat(response.statusCode()).as("login redirects").isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return this;
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::toString).findFirst().orElseThrow();
    }

    /** Posts a console form with a CSRF token read from the console page. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(get("/workspace/chat").body()));
        return form(path, all);
    }

    HttpResponse<String> form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "fi").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
