package fi.aspa.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-install default: when no external database URL is configured ({@code ASPA_DB_URL}), Aspa runs its
 * own PostgreSQL with data kept under {@code aspa.embedded-db.data-dir}. One server per JVM: tests that start
 * several application contexts share it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedDatabase.Settings.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;
    private static int users;

    /** Where the embedded server keeps its data (none: a temporary directory), its port (0: any free one). */
    @ConfigurationProperties("aspa.embedded-db")
    record Settings(Path dataDir, @DefaultValue("0") int port, @DefaultValue("false") boolean clean,
                    @DefaultValue("20") int poolSize) {}

    @Bean(destroyMethod = "close")
    DataSource dataSource(Settings settings) {
        EmbeddedPostgres pg = start(settings);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("aspa-embedded");
        return new HikariDataSource(config) {
            @Override
            public void close() {
                super.close();
                release();
            }
        };
    }

    /** The server stops after the last data source on it closed, so shutdown work (event registry) still has it. */
    static synchronized void release() {
        if (--users > 0 || server == null) return;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        server = null;
    }

    static synchronized EmbeddedPostgres start(Settings settings) {
        users++;
        if (server != null) return server;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(settings.port())
                    .setServerConfig("max_connections", "200")
                    // zonky starts PostgreSQL with fsync and synchronous_commit off (fine for throw-away test
                    // databases). Aspa keeps real data here, and a resident sees a case reference only after the
                    // commit: the commit must survive a crash, and the data directory a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false);
            if (settings.dataDir() != null) {
                Path dir = settings.dataDir().toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(settings.clean());
            }
            server = builder.start();
            log.info("Embedded PostgreSQL listening on port {} (data: {})", server.getPort(),
                    settings.dataDir() == null ? "temporary" : settings.dataDir().toAbsolutePath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
