import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Aspa's benchmarks: start-up, memory at rest, intake throughput against raw PostgreSQL inserts, and read latency on
 * a large data set. Run through {@code bench/run} (which builds the jar and puts the PostgreSQL driver on the class
 * path); results go to bench/results/*.md and *.json. Every loop is bounded in time or count and talks only to
 * 127.0.0.1. Not part of the test suite: nothing here asserts on time.
 *
 * <pre>java -cp postgresql.jar bench/src/Bench.java [all|startup|intake|load|reads] --jar target/aspa.jar</pre>
 */
public class Bench {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    static final List<String> JVM_OPTS = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC");
    static final String TOKEN = "aspa-demo-token";
    static int[] CONCURRENCY = {8, 32, 128};
    /** The paced intake levels: contacts per second offered by {@link #PACED_CLIENTS} clients with think time. */
    static int[] PACED_RATES = {250, 500, 1000, 1250};
    static final int PACED_CLIENTS = 32;
    /** Only the API intake (no raw PostgreSQL and health baselines): for quick before/after measurements. */
    static boolean apiOnly = false;
    /** The JDK's HttpClient as the intake's load generator even where wrk is installed (as before session 6). */
    static boolean javaClient = false;
    /** {@code reads --dashboard-only}: only the managers' dashboard and its references (for before/after of it). */
    static boolean dashboardOnly = false;

    static Path jar = Path.of("target/aspa.jar");
    static Path data = Path.of("bench/.data");
    static Path results = Path.of("bench/results");
    static int warmupSeconds = 5;
    /** The intake warm-up repeats until the JIT compilers use at most this much CPU in a round (or the rounds run out). */
    static final double JIT_SETTLED_SECONDS = 1.5;
    static final int MAX_WARMUP_ROUNDS = 6;
    static int measureSeconds = 20;
    static int largeCases = 1_000_000;
    static int largeCustomers = 200_000;

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
        apiOnly = Arrays.asList(args).contains("--api-only");
        javaClient = Arrays.asList(args).contains("--java-client");
        dashboardOnly = Arrays.asList(args).contains("--dashboard-only");
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--results" -> results = Path.of(args[i + 1]);
                case "--seconds" -> measureSeconds = Integer.parseInt(args[i + 1]);
                case "--cases" -> largeCases = Integer.parseInt(args[i + 1]);
                case "--customers" -> largeCustomers = Integer.parseInt(args[i + 1]);
                case "--clients" -> CONCURRENCY = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--paced" -> PACED_RATES = args[i + 1].equals("none") ? new int[0]
                        : Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> { }
            }
        }
        Files.createDirectories(results.resolve("raw"));
        Files.createDirectories(data);
        machine();
        switch (what) {
            case "startup" -> startup();
            case "intake" -> intake();
            case "load" -> load();
            case "reads" -> reads();
            case "all" -> {
                startup();
                intake();
                reads();
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        }
    }

    // ================================================================== machine

    static void machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().toString());
        m.put("cpu", cpu);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", Math.round(memKb / 1024.0 / 1024.0));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadavgAtStart", load);
        write("machine", m, "# Machine\n\n" + table(List.of(m)));
    }

    // ================================================================== start-up and memory

    static void startup() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path dir = data.resolve("startup");
        deleteTree(dir);
        rows.add(startOnce("fresh data dir, no demo", dir, false));
        rows.add(startOnce("existing data dir, no demo", dir, false));
        Path demoDir = data.resolve("startup-demo");
        deleteTree(demoDir);
        rows.add(startOnce("fresh data dir, demo created (./aspa start on a new machine)", demoDir, true));
        rows.add(startOnce("existing data dir with the demo (./aspa start again)", demoDir, true));
        write("startup", Map.of("runs", rows), "# Start-up to ready and memory at rest\n\n"
                + "Time from process start to the first `GET /actuator/health` answering UP (polled every 50 ms), and to the "
                + "demo banner where the demo runs. Memory after start and a full GC (`jcmd GC.run`): RSS and PSS of the java "
                + "process and of all PostgreSQL processes (PSS shares PostgreSQL's shared memory fairly between its processes).\n\n"
                + table(rows));
    }

    static Map<String, Object> startOnce(String name, Path dir, boolean demo) throws Exception {
        System.out.println("== start-up: " + name);
        try (App app = App.start(dir, demo, "startup")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", name);
            row.put("loadavg1AtStart", app.loadAtStart);
            row.put("healthUpMs", app.healthUpMs);
            row.put("startedLogMs", app.startedMs.get());
            if (demo) {
                app.awaitLog(app.demoReadyMs, Duration.ofMinutes(5));
                row.put("demoReadyMs", app.demoReadyMs.get());
                row.put("demoCreationLog", app.demoCreatedLine.get() == null ? "" : app.demoCreatedLine.get().replaceAll(".*Demo organization created", "created"));
            }
            Thread.sleep(1000);
            row.putAll(app.memory());
            return row;
        }
    }

    // ================================================================== intake

    static void intake() throws Exception {
        Path dir = data.resolve("intake");
        deleteTree(dir);
        List<Map<String, Object>> rows = new ArrayList<>();
        String note;
        try (App app = App.start(dir, true, "intake")) {
            app.awaitLog(app.demoReadyMs, Duration.ofMinutes(5));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + app.port;
            AtomicLong seq = new AtomicLong();
            HttpResponse<String> probe = http.send(intakeRequest(base, seq.incrementAndGet()), HttpResponse.BodyHandlers.ofString());
            boolean apiAvailable = probe.statusCode() == 201 || probe.statusCode() == 200;
            note = apiAvailable ? "POST /api/v1/cases answered " + probe.statusCode() + "; load generator: " + (Wrk.use()
                    ? "wrk (C; " + Wrk.THREADS + " threads, one keep-alive connection per client)" : "the JDK's HttpClient (one virtual thread per client)")
                    : "POST /api/v1/cases answered " + probe.statusCode() + ": the API is not in this build (needs the API branch merged); intake over HTTP not measured";
            System.out.println("   " + note);
            try (Connection setup = app.jdbc()) {
                try (Statement s = setup.createStatement();
                     ResultSet rs = s.executeQuery("select current_setting('synchronous_commit'), current_setting('fsync'), version()")) {
                    rs.next();
                    note += "; server settings: synchronous_commit=" + rs.getString(1) + ", fsync=" + rs.getString(2) + " ("
                            + rs.getString(3).replaceAll(" on .*", "") + ")";
                }
                try (Statement s = setup.createStatement()) {
                    s.execute("drop table if exists bench_raw_case");
                    s.execute("""
                            create table bench_raw_case (id uuid primary key, organization_id uuid not null, reference text not null,
                                subject text not null, channel text not null, status text not null, body text not null,
                                created_at timestamptz not null, updated_at timestamptz not null, unique (organization_id, reference))""");
                    s.execute("create index on bench_raw_case (organization_id, status, updated_at desc)");
                }
            }
            UUID org = UUID.randomUUID();
            if (apiAvailable) {
                // the first level would otherwise pay for the JIT compiling the whole intake path (and look slow at 8 clients)
                // Rounds until the JIT has settled: under load C2 keeps compiling the intake path for about a minute
                // (7 s of compiler CPU in each of the first two 20 s rounds, under 1.5 s from the fourth on, session 9),
                // which would otherwise be measured as part of the first levels.
                int rounds = 0;
                double jitSeconds;
                do {
                    rounds++;
                    System.out.println("   warming the application up (round " + rounds + "): POST /api/v1/cases, 32 clients, not recorded");
                    Cost warmFrom = Cost.take(app, seq.get());
                    if (Wrk.use()) Wrk.run("warm-up", 32, base + "/api/v1/cases", "intake.lua", seq, "warm" + System.currentTimeMillis(), TOKEN);
                    else run("warm-up", 32, c -> () -> http.send(intakeRequest(base, seq.incrementAndGet()),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 201, app);
                    jitSeconds = (Cost.take(app, seq.get()).appTicks.getOrDefault("jit", 0L) - warmFrom.appTicks.getOrDefault("jit", 0L)) / 100.0;
                    System.out.printf("   the JIT compilers used %.1f s of CPU in that round%n", jitSeconds);
                    drain(app, warmFrom.at);
                } while (jitSeconds > JIT_SETTLED_SECONDS && rounds < MAX_WARMUP_ROUNDS);
                note += "; before the first level the application was warmed up with " + rounds + " × " + (warmupSeconds + measureSeconds)
                        + " s of intake at 32 clients, not recorded, until the JIT compilers used at most " + JIT_SETTLED_SECONDS
                        + " s of CPU in a round (last: " + jitSeconds + " s)";
            }
            // The issue's reference (about 5,000 durable inserts/s on these machines) is what ONE connection does: each
            // commit waits for its own WAL flush. Measured beside the levels' own references, at their concurrency, where
            // PostgreSQL's group commit shares a flush among many commits.
            if (!apiOnly) rows.add(rawInserts(app, org, 1));
            for (int clients : CONCURRENCY) {
                if (!apiOnly) rows.add(rawInserts(app, org, clients));
                if (apiAvailable) {
                    System.out.println("   POST /api/v1/cases, " + clients + " clients");
                    // a quiet moment between levels. (It does not keep the health level's commits out of this level's
                    // commitsPerContact: the pooled connections report them when next used, that is in this level; so
                    // that figure is exact only for the first level and with --api-only, about 1.0 per contact.)
                    Thread.sleep(11_000);
                    rows.add(withCost(app, seq, () -> Wrk.use() ? Wrk.run("POST /api/v1/cases (HTTP, JSON, bearer token)", clients,
                            base + "/api/v1/cases", "intake.lua", seq, "c" + clients + "t" + System.currentTimeMillis(), TOKEN)
                            : runCountingCpu("POST /api/v1/cases (HTTP, JSON, bearer token)", clients, c -> () -> {
                        HttpResponse<Void> r = http.send(intakeRequest(base, seq.incrementAndGet()), HttpResponse.BodyHandlers.discarding());
                        return r.statusCode() == 201 || r.statusCode() == 200;
                    }, app)));
                }
                if (apiOnly) continue;
                System.out.println("   GET /actuator/health, " + clients + " clients");
                Result health = Wrk.use() ? Wrk.run("GET /actuator/health (HTTP baseline)", clients, base + "/actuator/health",
                        "report.lua", new AtomicLong())
                        : runCountingCpu("GET /actuator/health (HTTP baseline)", clients, c -> () -> {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return r.statusCode() == 200;
                }, app);
                rows.add(health.row());
            }
            if (apiAvailable && Wrk.use()) {
                // Below saturation: the same contacts from 32 clients, each waiting a random think time (mean 32,000 /
                // rate ms) after every answer, as residents do, instead of sending the next one at once. What the
                // closed-loop levels above cannot show: the latency when the machine is not queueing for its cores.
                for (int rate : PACED_RATES) {
                    System.out.println("   POST /api/v1/cases, " + PACED_CLIENTS + " clients paced to about " + rate + "/s");
                    Thread.sleep(11_000);
                    String thinkMs = String.valueOf(1000.0 * PACED_CLIENTS / rate);
                    rows.add(withCost(app, seq, () -> Wrk.run("POST /api/v1/cases, clients with think time (about " + rate
                            + "/s offered)", PACED_CLIENTS, base + "/api/v1/cases", "intake-paced.lua", seq,
                            "p" + rate + "t" + System.currentTimeMillis(), TOKEN, thinkMs)));
                }
                note += "; the paced levels: " + PACED_CLIENTS + " clients, each waiting an exponentially distributed think "
                        + "time (mean " + PACED_CLIENTS + ",000 / rate ms) after every answer before its next contact, so "
                        + "the offered rate is a little below the named one (perSecond is what was sent)";
            }
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_raw_case");
            }
            note += rawShares(rows);
        }
        write("intake", Map.of("note", note, "warmupSeconds", warmupSeconds, "measureSeconds", measureSeconds, "runs", rows),
                "# Intake throughput\n\n" + note + ".\n\nEach client loops for " + warmupSeconds + " s of warm-up and "
                        + measureSeconds + " s measured; latency percentiles are over all measured requests. Raw PostgreSQL: one "
                        + "single-row insert per transaction (autocommit, synchronous_commit on: durable) into a table shaped like "
                        + "support_case, one connection per client, on the same embedded server Aspa uses.\n\n" + table(rows));
    }

    /**
     * The closed-loop intake levels as a share of the raw insert rates measured beside them: at the level's own
     * concurrency and at one connection (the issue's "about 5,000/s with durable commits").
     */
    static String rawShares(List<Map<String, Object>> rows) {
        Map<Integer, Double> raw = new LinkedHashMap<>();
        rows.stream().filter(r -> String.valueOf(r.get("what")).startsWith("raw "))
                .forEach(r -> raw.put((Integer) r.get("clients"), ((Number) r.get("perSecond")).doubleValue()));
        Double single = raw.get(1);
        StringBuilder shares = new StringBuilder();
        for (Map<String, Object> r : rows) {
            if (!String.valueOf(r.get("what")).startsWith("POST /api/v1/cases (HTTP")) continue;
            int clients = (Integer) r.get("clients");
            double rate = ((Number) r.get("perSecond")).doubleValue();
            Double same = raw.get(clients);
            if (same == null) continue;
            shares.append(shares.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%d clients %.1f %% of raw at %d",
                    clients, 100 * rate / same, clients));
            if (single != null) shares.append(String.format(java.util.Locale.ROOT, " and %.1f %% of raw at one connection", 100 * rate / single));
        }
        return shares.isEmpty() ? "" : "; intake as a share of the raw insert rate: " + shares;
    }

    /**
     * Raw PostgreSQL beside the intake: one single-row insert per transaction (autocommit, synchronous_commit on) into
     * a table shaped like support_case, one JDBC connection per client, on the server Aspa uses.
     */
    static Map<String, Object> rawInserts(App app, UUID org, int clients) throws Exception {
        System.out.println("   raw JDBC inserts, " + clients + " clients");
        AtomicLong n = new AtomicLong();
        List<Connection> rawConnections = Collections.synchronizedList(new ArrayList<>());
        Result raw = run("raw PostgreSQL insert+commit (JDBC)", clients, c -> {
            Connection conn = app.jdbc();
            rawConnections.add(conn);
            try (Statement s = conn.createStatement()) {
                s.execute("set synchronous_commit = on");
            }
            PreparedStatement ps = conn.prepareStatement("""
                    insert into bench_raw_case (id, organization_id, reference, subject, channel, status, body, created_at, updated_at)
                    values (?, ?, ?, ?, 'API', 'NEW', ?, now(), now())""");
            return () -> {
                long i = n.incrementAndGet();
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, org);
                ps.setString(3, "RAW-" + clients + "-" + i);
                ps.setString(4, "Kuoppa kadussa " + i);
                ps.setString(5, "Koivukuja 5 kohdalla on ajoradalla iso kuoppa, auton rengas meni rikki.");
                ps.executeUpdate();
                return true;
            };
        }, app);
        // closed, so that their backends report their last statistics now (an idle backend reports up to
        // 10 s later, inside the next level's window: commits per contact would count the raw inserts')
        for (Connection conn : rawConnections) conn.close();
        return raw.row();
    }

    /**
     * One intake level with what it cost: the load, then the wait until its background work is done, and the
     * application's and PostgreSQL's CPU, commits and rows per contact over both.
     */
    static Map<String, Object> withCost(App app, AtomicLong seq, Callable<Result> level) throws Exception {
        Cost before = Cost.take(app, seq.get());
        Map<String, Object> row = level.call().row();
        Cost sent = Cost.take(app, seq.get());
        double drained = drain(app, before.at);
        Cost after = Cost.take(app, seq.get());
        row.put("drainedAfterS", drained < 0 ? "not in 300 s" : round(drained));
        // what the whole application kept up with: every contact of the run (warm-up included) routed,
        // over the run and the time until its background work was done
        row.put("sustainedPerSecond", drained < 0 ? "backlog" : round((after.contacts() - before.contacts())
                / (warmupSeconds + measureSeconds + drained)));
        row.putAll(after.minus(before, sent));
        System.out.println("   " + row);
        return row;
    }

    /**
     * Waits until every case opened since {@code since} has a routing decision and the event publication registry
     * has nothing left to deliver (the background work of the run is done: routing, the clocks, assignment, the
     * service note); seconds after the last request, or -1 after 300 s.
     */
    static double drain(App app, Timestamp since) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = app.jdbc(); PreparedStatement ps = c.prepareStatement("""
                select (select count(*) from support_case s where s.created_at >= ?
                        and not exists (select 1 from routing_decision d where d.case_id = s.id))
                     + (select count(*) from event_publication where completion_date is null)""")) {
            ps.setTimestamp(1, since);
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(300)) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) return (System.nanoTime() - t0) / 1e9;
                }
                Thread.sleep(100);
            }
        }
        return -1;
    }

    /**
     * What a stretch of intake cost: the application's CPU by thread group (from /proc: request threads are the
     * virtual threads' carriers), the embedded PostgreSQL's CPU (postmaster, live backends and the exited ones'
     * totals), commits and rows written (pg_stat_database).
     */
    record Cost(Timestamp at, long contacts, Map<String, Long> appTicks, long pgTicks, long commits, long rowsWritten,
                long decisions, long routed) {
        static Cost take(App app, long contacts) throws Exception {
            Timestamp at;
            long commits, rows, decisions, routed;
            try (Connection c = app.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("""
                         select now(), sum(xact_commit), sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database""")) {
                rs.next();
                at = rs.getTimestamp(1);
                commits = rs.getLong(2);
                rows = rs.getLong(3);
            }
            // which path the contacts took: routed to a service (its unit, clocks, a person) or to triage
            try (Connection c = app.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), count(*) filter (where outcome = 'ROUTED') from routing_decision")) {
                rs.next();
                decisions = rs.getLong(1);
                routed = rs.getLong(2);
            }
            Map<String, Long> ticks = new TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + app.process.pid() + "/task"))) {
                for (Path t : tasks.toList()) {
                    String[] stat = procStat(t.resolve("stat"));
                    if (stat == null) continue;
                    String name = stat[0];
                    String group = name.startsWith("ForkJoinPool") ? "request" : name.startsWith("aspa-after-comm") ? "listeners"
                            : name.startsWith("routing-") ? "routingWorker" : name.startsWith("case-indexer") ? "indexer"
                            : name.contains("GC") || name.startsWith("VM Thread") ? "gc" : name.contains("Compiler") ? "jit" : "other";
                    ticks.merge(group, Long.parseLong(stat[12]) + Long.parseLong(stat[13]), Long::sum);
                }
            }
            return new Cost(at, contacts, ticks, pgTicks(app.dbPort), commits, rows, decisions, routed);
        }

        Map<String, Object> minus(Cost before, Cost sent) {
            long n = Math.max(1, contacts - before.contacts);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contacts", contacts - before.contacts);
            m.put("commitsPerContact", round((commits - before.commits) / (double) n));
            m.put("rowsWrittenPerContact", round((rowsWritten - before.rowsWritten) / (double) n));
            m.put("routedShare", round((routed - before.routed) / (double) Math.max(1, decisions - before.decisions)));
            long app = 0;
            for (var e : appTicks.entrySet()) {
                long d = e.getValue() - before.appTicks.getOrDefault(e.getKey(), 0L);
                app += d;
                m.put("cpuMs." + e.getKey(), round(d * 10.0 / n));
            }
            m.put("cpuMsPerContact.app", round(app * 10.0 / n));
            m.put("cpuMsPerContact.postgres", round((pgTicks - before.pgTicks) * 10.0 / n));
            long sentTicks = sent.appTicks.values().stream().mapToLong(Long::longValue).sum() + sent.pgTicks
                    - before.appTicks.values().stream().mapToLong(Long::longValue).sum() - before.pgTicks;
            long allTicks = app + pgTicks - before.pgTicks;
            m.put("cpuMsPerContact.afterLastRequest", round((allTicks - sentTicks) * 10.0 / n));
            return m;
        }

        static long pgTicks(int dbPort) throws IOException {
            long total = 0;
            Map<Long, Long> parent = new HashMap<>();
            Map<Long, Long> own = new HashMap<>();
            long postmaster = -1;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    String[] stat = procStat(p.resolve("stat"));
                    if (stat == null || !stat[0].startsWith("postgres")) continue;
                    long pid = Long.parseLong(name);
                    parent.put(pid, Long.parseLong(stat[2]));
                    own.put(pid, Long.parseLong(stat[12]) + Long.parseLong(stat[13]));
                    try {
                        String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                        if (cmd.contains("-p " + dbPort + " ") || cmd.endsWith("-p " + dbPort) || cmd.contains("port=" + dbPort)) {
                            postmaster = pid;
                            total += Long.parseLong(stat[14]) + Long.parseLong(stat[15]);
                        }
                    } catch (IOException gone) {
                        // exited meanwhile
                    }
                }
            }
            for (var e : own.entrySet()) {
                if (e.getKey() == postmaster || parent.get(e.getKey()) == postmaster) total += e.getValue();
            }
            return postmaster < 0 ? -1 : total;
        }

        /** The fields of /proc/…/stat after the pid: [0] = name, [1] = state, [2] = ppid, [12] utime, [13] stime, [14] cutime, [15] cstime. */
        static String[] procStat(Path stat) {
            try {
                String s = Files.readString(stat);
                int open = s.indexOf('('), close = s.lastIndexOf(')');
                String[] rest = s.substring(close + 2).split(" ");
                String[] out = new String[rest.length + 1];
                out[0] = s.substring(open + 1, close);
                System.arraycopy(rest, 0, out, 1, rest.length);
                return out;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    static HttpRequest intakeRequest(String base, long n) {
        String json = """
                {"customer":{"name":"Kuormitus Testaaja %d","email":"bench-%d@example.com","kind":"PERSON","language":"fi"},
                 "subject":"Kuoppa kadussa %d","body":"Koivukuja %d kohdalla on ajoradalla iso kuoppa, auton rengas meni rikki.","language":"fi"}"""
                .formatted(n, n % 5000, n, n % 60);
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/cases")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    // ================================================================== large data set

    static Path largeDir() {
        return data.resolve("large");
    }

    static void load() throws Exception {
        Path dir = largeDir();
        Path marker = dir.resolve("LOADED");
        if (Files.exists(marker)) {
            String loaded = Files.readString(marker).strip();
            if (loaded.contains(loadSignature())) {
                System.out.println("== large data set already loaded: " + loaded);
                return;
            }
            // a data set kept from an older bench/src/load-large.sql (or other sizes) is not the one measured now
            System.out.println("== the kept large data set was loaded by another load-large.sql or size: loading it again");
        }
        deleteTree(dir);
        try (App app = App.start(dir, true, "load")) {
            app.awaitLog(app.demoReadyMs, Duration.ofMinutes(5));
            loadInto(app);
        }
    }

    /** What the kept data set was loaded by: the script's SHA-256 and the sizes; a different one is loaded again. */
    static String loadSignature() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of("bench/src/load-large.sql")));
        return "script=" + java.util.HexFormat.of().formatHex(digest, 0, 8) + " cases=" + largeCases + " customers=" + largeCustomers;
    }

    static void loadInto(App app) throws Exception {
        System.out.println("== loading " + largeCases + " cases and " + largeCustomers + " customers (generate_series into the real schema)");
        String sql = Files.readString(Path.of("bench/src/load-large.sql"));
        long started = System.nanoTime();
        List<Map<String, Object>> steps = new ArrayList<>();
        try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("set work_mem = '64MB'");
            // Row triggers off (V345's, which keep each case's dashboard facts): the script sets the facts in one
            // statement at the end, and a trigger's per-row look-up would find no index during the load.
            s.execute("set session_replication_role = replica");
            // Bulk loading: fewer checkpoints, and secondary indexes built once at the end instead of row by row.
            // The schema afterwards is exactly the migrated one: the same index definitions are recreated.
            s.execute("alter system set max_wal_size = '8GB'");
            s.execute("alter system set checkpoint_timeout = '30min'");
            s.execute("select pg_reload_conf()");
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select i.indexname, i.indexdef from pg_indexes i
                    where i.schemaname = 'public' and i.tablename in ('customer', 'contact_point', 'support_case', 'case_message', 'case_event')
                      and not exists (select 1 from pg_constraint k where k.conindid = (quote_ident(i.indexname))::regclass)
                    order by i.tablename, i.indexname""")) {
                while (rs.next()) indexes.add(rs.getString(2));
            }
            for (String def : indexes) s.execute("drop index " + def.replaceAll("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            System.out.println("   dropped " + indexes.size() + " secondary indexes for the load");
            for (String statement : sql.split(";\\s*\\n")) {
                String stmt = statement.strip();
                if (stmt.isEmpty() || stmt.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) continue;
                stmt = stmt.replace(":cases", String.valueOf(largeCases)).replace(":customers", String.valueOf(largeCustomers));
                String label = stmt.lines().filter(l -> l.strip().startsWith("--")).findFirst().orElse(stmt.lines().findFirst().orElse("")).strip();
                long t = System.nanoTime();
                s.execute(stmt);
                long ms = (System.nanoTime() - t) / 1_000_000;
                System.out.println("   " + ms + " ms  " + label);
                steps.add(row("step", label, "ms", ms));
            }
            long t = System.nanoTime();
            for (String def : indexes) s.execute(def);
            s.execute("analyze");
            long ms = (System.nanoTime() - t) / 1_000_000;
            System.out.println("   " + ms + " ms  recreated " + indexes.size() + " secondary indexes, analyze");
            steps.add(row("step", "recreate the " + indexes.size() + " secondary indexes of the migrated schema, analyze", "ms", ms));
            s.execute("alter system reset max_wal_size");
            s.execute("alter system reset checkpoint_timeout");
            s.execute("select pg_reload_conf()");
            s.execute("checkpoint");
            Map<String, Object> counts = new LinkedHashMap<>();
            for (String table : List.of("customer", "support_case", "case_message", "case_event")) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
                rs.next();
                counts.put("databaseSize", rs.getString(1));
            }
            long totalMs = (System.nanoTime() - started) / 1_000_000;
            counts.put("loadMs", totalMs);
            Files.writeString(largeDir().resolve("LOADED"), counts + " " + loadSignature());
            write("load", Map.of("counts", counts, "steps", steps), "# Large data set\n\n" + table(List.of(counts))
                    + "\n" + table(steps));
        }
    }

    // ================================================================== reads

    static void reads() throws Exception {
        load();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (App app = App.start(largeDir(), true, "reads")) {
            app.awaitLog(app.demoReadyMs, Duration.ofMinutes(5));
            String base = "http://127.0.0.1:" + app.port;
            UUID org;
            List<UUID> caseIds = new ArrayList<>();
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select id from organization where slug = 'esimerkkila'")) {
                    rs.next();
                    org = rs.getObject(1, UUID.class);
                }
                try (ResultSet rs = s.executeQuery("select id from support_case where topic = 'bench' order by md5(id::text) limit 500")) {
                    while (rs.next()) caseIds.add(rs.getObject(1, UUID.class));
                }
            }
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String login = login(browser, base);
            notes.add("login as agentti: " + login);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> queries = List.of("katuvalo", "dagvårdsavgift", "rakennuslupa", "Koivukuja");
            AtomicLong k = new AtomicLong();
            for (int clients : dashboardOnly ? new int[0] : new int[] {1, 8}) {
                rows.add(httpGet("GET /actuator/health (baseline)", clients, http, () -> base + "/actuator/health", null, app, notes).row());
                rows.add(httpGet("GET /css/aspa.css (static baseline)", clients, http, () -> base + "/css/aspa.css", null, app, notes).row());
                rows.add(httpGet("GET /workspace (agent queue page)", clients, browser, () -> base + "/workspace", null, app, notes).row());
                rows.add(httpGet("GET /workspace/cases/{id} (case view)", clients, browser,
                        () -> base + "/workspace/cases/" + caseIds.get((int) (k.incrementAndGet() % caseIds.size())), null, app, notes).row());
                rows.add(httpGet("GET /api/v1/cases?q=... (search)", clients, http,
                        () -> base + "/api/v1/cases?q=" + java.net.URLEncoder.encode(queries.get((int) (k.incrementAndGet() % queries.size())), StandardCharsets.UTF_8),
                        "Bearer " + TOKEN, app, notes).row());
                rows.add(sql("SQL: queue (open cases, newest update first, 51 rows)", clients, app, conn -> {
                    PreparedStatement ps = conn.prepareStatement("""
                            select * from support_case where organization_id = ? and status = any(?) order by updated_at desc, id desc limit 51""");
                    ps.setObject(1, org);
                    ps.setArray(2, conn.createArrayOf("text", new String[] {"NEW", "OPEN", "WAITING"}));
                    return ps;
                }).row());
                rows.add(sql("SQL: case view (case, messages, history, customer)", clients, app, conn -> {
                    PreparedStatement ps = conn.prepareStatement("""
                            select c.*, cu.name, (select json_agg(m order by m.created_at) from case_message m where m.case_id = c.id and m.organization_id = c.organization_id) messages,
                                   (select json_agg(e order by e.created_at) from case_event e where e.case_id = c.id and e.organization_id = c.organization_id) history
                            from support_case c join customer cu on cu.id = c.customer_id where c.organization_id = ? and c.id = ?""");
                    ps.setObject(1, org);
                    return ps;
                }, (ps, i) -> ps.setObject(2, caseIds.get(i % caseIds.size()))).row());
                rows.add(sql("SQL: search (full text, newest update first, 51 rows)", clients, app, conn -> {
                    PreparedStatement ps = conn.prepareStatement("""
                            select * from support_case where organization_id = ? and (search @@ plainto_tsquery('simple', ?) or reference = upper(?))
                            order by updated_at desc, id desc limit 51""");
                    ps.setObject(1, org);
                    return ps;
                }, (ps, i) -> {
                    String q = queries.get(i % queries.size());
                    ps.setString(2, q);
                    ps.setString(3, q);
                }).row());
                rows.add(plannedSearch(clients, app, org, queries).row());
            }
            StringBuilder plan = new StringBuilder();
            dashboard(app, base, org, http, rows, notes, plan);
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                for (String q : queries) {
                    plan.append("== search: ").append(q).append('\n');
                    try (ResultSet rs = s.executeQuery("explain (analyze, buffers) select * from support_case where organization_id = '" + org
                            + "' and (search @@ plainto_tsquery('simple', '" + q + "') or reference = upper('" + q + "')) order by updated_at desc, id desc limit 51")) {
                        while (rs.next()) plan.append(rs.getString(1)).append('\n');
                    }
                }
                plan.append("== queue\n");
                try (ResultSet rs = s.executeQuery("explain (analyze, buffers) select * from support_case where organization_id = '" + org
                        + "' and status = any(array['NEW','OPEN','WAITING']) order by updated_at desc, id desc limit 51")) {
                    while (rs.next()) plan.append(rs.getString(1)).append('\n');
                }
            }
            Files.writeString(results.resolve("raw/query-plans.txt"), plan.toString());
        }
        if (dashboardOnly) {
            write("reads-dashboard", Map.of("notes", notes, "runs", rows), "# The managers' dashboard on " + largeCases
                    + " cases (bench/run reads --dashboard-only)\n\n" + notes.stream().map(n -> "- " + n).collect(Collectors.joining("\n"))
                    + "\n\nDashboard lines: 3 warm-up requests, then up to " + DASHBOARD_COUNT + " measured, stopping after "
                    + DASHBOARD_BUDGET.toSeconds() + " s once " + MIN_HEAVY + " are measured.\n\n" + table(rows));
            return;
        }
        write("reads", Map.of("notes", notes, "runs", rows), "# Reads on " + largeCases + " cases and " + largeCustomers
                + " customers\n\n" + notes.stream().map(n -> "- " + n).collect(Collectors.joining("\n")) + "\n\n"
                + "Each line: 300 measured requests (after 30 warm-up) per client. HTTP requests that do not answer 200 are "
                + "counted as errors; a route that is not in this build answers 404 and is marked so. The dashboard's lines "
                + "(one client): 3 warm-up requests, then up to " + DASHBOARD_COUNT + " measured, stopping after "
                + DASHBOARD_BUDGET.toSeconds() + " s once " + MIN_HEAVY + " are measured.\n\n" + table(rows));
    }

    // ================================================================== reads: the managers' dashboard

    /** Measured requests per client of a dashboard line at most, and the time after which a line stops (see runCount). */
    static final int DASHBOARD_COUNT = 30;
    static final Duration DASHBOARD_BUDGET = Duration.ofSeconds(90);

    /**
     * The customer-experience dashboard ({@code /workspace/insights}, module insights) as the demo administrator: the
     * whole organization for 30 and 90 days and a typed-in year (366 days, the longest allowed), one unit for 90
     * days, and the 90-day CSV; beside the health endpoint measured just before, a plain count of the period's cases
     * and the heaviest statement of CaseStatisticsStore run over JDBC with the same parameters. One client: a manager
     * looks at it now and then. The plans of CaseStatisticsStore's four statements go to query-plans.txt.
     */
    static void dashboard(App app, String base, UUID org, HttpClient http, List<Map<String, Object>> rows, List<String> notes,
                          StringBuilder plan) throws Exception {
        System.out.println("== the managers' dashboard");
        HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        notes.add("login as admin (the dashboard): " + login(admin, base, "admin"));
        UUID unit;
        String unitName;
        try (Connection c = app.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, name_fi from unit where organization_id = '" + org + "' order by name_fi limit 1")) {
            rs.next();
            unit = rs.getObject(1, UUID.class);
            unitName = rs.getString(2);
        }
        java.time.ZoneId helsinki = java.time.ZoneId.of("Europe/Helsinki");
        java.time.LocalDate today = java.time.LocalDate.now(helsinki);
        java.time.format.DateTimeFormatter dmy = java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy");
        String year = "from=" + today.minusDays(365).format(dmy) + "&to=" + today.format(dmy);
        // the 90-day period as Period.last(90, today) gives it: whole Helsinki days, the end exclusive
        Timestamp start = Timestamp.from(today.minusDays(89).atStartOfDay(helsinki).toInstant());
        Timestamp end = Timestamp.from(today.plusDays(1).atStartOfDay(helsinki).toInstant());
        notes.add("dashboard: the unit is " + unitName + " (" + unit + "); the 90-day period " + start.toInstant() + " .. "
                + end.toInstant() + "; the year " + year);
        int n = DASHBOARD_COUNT;
        Duration budget = DASHBOARD_BUDGET;
        rows.add(httpGet("GET /actuator/health (baseline, before the dashboard)", 1, http, () -> base + "/actuator/health", null, app, notes).row());
        rows.add(httpGet("GET /workspace/insights?days=30 (dashboard, whole organization)", 1, n, 3, budget, admin,
                () -> base + "/workspace/insights?days=30", null, app, notes).row());
        rows.add(httpGet("GET /workspace/insights?days=90 (dashboard, whole organization)", 1, n, 3, budget, admin,
                () -> base + "/workspace/insights?days=90", null, app, notes).row());
        rows.add(httpGet("GET /workspace/insights?from=..&to=.. (dashboard, whole organization, 366 days)", 1, n, 3, budget, admin,
                () -> base + "/workspace/insights?" + year, null, app, notes).row());
        rows.add(httpGet("GET /workspace/insights?days=90&unit=.. (dashboard, one unit)", 1, n, 3, budget, admin,
                () -> base + "/workspace/insights?days=90&unit=" + unit, null, app, notes).row());
        rows.add(httpGet("GET /workspace/insights.csv?days=90 (dashboard as CSV, whole organization)", 1, n, 3, budget, admin,
                () -> base + "/workspace/insights.csv?days=90", null, app, notes).row());
        rows.add(sql("SQL: count(*) of the 90 days' cases (raw reference)", 1, 300, 30, null, app, conn -> conn.prepareStatement(
                "select count(*) from support_case where organization_id = ? and created_at >= ? and created_at < ?"), (ps, i) -> {
            ps.setObject(1, org);
            ps.setTimestamp(2, start);
            ps.setTimestamp(3, end);
        }).row());
        // the plans (and times) of CaseStatisticsStore's statements for the 90 days, whole organization (both sides at once)
        String heaviest = null;
        double heaviestMs = -1;
        try (Connection c = app.jdbc()) {
            for (Map.Entry<String, String> q : CASE_STATISTICS.entrySet()) {
                plan.append("== dashboard, CaseStatisticsStore: ").append(q.getKey()).append(" (90 days, whole organization, residents and staff)\n");
                try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + q.getValue())) {
                    bindStatistics(ps, q.getKey(), org, null, start, end);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String line = rs.getString(1);
                            plan.append(line).append('\n');
                            Matcher m = Pattern.compile("Execution Time: ([\\d.]+) ms").matcher(line);
                            if (m.find() && Double.parseDouble(m.group(1)) > heaviestMs) {
                                heaviestMs = Double.parseDouble(m.group(1));
                                heaviest = q.getKey();
                            }
                        }
                    }
                }
            }
        }
        String name = heaviest;
        notes.add("dashboard: the heaviest statement of CaseStatisticsStore in its EXPLAIN ANALYZE: " + name + " ("
                + round(heaviestMs) + " ms)");
        rows.add(sql("SQL: CaseStatisticsStore's heaviest statement (" + name + "), 90 days, whole organization (raw reference)",
                1, n, 3, budget, app, conn -> conn.prepareStatement(CASE_STATISTICS.get(name)),
                (ps, i) -> bindStatistics(ps, name, org, null, start, end)).row());
        rows.add(sql("SQL: CaseStatisticsStore's four statements, 90 days, whole organization, residents and staff (as the page)",
                1, n, 3, budget, app, conn -> conn.prepareStatement("select 1"), (ps, i) -> {
                    Connection conn = ps.getConnection();
                    for (String key : CASE_STATISTICS.keySet()) {
                        try (PreparedStatement q = conn.prepareStatement(CASE_STATISTICS.get(key))) {
                            bindStatistics(q, key, org, null, start, end);
                            try (ResultSet rs = q.executeQuery()) {
                                while (rs.next()) rs.getObject(1);
                            }
                        }
                    }
                }).row());
    }

    /**
     * CaseStatisticsStore's statements: the very files that class reads (src/main/resources/fi/aspa/cases/statistics),
     * so the raw reference measures what the dashboard asks of PostgreSQL; parameters bound by {@link #bindStatistics}.
     */
    static final Map<String, String> CASE_STATISTICS = new LinkedHashMap<>();
    static {
        for (String name : List.of("contacts", "backlog", "resolved", "speed")) {
            try {
                CASE_STATISTICS.put(name, Files.readString(Path.of("src/main/resources/fi/aspa/cases/statistics/" + name + ".sql")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The parameters CaseStatisticsStore.figures binds to each statement, in its order. */
    static void bindStatistics(PreparedStatement ps, String statement, UUID org, UUID unit, Timestamp start,
                               Timestamp end) throws SQLException {
        Instant now = Instant.now();
        List<Object> values = switch (statement) {
            case "contacts", "speed", "resolved" -> Arrays.asList(org, start, end, unit, unit);
            case "backlog" -> Arrays.asList(Timestamp.from(now.minus(Duration.ofDays(7))), Timestamp.from(now.minus(Duration.ofDays(30))),
                    org, unit, unit);
            default -> throw new IllegalArgumentException(statement);
        };
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) ps.setNull(i + 1, java.sql.Types.OTHER);
            else if (v instanceof Timestamp t) ps.setTimestamp(i + 1, t);
            else ps.setObject(i + 1, v);
        }
    }

    static String login(HttpClient browser, String base) throws Exception {
        return login(browser, base, "agentti");
    }

    /** Signs {@code browser} in as a demo user (the demo password, README.md) through the login form with its CSRF token. */
    static String login(HttpClient browser, String base, String username) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            m = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page.body());
            if (!m.find()) return "no CSRF token on /login (" + page.statusCode() + ")";
        }
        String form = "username=" + username + "&password=demo-salasana&_csrf=" + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        return r.statusCode() + " -> " + location.replaceAll("^https?://[^/]+", "");
    }

    interface Call {
        boolean call() throws Exception;
    }

    interface ClientSetup {
        Call create(int client) throws Exception;
    }

    interface StatementFactory {
        PreparedStatement prepare(Connection c) throws SQLException;
    }

    interface Binder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    static Result httpGet(String name, int clients, HttpClient client, java.util.function.Supplier<String> url, String auth, App app,
                          List<String> notes) throws Exception {
        return httpGet(name, clients, 300, 30, null, client, url, auth, app, notes);
    }

    /**
     * {@code warmup} then {@code count} requests per client; with a {@code budget}, a client stops measuring once the
     * budget has passed and it has sent at least {@link #MIN_HEAVY} (for pages that take seconds each).
     */
    static Result httpGet(String name, int clients, int count, int warmup, Duration budget, HttpClient client,
                          java.util.function.Supplier<String> url, String auth, App app, List<String> notes) throws Exception {
        System.out.println("   " + name + ", " + clients + " client(s)");
        AtomicReference<String> status = new AtomicReference<>();
        Result r = runCount(name, clients, count, warmup, budget, c -> () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(300));
            if (auth != null) b.header("Authorization", auth);
            HttpResponse<byte[]> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) status.compareAndSet(null, String.valueOf(resp.statusCode()));
            return resp.statusCode() == 200;
        });
        if (status.get() != null) {
            String n = name + " answered " + status.get() + (status.get().equals("404") ? " (not in this build: to run after merge)" : "");
            if (!notes.contains(n)) notes.add(n);
            r.note = "HTTP " + status.get();
        }
        return r;
    }

    static Result sql(String name, int clients, App app, StatementFactory factory) throws Exception {
        return sql(name, clients, app, factory, (ps, i) -> { });
    }

    static Result sql(String name, int clients, App app, StatementFactory factory, Binder binder) throws Exception {
        return sql(name, clients, 300, 30, null, app, factory, binder);
    }

    static Result sql(String name, int clients, int count, int warmup, Duration budget, App app, StatementFactory factory,
                      Binder binder) throws Exception {
        System.out.println("   " + name + ", " + clients + " client(s)");
        AtomicLong n = new AtomicLong();
        return runCount(name, clients, count, warmup, budget, c -> {
            Connection conn = app.jdbc();
            PreparedStatement ps = factory.prepare(conn);
            return () -> {
                binder.bind(ps, (int) n.incrementAndGet());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rs.getObject(1);
                }
                return true;
            };
        });
    }

    /**
     * The word search as CaseStore plans it: the planner's estimate of matches first, then either all matches through
     * the text index sorted (up to 10,000 estimated) or the newest cases read in order until the page is full.
     */
    static Result plannedSearch(int clients, App app, UUID org, List<String> queries) throws Exception {
        String name = "SQL: search as Aspa plans it (estimate; collect matches up to 10,000, else newest first)";
        System.out.println("   " + name + ", " + clients + " client(s)");
        String where = " from support_case where organization_id = ? and search @@ plainto_tsquery('simple', ?)";
        String ordered = " order by updated_at desc, id desc limit 51";
        Pattern rowsInPlan = Pattern.compile("rows=(\\d+)");
        AtomicLong n = new AtomicLong();
        return runCount(name, clients, 300, 30, c -> {
            Connection conn = app.jdbc();
            PreparedStatement explain = conn.prepareStatement("explain select 1" + where);
            PreparedStatement collect = conn.prepareStatement("with matching as materialized (select *" + where + ") select * from matching" + ordered);
            PreparedStatement newest = conn.prepareStatement("select *" + where + ordered);
            return () -> {
                String q = queries.get((int) (n.incrementAndGet() % queries.size()));
                long estimate = Long.MAX_VALUE;
                explain.setObject(1, org);
                explain.setString(2, q);
                try (ResultSet rs = explain.executeQuery()) {
                    if (rs.next()) {
                        Matcher m = rowsInPlan.matcher(rs.getString(1));
                        if (m.find()) estimate = Long.parseLong(m.group(1));
                    }
                }
                PreparedStatement ps = estimate <= 10_000 ? collect : newest;
                ps.setObject(1, org);
                ps.setString(2, q);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rs.getObject(1);
                }
                return true;
            };
        });
    }

    // ================================================================== load generation and statistics

    static final class Result {
        final String name;
        final int clients;
        final long[] latenciesNanos;
        final long errors;
        final double seconds;
        String note = "";
        final String load = loadavg();

        Result(String name, int clients, long[] latenciesNanos, long errors, double seconds) {
            this.name = name;
            this.clients = clients;
            this.latenciesNanos = latenciesNanos;
            this.errors = errors;
            this.seconds = seconds;
        }

        /** Set when the load generator reports its own percentiles (wrk) instead of every latency. */
        Map<Double, Double> givenPercentilesMs;
        long givenRequests = -1;
        /** CPU the load generator itself used per measured request (it shares the 2 cores with what it measures). */
        double loadGeneratorCpuMs = Double.NaN;

        double percentileMs(double p) {
            if (givenPercentilesMs != null) return givenPercentilesMs.getOrDefault(p, Double.NaN);
            if (latenciesNanos.length == 0) return Double.NaN;
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.clamp(index, 0, latenciesNanos.length - 1)] / 1e6;
        }

        Map<String, Object> row() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", name);
            m.put("clients", clients);
            long requests = givenRequests >= 0 ? givenRequests : latenciesNanos.length;
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("perSecond", round(requests / seconds));
            m.put("p50ms", round(percentileMs(50)));
            m.put("p95ms", round(percentileMs(95)));
            m.put("p99ms", round(percentileMs(99)));
            m.put("maxMs", round(percentileMs(100)));
            m.put("loadavg1", load);
            m.put("note", note);
            if (!Double.isNaN(loadGeneratorCpuMs)) m.put("cpuMsPerRequest.loadGenerator", round(loadGeneratorCpuMs));
            return m;
        }
    }

    /** {@link #run} with the CPU this JVM (the load generator) used per measured request. */
    static Result runCountingCpu(String name, int clients, ClientSetup setup, App app) throws Exception {
        Duration before = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        Result r = run(name, clients, setup, app);
        Duration used = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(before);
        long all = Math.max(1, Math.round(r.latenciesNanos.length * (warmupSeconds + measureSeconds) / (double) measureSeconds));
        r.loadGeneratorCpuMs = used.toNanos() / 1e6 / all;
        return r;
    }

    /**
     * wrk as the load generator where it is installed ({@code apt-get install wrk}; bench/run installs it): a C
     * event loop spends about a twentieth of the CPU per request that the JDK's HttpClient does (0.05 against about
     * 1 ms), and on these 2 cores the load generator's CPU is taken from the application it measures. Closed loop
     * like {@link #run}: each connection sends its next request when the answer has come. A warm-up run, then the
     * measured run; wrk reports the percentiles itself (bench/src/report.lua).
     */
    static final class Wrk {
        static final int THREADS = 2;
        private static final Pattern RESULT = Pattern.compile(
                "RESULT requests=(\\d+) non2xx=(\\d+) errors=(\\d+) durationUs=(\\d+) p50us=(\\d+) p95us=(\\d+) p99us=(\\d+) maxUs=(\\d+)");
        private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

        static boolean use() {
            return !javaClient && Files.isExecutable(Path.of("/usr/bin/wrk"));
        }

        /** Runs the warm-up and the measured time; {@code sent} grows by every request answered (both runs). */
        static Result run(String name, int clients, String url, String script, AtomicLong sent, String... scriptArgs) throws Exception {
            long[] warm = once(Math.max(clients, THREADS), warmupSeconds, url, script, scriptArgs);
            sent.addAndGet(warm[0]);
            String load = loadavg();
            long[] m = once(Math.max(clients, THREADS), measureSeconds, url, script, scriptArgs);
            sent.addAndGet(m[0]);
            Result r = new Result(name, clients, new long[0], m[1] + m[2], m[3] / 1e6);
            r.givenRequests = m[0] - m[1];
            r.givenPercentilesMs = Map.of(50.0, m[4] / 1e3, 95.0, m[5] / 1e3, 99.0, m[6] / 1e3, 100.0, m[7] / 1e3);
            r.loadGeneratorCpuMs = (warm[8] + m[8]) / 1e6 / Math.max(1, warm[0] + m[0]);
            r.note = "wrk; load before: " + load;
            return r;
        }

        /** requests, non-2xx, errors, duration µs, p50, p95, p99, max µs, CPU ns of wrk. */
        private static long[] once(int clients, int seconds, String url, String script, String... scriptArgs) throws Exception {
            List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; times", "wrk", "-t" + THREADS,
                    "-c" + clients, "-d" + seconds + "s", "--timeout", "30s", "-s", "bench/src/" + script, url));
            if (scriptArgs.length > 0) {
                command.add("--");
                command.addAll(List.of(scriptArgs));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) p.destroyForcibly();
            Matcher r = RESULT.matcher(out);
            if (!r.find()) throw new IllegalStateException("wrk did not report: " + out);
            long[] v = new long[9];
            for (int i = 0; i < 8; i++) v[i] = Long.parseLong(r.group(i + 1));
            Matcher t = TIMES.matcher(out.substring(r.end()));
            if (t.find() && t.find()) { // the second line of `times`: the children's user and system time
                v[8] = Math.round((Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                        + Long.parseLong(t.group(3)) * 60 + Double.parseDouble(t.group(4))) * 1e9);
            }
            return v;
        }
    }

    /** Clients loop for the warm-up, then for the measured time; every request's latency is kept. */
    static Result run(String name, int clients, ClientSetup setup, App app) throws Exception {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
        CountDownLatch done = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int count = 0;
                    try {
                        Call call = setup.create(client);
                        while (true) {
                            long t0 = System.nanoTime();
                            if (t0 >= end) break;
                            boolean ok;
                            try {
                                ok = call.call();
                            } catch (Exception e) {
                                ok = false;
                            }
                            long t1 = System.nanoTime();
                            if (t0 >= measureFrom) {
                                if (!ok) errors.incrementAndGet();
                                else {
                                    if (count == lat.length) lat = Arrays.copyOf(lat, lat.length * 2);
                                    lat[count++] = t1 - t0;
                                }
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("   client " + client + " failed: " + e);
                    } finally {
                        all.add(Arrays.copyOf(lat, count));
                        done.countDown();
                    }
                    return null;
                });
            }
            done.await(warmupSeconds + measureSeconds + 120, TimeUnit.SECONDS);
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, clients, merged, errors.get(), measureSeconds);
    }

    /** Each client sends {@code warmup} then {@code count} requests. */
    static Result runCount(String name, int clients, int count, int warmup, ClientSetup setup) throws Exception {
        return runCount(name, clients, count, warmup, null, setup);
    }

    /** The fewest measured requests per client of a line with a time budget. */
    static final int MIN_HEAVY = 10;

    /** As above; with a {@code budget} (null for none) a client stops after it, once it has sent {@link #MIN_HEAVY}. */
    static Result runCount(String name, int clients, int count, int warmup, Duration budget, ClientSetup setup) throws Exception {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong measuredNanos = new AtomicLong();
        CountDownLatch warm = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            long[] startedAt = new long[1];
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    long[] lat = new long[count];
                    int n = 0;
                    try {
                        Call call = setup.create(client);
                        for (int i = 0; i < warmup; i++) {
                            try {
                                call.call();
                            } catch (Exception ignored) {
                                // warm-up errors are counted in the measured part if they persist
                            }
                        }
                        warm.countDown();
                        warm.await();
                        long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
                        for (int i = 0; i < count; i++) {
                            long t0 = System.nanoTime();
                            if (i >= MIN_HEAVY && t0 > deadline) break;
                            boolean ok;
                            try {
                                ok = call.call();
                            } catch (Exception e) {
                                ok = false;
                            }
                            long t1 = System.nanoTime();
                            if (ok) lat[n++] = t1 - t0;
                            else errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("   client " + client + " failed: " + e);
                        warm.countDown();
                    } finally {
                        all.add(Arrays.copyOf(lat, n));
                    }
                    return null;
                }));
            }
            warm.await(10, TimeUnit.MINUTES);
            long t = System.nanoTime();
            for (var f : futures) f.get(15, TimeUnit.MINUTES);
            measuredNanos.set(System.nanoTime() - t);
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, clients, merged, errors.get(), measuredNanos.get() / 1e9);
    }

    // ================================================================== the application under test

    static final class App implements AutoCloseable {
        final Process process;
        final int port;
        final int dbPort;
        final Path dir;
        final long startNanos;
        long healthUpMs = -1;
        final AtomicLong startedMs = new AtomicLong(-1);
        final AtomicLong demoReadyMs = new AtomicLong(-1);
        final AtomicReference<String> demoCreatedLine = new AtomicReference<>();
        String loadAtStart = loadavg();

        private App(Process process, int port, int dbPort, Path dir, long startNanos) {
            this.process = process;
            this.port = port;
            this.dbPort = dbPort;
            this.dir = dir;
            this.startNanos = startNanos;
        }

        static App start(Path dir, boolean demo, String logName) throws Exception {
            int port = freePort();
            int dbPort = freePort();
            List<String> command = new ArrayList<>();
            command.add(JAVA);
            command.addAll(JVM_OPTS);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("ASPA_DATA_DIR", dir.toAbsolutePath().toString());
            pb.environment().put("PORT", String.valueOf(port));
            pb.environment().put("ASPA_DB_EMBEDDED_PORT", String.valueOf(dbPort));
            pb.environment().put("ASPA_DEMO", String.valueOf(demo));
            pb.environment().remove("ASPA_DB_URL");
            Path log = results.resolve("raw/" + logName + ".log");
            long t0 = System.nanoTime();
            Process p = pb.start();
            App app = new App(p, port, dbPort, dir, t0);
            Thread.ofPlatform().daemon().start(() -> app.pump(log));
            app.awaitHealth(Duration.ofMinutes(5));
            System.out.println("   up in " + app.healthUpMs + " ms (port " + port + ", pid " + p.pid() + ")");
            return app;
        }

        void pump(Path log) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    long ms = (System.nanoTime() - startNanos) / 1_000_000;
                    out.println(line);
                    if (line.contains("Started AspaApplication")) startedMs.compareAndSet(-1, ms);
                    if (line.contains("Demo organization created")) demoCreatedLine.set(line);
                    if (line.contains("Exempelby is ready")) {
                        demoReadyMs.compareAndSet(-1, ms);
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        void awaitHealth(Duration timeout) throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("Aspa exited with " + process.exitValue() + "; see " + results.resolve("raw"));
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        healthUpMs = (System.nanoTime() - startNanos) / 1_000_000;
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("Aspa did not become healthy in " + timeout);
        }

        synchronized void awaitLog(AtomicLong mark, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (mark.get() < 0 && System.currentTimeMillis() < deadline && process.isAlive()) wait(500);
        }

        Connection jdbc() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "");
        }

        Map<String, Object> memory() throws Exception {
            new ProcessBuilder(JCMD, String.valueOf(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            Thread.sleep(2000);
            Map<String, Object> m = new LinkedHashMap<>();
            long[] java = rssPss(process.pid());
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).getFirst().strip());
            List<Long> pg = new ArrayList<>();
            pg.add(postmaster);
            pg.addAll(children(postmaster));
            long pgRss = 0;
            long pgPss = 0;
            for (long pid : pg) {
                long[] v = rssPss(pid);
                pgRss += v[0];
                pgPss += v[1];
            }
            m.put("javaRssMiB", java[0] / 1024);
            m.put("javaPssMiB", java[1] / 1024);
            m.put("postgresProcesses", pg.size());
            m.put("postgresRssSumMiB", pgRss / 1024);
            m.put("postgresPssMiB", pgPss / 1024);
            m.put("totalPssMiB", (java[1] + pgPss) / 1024);
            return m;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The one-minute load average: other work on the machine skews every number here. */
    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long[] rssPss(long pid) {
        long rss = 0;
        long pss = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (l.startsWith("Rss:")) rss = Long.parseLong(l.replaceAll("\\D", ""));
                if (l.startsWith("Pss:")) pss = Long.parseLong(l.replaceAll("\\D", ""));
            }
        } catch (IOException e) {
            // gone
        }
        return new long[] {rss, pss};
    }

    static List<Long> children(long parent) throws IOException {
        List<Long> result = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : dirs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == parent) result.add(Long.parseLong(name));
                } catch (IOException | RuntimeException e) {
                    // gone
                }
            }
        }
        return result;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // ================================================================== output

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(String.valueOf(kv[i]), kv[i + 1]);
        return m;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }

    static String table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) return "(none)\n";
        List<String> keys = rows.stream().flatMap(r -> r.keySet().stream()).distinct().toList();
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", keys)).append(" |\n|");
        keys.forEach(k -> b.append("---|"));
        b.append('\n');
        for (Map<String, Object> r : rows) {
            b.append("| ").append(keys.stream().map(k -> String.valueOf(r.getOrDefault(k, ""))).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return b.toString();
    }

    static void write(String name, Map<String, Object> json, String markdown) throws IOException {
        Files.writeString(results.resolve(name + ".json"), toJson(json) + "\n");
        Files.writeString(results.resolve(name + ".md"), markdown + "\n_Written by `bench/run` at " + Instant.now() + "._\n");
        System.out.println("   -> " + results.resolve(name + ".md"));
    }

    static String toJson(Object o) {
        return switch (o) {
            case null -> "null";
            case Map<?, ?> m -> m.entrySet().stream().map(e -> toJson(String.valueOf(e.getKey())) + ":" + toJson(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            case List<?> l -> l.stream().map(Bench::toJson).collect(Collectors.joining(",", "[", "]"));
            case Number n when n instanceof Double d && (d.isNaN() || d.isInfinite()) -> "null";
            case Number n -> n.toString();
            case Boolean bool -> bool.toString();
            default -> "\"" + o.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        };
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
