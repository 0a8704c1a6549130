package fi.aspa;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A second Aspa node for the tests that kill one: a real child JVM with the test's own classpath and main class,
 * on the test's PostgreSQL (the embedded one the test application started), the test profile, its own HTTP port
 * and search index, and the extra settings given. {@link #kill()} ends it with SIGKILL, as a crash would;
 * {@link #close()} makes sure it is gone and removes its index. Its output goes to {@code target/<name>.log}.
 */
public final class SecondNode implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path searchDir;
    private final Path log;

    private SecondNode(Process process, int port, Path searchDir, Path log) {
        this.process = process;
        this.port = port;
        this.searchDir = searchDir;
        this.log = log;
    }

    public static SecondNode start(String name, DataSource dataSource, String... settings) throws IOException, SQLException {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Path log = Path.of("target", name + ".log");
        Path searchDir = Path.of("target", "test-search-" + name + "-" + UUID.randomUUID());
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), AspaApplication.class.getName(),
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=12",
                // it joins a running cluster: the other node's events in flight are not its to redeliver
                "--spring.modulith.events.republish-outstanding-events-on-restart=false",
                "--server.port=" + port, "--aspa.smtp-receiver.port=0", "--aspa.search.dir=" + searchDir,
                "--logging.level.root=WARN", "--logging.level.fi.aspa=INFO"));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return new SecondNode(builder.start(), port, searchDir, log);
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until the node answers its health check (a failure when it died or did not start in time). */
    public SecondNode awaitUp(Duration atMost) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the second node died while starting; see " + log);
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) return this;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the second node did not start in " + atMost + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no graceful end of anything; returns when the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FileSystemUtils.deleteRecursively(searchDir.toFile());
    }
}
