package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.aspa.AspaApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * Aspa refuses to start, with a one-paragraph explanation, when its database is unreachable or holds a newer schema.
 * Each case starts the real application programmatically and checks both the analysis and what Spring Boot printed
 * (which proves the analyzers are registered in META-INF/spring.factories).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void anUnreachableDatabaseIsExplainedWithoutThePassword(CapturedOutput output) {
        String url = "jdbc:postgresql://127.0.0.1:1/aspa?user=aspa&password=hunter2";
        Throwable failure = start("--spring.datasource.url=" + url, "--spring.datasource.password=hunter2");

        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer(env(url)).analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("Aspa cannot reach its database at jdbc:postgresql://127.0.0.1:1/aspa?user=aspa&password=***: ")
                .contains("Connection to 127.0.0.1:1 refused")
                .doesNotContain("hunter2");
        assertThat(analysis.getAction()).contains("ASPA_DB_URL");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Aspa cannot reach its database at jdbc:postgresql://127.0.0.1:1/aspa?user=aspa&password=***")
                .contains("Check ASPA_DB_URL");
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefused(CapturedOutput output) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start()) {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
                            installed_by, execution_time, success)
                        select max(installed_rank) + 1, '9999', 'from a newer aspa', 'SQL', 'V9999__from_a_newer_aspa.sql',
                            12345, 'postgres', 1, true from flyway_schema_history""");
            }
            String url = pg.getJdbcUrl("postgres", "postgres");
            Throwable failure = start("--spring.datasource.url=" + url, "--spring.datasource.username=postgres");

            assertThat(failure).isNotNull();
            FailureAnalysis analysis = new DatabaseSchemaFailureAnalyzer(env(url)).analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("The database at " + url + " has a schema newer than this version of Aspa")
                    .contains("it holds migration 9999, which this code does not have").doesNotContain("repair");
            assertThat(analysis.getAction()).contains("never migrates a schema down");
            assertThat(new DatabaseUnreachableFailureAnalyzer(env(url)).analyze(failure)).isNull();
            assertThat(output).contains("APPLICATION FAILED TO START").contains("has a schema newer than this version of Aspa");
        }
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        RuntimeException unrelated = new IllegalStateException("something else");
        assertThat(new DatabaseUnreachableFailureAnalyzer(env("jdbc:postgresql://db/aspa")).analyze(unrelated)).isNull();
        assertThat(new DatabaseSchemaFailureAnalyzer(env("jdbc:postgresql://db/aspa")).analyze(unrelated)).isNull();
    }

    @Test
    void passwordsNeverAppearInTheUrlShown() {
        assertThat(DatabaseUrls.withoutPassword("jdbc:postgresql://db:5432/aspa?password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/aspa?password=***&ssl=true");
        assertThat(DatabaseUrls.withoutPassword("jdbc:postgresql://aspa:s3cret@db:5432/aspa")).isEqualTo("jdbc:postgresql://aspa:***@db:5432/aspa");
        assertThat(DatabaseUrls.withoutPassword("jdbc:postgresql://db/aspa")).isEqualTo("jdbc:postgresql://db/aspa");
        assertThat(DatabaseUrls.describe(new MockEnvironment().withProperty("aspa.embedded-db.data-dir", "./data/postgres")))
                .isEqualTo("the embedded PostgreSQL (data in ./data/postgres)");
    }

    private static MockEnvironment env(String url) {
        return new MockEnvironment().withProperty("spring.datasource.url", url);
    }

    private static Throwable start(String... args) {
        SpringApplication app = new SpringApplication(AspaApplication.class);
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--aspa.demo.enabled=false";
        all[args.length + 1] = "--server.port=0";
        all[args.length + 2] = "--spring.main.banner-mode=off";
        all[args.length + 3] = "--management.server.port=";
        all[args.length + 4] = "--spring.jmx.enabled=false";
        return catchThrowable(() -> app.run(all).close());
    }
}
