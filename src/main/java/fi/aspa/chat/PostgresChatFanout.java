package fi.aspa.chat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fan-out over PostgreSQL LISTEN/NOTIFY. Publishing is {@code pg_notify} on the caller's connection, so inside
 * a transaction PostgreSQL itself sends the notification at commit and drops it on rollback. Listening uses one
 * dedicated connection outside the pool ({@code PGConnection.getNotifications}); when that connection is lost
 * it reconnects and tells its receivers to re-read ({@link ChatSignal.Type#RESYNC}), since notifications sent
 * meanwhile are gone.
 */
class PostgresChatFanout implements ChatFanout, SmartLifecycle, AutoCloseable {
    static final String CHANNEL = "aspa_chat";
    private static final Logger log = LoggerFactory.getLogger(PostgresChatFanout.class);

    private final DataSource dataSource;
    private final JdbcClient db;
    private final List<Consumer<ChatSignal>> receivers = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    PostgresChatFanout(DataSource dataSource) {
        this.dataSource = dataSource;
        this.db = JdbcClient.create(dataSource);
    }

    @Override
    public void publish(ChatSignal signal) {
        db.sql("select pg_notify(?, ?)").params(CHANNEL, signal.encode()).query(rs -> {});
    }

    @Override
    public void subscribe(Consumer<ChatSignal> receiver) {
        receivers.add(receiver);
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        thread = Thread.ofPlatform().name("chat-fanout-listener").daemon().start(this::listen);
        try {
            if (!listening.await(15, TimeUnit.SECONDS)) log.warn("Chat fan-out is not listening yet; continuing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean reconnect = false;
        long backoff = 200;
        while (running) {
            try (Connection c = open()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening.countDown();
                if (reconnect) deliver(new ChatSignal(ChatSignal.Type.RESYNC, null, null, 0, null));
                backoff = 200;
                int idle = 0;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null || notifications.length == 0) {
                        if (++idle % 30 == 0 && !c.isValid(5)) throw new SQLException("listening connection is not valid");
                        continue;
                    }
                    idle = 0;
                    for (PGNotification n : notifications) {
                        try {
                            deliver(ChatSignal.decode(n.getParameter()));
                        } catch (IllegalArgumentException bad) {
                            log.warn("Ignored a malformed chat signal");
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) break;
                log.warn("Chat fan-out lost its listening connection; reconnecting: {}", e.getMessage());
                reconnect = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, 5000);
            } finally {
                connection = null;
            }
        }
    }

    /** A connection of its own, outside the pool: it is held for as long as the node runs. */
    private Connection open() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void deliver(ChatSignal signal) {
        for (Consumer<ChatSignal> receiver : receivers) {
            try {
                receiver.accept(signal);
            } catch (RuntimeException e) {
                log.warn("Chat signal receiver failed", e);
            }
        }
    }
}
