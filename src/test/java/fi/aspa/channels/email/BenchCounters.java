package fi.aspa.channels.email;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * For the benchmark only: counts the SQL statements (by their text), batches and commits that go through the
 * application's data source, and the CPU time of this JVM and of the embedded PostgreSQL's processes, so a run can
 * say what one message costs (statements and CPU do not depend on the machine's load as much as the rate does).
 */
final class BenchCounters {
    static final Map<String, LongAdder> STATEMENTS = new ConcurrentHashMap<>();
    static final LongAdder EXECUTES = new LongAdder();
    static final LongAdder BATCH_ROWS = new LongAdder();
    static final LongAdder COMMITS = new LongAdder();

    private BenchCounters() {}

    static void reset() {
        STATEMENTS.clear();
        EXECUTES.reset();
        BATCH_ROWS.reset();
        COMMITS.reset();
    }

    /** Wraps the data source (only in the benchmark's context). */
    static BeanPostProcessor postProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource ds && beanName.equals("dataSource")) {
                    return proxy(ds, new Class<?>[] {DataSource.class, Closeable.class}, (p, m, a) -> {
                        if (m.getName().equals("close") && m.getParameterCount() == 0) {
                            if (ds instanceof AutoCloseable c) c.close();
                            return null;
                        }
                        Object result = call(ds, m, a);
                        return result instanceof Connection c ? connection(c) : result;
                    });
                }
                return bean;
            }
        };
    }

    private static Connection connection(Connection c) {
        return proxy(c, new Class<?>[] {Connection.class}, (p, m, a) -> {
            Object result = call(c, m, a);
            switch (m.getName()) {
                case "commit" -> COMMITS.increment();
                case "prepareStatement", "prepareCall" -> {
                    return statement((Statement) result, (String) a[0]);
                }
                case "createStatement" -> {
                    return statement((Statement) result, null);
                }
                default -> {}
            }
            return result;
        });
    }

    private static Statement statement(Statement s, String sql) {
        Class<?> type = s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) proxy(s, new Class<?>[] {type}, (p, m, a) -> {
            String name = m.getName();
            if (name.equals("addBatch")) {
                BATCH_ROWS.increment();
                count(sql != null ? sql : (a != null && a.length > 0 ? String.valueOf(a[0]) : "?"));
            } else if (name.startsWith("execute")) {
                EXECUTES.increment();
                if (!name.equals("executeBatch") && !name.equals("executeLargeBatch")) {
                    count(sql != null ? sql : (a != null && a.length > 0 ? String.valueOf(a[0]) : "?"));
                }
            }
            return call(s, m, a);
        });
    }

    /** By the statement's text as given (the same constant each time: its hash is cached); shortened in the report. */
    private static void count(String sql) {
        STATEMENTS.computeIfAbsent(sql, k -> new LongAdder()).increment();
    }

    private static String shortText(String sql) {
        String key = sql.strip().replaceAll("\\s+", " ");
        return key.length() > 110 ? key.substring(0, 110) : key;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, Class<?>[] types, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(BenchCounters.class.getClassLoader(), types, handler);
    }

    private static Object call(Object target, Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The statements per message, most frequent first. */
    static String breakdown(int messages, int top) {
        Map<String, Long> merged = new java.util.HashMap<>();
        STATEMENTS.forEach((sql, n) -> merged.merge(shortText(sql), n.sum(), Long::sum));
        List<Map.Entry<String, Long>> all = new ArrayList<>(merged.entrySet());
        all.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        long total = all.stream().mapToLong(Map.Entry::getValue).sum();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "SQL: %.2f statements per message (%d round trips: %.2f per message; %d batched rows), %.3f commits per message%n",
                (double) total / messages, EXECUTES.sum(), (double) EXECUTES.sum() / messages, BATCH_ROWS.sum(),
                (double) COMMITS.sum() / messages));
        for (Map.Entry<String, Long> e : all.subList(0, Math.min(top, all.size()))) {
            out.append(String.format(Locale.ROOT, "  %6.3f  %s%n", (double) e.getValue() / messages, e.getKey()));
        }
        return out.toString();
    }

    /** CPU seconds of this JVM. */
    static double jvmCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** CPU seconds of the PostgreSQL server (its postmaster with reaped children, and its live children). */
    static double postgresCpuSeconds(String dataDirectory) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).getFirst().strip());
            double hz = 100.0;
            long ticks = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    String[] f;
                    try {
                        String stat = Files.readString(dir.resolve("stat"));
                        f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    } catch (IOException | RuntimeException e) {
                        continue;
                    }
                    long pid = Long.parseLong(dir.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    // fields after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks / hz;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
