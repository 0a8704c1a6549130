import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat load: N residents and M agents over real WebSockets against real Aspa processes on one PostgreSQL.
 * Measures delivery latency (resident line -> agent's socket, agent reply -> resident's socket) and ack latency, then
 * checks that every line arrived exactly once, on the sockets and in the database. With --nodes 2 --kill it runs two
 * application processes, kills one (SIGKILL) halfway, lets its clients reconnect to the other, and checks again.
 *
 * Run through bench/chat/run.sh (it builds the jar and the classpath).
 */
public class ChatLoad {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String PASSWORD = "bench-password";

    static int residents = 1000, agents = 50, nodes = 1, seconds = 60;
    static double meanGapSeconds = 5;
    static boolean kill = false;

    static final List<Process> apps = new ArrayList<>();
    static final List<Integer> ports = new ArrayList<>();
    static final ConcurrentLinkedQueue<Long> toAgent = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Long> toResident = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
    static volatile boolean measuring = false;
    static final AtomicLong sentByResidents = new AtomicLong(), sentByAgents = new AtomicLong();
    static final Set<String> receivedByAgents = ConcurrentHashMap.newKeySet(), receivedByResidents = ConcurrentHashMap.newKeySet();
    static final AtomicInteger duplicates = new AtomicInteger(), reconnects = new AtomicInteger(), errors = new AtomicInteger();
    static final Set<String> sentResidentBodies = ConcurrentHashMap.newKeySet(), sentAgentBodies = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--residents" -> residents = Integer.parseInt(args[++i]);
                case "--agents" -> agents = Integer.parseInt(args[++i]);
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--gap" -> meanGapSeconds = Double.parseDouble(args[++i]);
                case "--kill" -> kill = true;
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        Path data = Files.createTempDirectory("aspa-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "300").setServerConfig("shared_buffers", "256MB")
                .setServerConfig("unix_socket_directories", "").start()) {
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            Runtime.getRuntime().addShutdownHook(new Thread(() -> apps.forEach(Process::destroyForcibly)));
            for (int n = 0; n < nodes; n++) startApp(url, n);
            for (int n = 0; n < nodes; n++) awaitHealthy(ports.get(n));
            run(url);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.out.println("RESULT: the run failed");
            apps.forEach(Process::destroyForcibly);
            System.exit(1);
        } finally {
            apps.forEach(Process::destroyForcibly);
        }
        System.exit(0);
    }

    static void startApp(String url, int n) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx1g", "-XX:+UseSerialGC",
                "-jar", "target/aspa.jar", "--logging.level.root=WARN",
                // every resident of the run comes from this one address: lift the per-address allowances
                "--aspa.chat.rate-limit.sessions=100000000", "--aspa.chat.rate-limit.lines=100000000",
                "--aspa.chat.rate-limit.bot-lines=100000000")
                .redirectErrorStream(true).redirectOutput(new File("target/bench-chat-node" + n + ".log"));
        pb.environment().putAll(Map.of("ASPA_DB_URL", url, "ASPA_DB_USER", "postgres", "ASPA_DB_PASSWORD", "",
                "ASPA_DEMO", "false", "PORT", String.valueOf(port), "ASPA_DB_POOL_SIZE", "30"));
        apps.add(pb.start());
        ports.add(port);
        System.out.println("node " + n + " on port " + port + " (log target/bench-chat-node" + n + ".log)");
    }

    static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitHealthy(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node on " + port + " did not start");
    }

    // ------------------------------------------------------------------ data

    static String slug = "bench";

    static void seed(String url) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            UUID org = UUID.randomUUID(), unit = UUID.randomUUID();
            exec(c, "insert into organization (id, slug, name_fi, name_sv, name_en) values (?, ?, 'Kuormala', 'Lastby', 'Loadville')", org, slug);
            exec(c, "insert into unit (id, organization_id, name_fi, name_sv, name_en) values (?, ?, 'Chat', 'Chatt', 'Chat')", unit, org);
            for (int d = 1; d <= 7; d++) exec(c, "insert into chat_opening_hours values (?, ?, 0, 1440)", org, d);
            for (int a = 0; a < agents; a++) {
                UUID id = UUID.randomUUID();
                exec(c, "insert into staff_user (id, organization_id, unit_id, username, display_name, password_hash, roles) values (?, ?, ?, ?, ?, ?, '{AGENT}')",
                        id, org, unit, "bench-agent-" + a, "Agentti " + a, hash);
                exec(c, "insert into chat_agent (organization_id, staff_id, available, max_chats, last_seen_at, updated_at) values (?, ?, true, 100, now(), now())", org, id);
            }
        }
    }

    static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
            st.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ clients

    /** One WebSocket with a send queue (the JDK allows one outstanding send) and reconnection to another node. */
    static final class Socket implements WebSocket.Listener {
        final String path;
        final String cookie;
        final java.util.function.Consumer<JsonNode> onFrame;
        final Runnable onOpen;
        volatile WebSocket ws;
        volatile int node;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private final StringBuilder text = new StringBuilder();
        final HttpClient client;

        Socket(HttpClient client, int node, String path, String cookie, java.util.function.Consumer<JsonNode> onFrame, Runnable onOpen) {
            this.client = client;
            this.node = node;
            this.path = path;
            this.cookie = cookie;
            this.onFrame = onFrame;
            this.onOpen = onOpen;
        }

        void connect() {
            WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
            if (cookie != null) b.header("Cookie", cookie);
            ws = b.buildAsync(URI.create("ws://localhost:" + ports.get(node) + path), this).join();
            synchronized (this) {
                sending = CompletableFuture.completedFuture(null);
            }
            onOpen.run();
        }

        synchronized void send(String frame) {
            WebSocket target = ws;
            sending = sending.handle((v, e) -> null).thenCompose(v -> target.sendText(frame, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                try {
                    onFrame.accept(JSON.readTree(s));
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            failover(w);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            failover(w);
        }

        private void failover(WebSocket w) {
            if (w != ws || !running) return;
            reconnects.incrementAndGet();
            node = (node + 1) % ports.size();
            // Like the widget: wait a moment (with jitter, so a thousand clients do not all come back at once), then
            // try the other node; keep trying until the run ends.
            RECONNECTS.execute(() -> {
                sleep(ThreadLocalRandom.current().nextLong(200, 2000));
                for (int attempt = 0; running; attempt++) {
                    try {
                        connect();
                        return;
                    } catch (RuntimeException e) {
                        node = (node + 1) % ports.size();
                        sleep(Math.min(500L << Math.min(attempt, 4), 5000));
                    }
                }
            });
        }
    }

    static volatile boolean running = true;
    static final java.util.concurrent.ExecutorService RECONNECTS = Executors.newVirtualThreadPerTaskExecutor();

    static final class Resident {
        final int index;
        String token;
        UUID session;
        Socket socket;
        volatile long lastSeq;
        final Map<String, String> unacked = new ConcurrentHashMap<>();
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final AtomicInteger n = new AtomicInteger();
        final CompletableFuture<Void> welcomed = new CompletableFuture<>();

        Resident(int index) {
            this.index = index;
        }

        void hello() {
            socket.send("{\"type\":\"hello\",\"token\":\"" + token + "\",\"lastSeq\":" + lastSeq + "}");
        }

        void frame(JsonNode f) {
            switch (f.path("type").asString()) {
                case "welcome" -> {
                    welcomed.complete(null);
                    unacked.forEach((id, body) -> socket.send(line(id, body)));
                }
                case "error" -> {
                    String id = f.path("clientId").asString();
                    String body = unacked.get(id);
                    errors.incrementAndGet();
                    if (body != null) CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> socket.send(line(id, body)));
                }
                case "ack" -> {
                    String id = f.path("clientId").asString();
                    unacked.remove(id);
                    Long at = sentAt.remove(id);
                    if (at != null && measuring) acks.add(System.nanoTime() - at);
                }
                case "message" -> {
                    long seq = f.path("seq").asLong();
                    if (seq <= lastSeq) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    lastSeq = seq;
                    if (f.path("from").asString().equals("agent")) {
                        String body = f.path("body").asString();
                        if (!receivedByResidents.add(body)) duplicates.incrementAndGet();
                        long t = Long.parseLong(body.substring(body.lastIndexOf(' ') + 1));
                        if (measuring) toResident.add(System.nanoTime() - t);
                    }
                }
                default -> { }
            }
        }

        static String line(String id, String body) {
            return "{\"type\":\"send\",\"clientId\":\"" + id + "\",\"body\":\"" + body + "\"}";
        }

        void say() {
            String id = "r" + n.incrementAndGet();
            long now = System.nanoTime();
            String body = "resident " + index + " line " + id + " " + now;
            unacked.put(id, body);
            sentAt.put(id, now);
            sentResidentBodies.add(body);
            sentByResidents.incrementAndGet();
            socket.send(line(id, body));
        }
    }

    static final class Agent {
        final int index;
        final HttpClient http;
        final CookieManager cookies = new CookieManager();
        String csrf;
        Socket socket;
        final Map<UUID, Long> sessions = new ConcurrentHashMap<>();
        final Map<String, String> unacked = new ConcurrentHashMap<>();
        final AtomicInteger n = new AtomicInteger();

        Agent(int index) {
            this.index = index;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        String base() {
            return "http://localhost:" + ports.get(socket == null ? index % ports.size() : socket.node);
        }

        void login(int node) throws Exception {
            String base = "http://localhost:" + ports.get(node);
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            post(base + "/login", "username=bench-agent-" + index + "&password=" + PASSWORD + "&_csrf=" + enc(csrf(page)));
            csrf = csrf(http.send(HttpRequest.newBuilder(URI.create(base + "/workspace/chat")).build(), HttpResponse.BodyHandlers.ofString()).body());
        }

        String cookie() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::toString).findFirst().orElseThrow();
        }

        int post(String url, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        void take(UUID session) throws Exception {
            int status = post(base() + "/workspace/chat/" + session + "/take", "_csrf=" + enc(csrf));
            if (status != 302) throw new IllegalStateException("take " + session + " -> " + status);
            sessions.put(session, 0L);
            socket.send("{\"type\":\"subscribe\",\"session\":\"" + session + "\",\"lastSeq\":0}");
        }

        void resubscribe() {
            sessions.forEach((id, seq) -> socket.send("{\"type\":\"subscribe\",\"session\":\"" + id + "\",\"lastSeq\":" + seq + "}"));
            unacked.forEach((id, frame) -> socket.send(frame));
        }

        void frame(JsonNode f) {
            switch (f.path("type").asString()) {
                case "ack" -> unacked.remove(f.path("clientId").asString());
                case "error" -> {
                    String frame = unacked.get(f.path("clientId").asString());
                    errors.incrementAndGet();
                    if (frame != null) CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> socket.send(frame));
                }
                case "message" -> {
                    UUID session = UUID.fromString(f.path("session").asString());
                    long seq = f.path("seq").asLong();
                    Long last = sessions.get(session);
                    if (last == null) return;
                    if (seq <= last) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    sessions.put(session, seq);
                    if (!f.path("from").asString().equals("resident")) return;
                    String body = f.path("body").asString();
                    if (!receivedByAgents.add(body)) duplicates.incrementAndGet();
                    long t = Long.parseLong(body.substring(body.lastIndexOf(' ') + 1));
                    if (measuring) toAgent.add(System.nanoTime() - t);
                    if (!running) return;
                    String id = "a" + index + "-" + n.incrementAndGet();
                    String reply = "reply " + id + " " + System.nanoTime();
                    String frame = "{\"type\":\"send\",\"session\":\"" + session + "\",\"clientId\":\"" + id + "\",\"body\":\"" + reply + "\"}";
                    unacked.put(id, frame);
                    sentAgentBodies.add(reply);
                    sentByAgents.incrementAndGet();
                    socket.send(frame);
                }
                default -> { }
            }
        }
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new IllegalStateException("no csrf token");
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ the run

    static void run(String url) throws Exception {
        seed(url);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) clients.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build());

        List<Agent> agentList = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            Agent agent = new Agent(a);
            int node = nodes > 1 ? 1 : 0;
            agent.login(node);
            agent.socket = new Socket(clients.get(a % clients.size()), node, "/workspace/chat/socket", agent.cookie(), agent::frame,
                    agent::resubscribe);
            agent.socket.connect();
            agentList.add(agent);
        }
        System.out.println(agents + " agents logged in and connected");

        HttpClient api = HttpClient.newHttpClient();
        List<Resident> residentList = new ArrayList<>();
        long setup = System.nanoTime();
        for (int r = 0; r < residents; r++) {
            Resident resident = new Resident(r);
            int node = nodes > 1 ? 0 : 0;
            HttpResponse<String> started = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(node) + "/chat/api/sessions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"organization\":\"" + slug + "\",\"lang\":\"fi\",\"name\":\"Asukas " + r + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 201) throw new IllegalStateException(started.body());
            JsonNode body = JSON.readTree(started.body());
            resident.token = body.path("token").asString();
            resident.session = UUID.fromString(body.path("session").asString());
            resident.socket = new Socket(clients.get(r % clients.size()), node, "/chat/socket", null, resident::frame, resident::hello);
            resident.socket.connect();
            residentList.add(resident);
        }
        for (Resident r : residentList) r.welcomed.get(30, TimeUnit.SECONDS);
        System.out.printf("%d residents connected in %.1f s%n", residents, (System.nanoTime() - setup) / 1e9);

        // New chats arrive at about 100 a second: each first line opens a case, and every case of an organization
        // takes its reference number from one counter row, so a burst of them queues on that row.
        for (Resident r : residentList) {
            r.say();
            sleep(10);
        }
        for (Resident r : residentList) {
            for (int i = 0; i < 1200 && !r.unacked.isEmpty(); i++) sleep(50);
            if (!r.unacked.isEmpty()) throw new IllegalStateException("first line of resident " + r.index + " not acknowledged");
        }
        System.out.printf("first lines stored (cases opened) after %.1f s%n", (System.nanoTime() - setup) / 1e9);
        for (int i = 0; i < residents; i++) agentList.get(i % agents).take(residentList.get(i).session);
        System.out.printf("all chats taken after %.1f s%n", (System.nanoTime() - setup) / 1e9);
        sleep(3000);

        ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
        measuring = true;
        long start = System.nanoTime();
        for (Resident r : residentList) schedule(timer, r, start + TimeUnit.SECONDS.toNanos(seconds));
        if (kill && nodes > 1) {
            timer.schedule(() -> {
                System.out.println("killing node 0 (SIGKILL) with " + residents + " residents on it");
                apps.get(0).destroyForcibly();
            }, seconds / 2, TimeUnit.SECONDS);
        }
        sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring = false;
        System.out.println("load stopped; letting the last lines arrive");
        for (int i = 0; i < 1200; i++) {
            boolean done = residentList.stream().allMatch(r -> r.unacked.isEmpty()) && agentList.stream().allMatch(a -> a.unacked.isEmpty())
                    && receivedByAgents.size() >= sentResidentBodies.size() && receivedByResidents.size() >= sentAgentBodies.size();
            if (done) break;
            sleep(100);
        }
        running = false;
        timer.shutdownNow();
        report(url, residentList, agentList);
    }

    static void schedule(ScheduledExecutorService timer, Resident r, long end) {
        double gap = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanGapSeconds;
        timer.schedule(() -> {
            if (System.nanoTime() >= end) return;
            r.say();
            schedule(timer, r, end);
        }, (long) (gap * 1000), TimeUnit.MILLISECONDS);
    }

    static void report(String url, List<Resident> residentList, List<Agent> agentList) throws Exception {
        System.out.println();
        System.out.printf("residents %d, agents %d, nodes %d%s, %d s of load, mean gap %.1f s per resident%n", residents, agents,
                nodes, kill ? " (node 0 killed halfway)" : "", seconds, meanGapSeconds);
        print("resident -> agent delivery", toAgent);
        print("agent -> resident delivery", toResident);
        print("resident send -> ack", acks);
        long missingAtAgents = sentResidentBodies.stream().filter(b -> !receivedByAgents.contains(b)).count();
        long missingAtResidents = sentAgentBodies.stream().filter(b -> !receivedByResidents.contains(b)).count();
        System.out.printf("resident lines sent %d, received by agents %d, missing %d%n", sentResidentBodies.size(), receivedByAgents.size(), missingAtAgents);
        System.out.printf("agent lines sent %d, received by residents %d, missing %d%n", sentAgentBodies.size(), receivedByResidents.size(), missingAtResidents);
        System.out.printf("duplicates seen by clients %d, reconnects %d, error frames (line resent) %d%n", duplicates.get(), reconnects.get(), errors.get());
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select kind, count(*), count(distinct (session_id, client_id)) from chat_message m
                     join chat_session s on s.id = m.session_id join organization o on o.id = s.organization_id
                     where o.slug = 'bench' and kind in ('RESIDENT', 'AGENT') group by kind order by kind""")) {
            while (rs.next()) {
                System.out.printf("database: %s lines %d (distinct client ids %d)%n", rs.getString(1), rs.getLong(2), rs.getLong(3));
            }
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select count(*) from case_message cm join support_case sc on sc.id = cm.case_id
                     join organization o on o.id = sc.organization_id where o.slug = 'bench'""")) {
            rs.next();
            System.out.printf("database: case messages %d%n", rs.getLong(1));
        }
        sentResidentBodies.stream().filter(b -> !receivedByAgents.contains(b)).limit(10).forEach(b -> System.out.println("  missing at agents: " + b));
        sentAgentBodies.stream().filter(b -> !receivedByResidents.contains(b)).limit(10).forEach(b -> System.out.println("  missing at residents: " + b));
        if (missingAtAgents > 0) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                for (String b : sentResidentBodies.stream().filter(x -> !receivedByAgents.contains(x)).limit(5).toList()) {
                    try (PreparedStatement st = c.prepareStatement("select m.session_id, m.seq, s.last_seq, s.agent_id, s.state from chat_message m join chat_session s on s.id = m.session_id where m.body = ?")) {
                        st.setString(1, b);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) System.out.println("    stored: session " + rs.getString(1) + " seq " + rs.getLong(2) + " last " + rs.getLong(3) + " agent " + rs.getString(4) + " " + rs.getString(5));
                        }
                    }
                }
            }
            agentList.forEach(a -> a.sessions.forEach((id, seq) -> { if (seq < 3) System.out.println("    agent " + a.index + " session " + id + " at seq " + seq); }));
        }
        boolean ok = missingAtAgents == 0 && missingAtResidents == 0 && duplicates.get() == 0;
        System.out.println(ok ? "RESULT: no message lost or duplicated" : "RESULT: LOSS OR DUPLICATES");
    }

    static void print(String what, ConcurrentLinkedQueue<Long> samples) {
        List<Long> list = new ArrayList<>(samples);
        Collections.sort(list);
        if (list.isEmpty()) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%-28s n=%6d  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n", what, list.size(),
                pct(list, 50), pct(list, 90), pct(list, 99), list.getLast() / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
