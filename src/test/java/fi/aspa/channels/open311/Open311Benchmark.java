package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Open311 POST throughput and latency at 8 and 32 concurrent clients, beside the {@code GET /actuator/health}
 * baseline measured in the same run on the same server: real HTTP (JDK HttpClient, HTTP/1.1, keep-alive) to the
 * application on a random port with its embedded PostgreSQL. Each POST is a whole request: key check, customer
 * resolved, case opened with its reference, history and events, the Open311 row; the routing, search and insights
 * listeners run after each commit in the same JVM. Not part of the normal test run (the class name does not end in
 * Test); run it with {@code bench/open311/run.sh}. Writes {@code target/bench/open311.txt}.
 */
@AspaTest
class Open311Benchmark {
    static final int REQUESTS = Integer.getInteger("aspa.bench.requests", 3000);
    static final int WARMUP = Integer.getInteger("aspa.bench.warmup", 300);
    static final List<String> CODES = List.of("172", "246", "176", "171", "198", "199", "174", "211", "234", "180");

    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Result(String what, int clients, int requests, double seconds, long[] nanos, int errors) {
        double perSecond() {
            return requests / seconds;
        }

        double percentile(double p) {
            int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
        }
    }

    @Test
    void postThroughputBesideTheHealthBaseline() throws Exception {
        Fixtures.Org org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        String key = "bench-" + org.organization().slug();
        keys.register(org.id(), "benchmark", key);
        String base = "http://localhost:" + port;
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build();
        IntFunction<HttpRequest> post = i -> HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(key, i))).build();

        run("warm-up POST", 8, WARMUP, post, 201);
        run("warm-up health", 8, WARMUP, i -> health, 200);
        String loadBefore = loadAverage();
        List<Result> results = new ArrayList<>();
        for (int clients : new int[]{8, 32}) {
            results.add(run("GET /actuator/health", clients, REQUESTS, i -> health, 200));
            results.add(run("POST /open311/v2/requests.json", clients, REQUESTS, post, 201));
        }
        String loadAfter = loadAverage();
        int stored = db.sql("select count(*) from open311_request where organization_id = ?").param(org.id().value())
                .query(Integer.class).single();
        int posted = WARMUP + 2 * REQUESTS;
        int errors = results.stream().mapToInt(Result::errors).sum();
        assertThat(errors).isZero();
        assertThat(stored).isEqualTo(posted);

        StringBuilder report = new StringBuilder("open311 benchmark\n");
        report.append(String.format(Locale.ROOT, "%-32s %7s %8s %8s %9s %8s %8s %6s%n", "request", "clients", "requests",
                "seconds", "req/s", "p50 ms", "p99 ms", "errors"));
        for (Result r : results) {
            report.append(String.format(Locale.ROOT, "%-32s %7d %8d %8.1f %9.0f %8.1f %8.1f %6d%n", r.what(), r.clients(),
                    r.requests(), r.seconds(), r.perSecond(), r.percentile(50), r.percentile(99), r.errors()));
        }
        report.append(String.format(Locale.ROOT, """
                        warm-up: %d POSTs and %d health checks first (not counted)
                        requests stored: %d of %d posted (each a case with its Open311 row)
                        cpus: %d, max heap: %d MB, load average (1 min) before/after: %s / %s
                        """, WARMUP, WARMUP, stored, posted, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024, loadBefore, loadAfter));
        Path out = Path.of("target/bench/open311.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** {@code requests} requests spread over {@code clients} threads, each waiting for its answer before the next. */
    Result run(String what, int clients, int requests, IntFunction<HttpRequest> request, int expected) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest r = request.apply(i);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != expected) errors.incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        nanos[i] = System.nanoTime() - t0;
                    }
                }));
            }
            for (Future<?> f : running) f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            return new Result(what, clients, requests, seconds, nanos, errors.get());
        }
    }

    /** A mix like a feedback app's: every service, coordinates or an address, a title on most, contact details on some. */
    static String form(String key, int i) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", CODES.get(i % CODES.size()));
        if (i % 4 != 3) {
            form.put("lat", String.format(Locale.ROOT, "%.6f", 60.15 + (i % 100) / 1000.0));
            form.put("long", String.format(Locale.ROOT, "%.6f", 24.90 + (i % 77) / 1000.0));
        } else {
            form.put("address_string", "Mannerheimintie " + (i % 120 + 1) + ", Helsinki");
        }
        if (i % 5 != 0) form.put("title", "Palaute " + i);
        form.put("description", "Palaute numero " + i + ": kadulla on kuoppa ja roska-astia on kaatunut. "
                + "Voisiko joku käydä katsomassa? Paikka on bussipysäkin vieressä.");
        if (i % 3 == 0) {
            form.put("email", "asukas" + (i % 2000) + "@example.fi");
            form.put("first_name", "Asukas");
            form.put("last_name", String.valueOf(i % 2000));
        }
        form.put("locale", i % 7 == 0 ? "sv" : "fi");
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (!body.isEmpty()) body.append('&');
            body.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
