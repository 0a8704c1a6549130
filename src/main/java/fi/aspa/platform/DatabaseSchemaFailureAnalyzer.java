package fi.aspa.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Start-up fails because Flyway's validation refused the database's schema: most often a schema migrated by a newer
 * version of Aspa (a migration applied there that this code does not have; {@code spring.flyway.ignore-migration-patterns}
 * is empty so that is an error, not a warning), otherwise a migration changed after it was applied. Aspa never
 * migrates a schema down: it refuses to start, with this message and exit status 1.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseSchemaFailureAnalyzer extends AbstractFailureAnalyzer<FlywayValidateException> {
    private static final Pattern NOT_RESOLVED_LOCALLY = Pattern.compile("applied migration not resolved locally: ([^\\s.]+(?:\\.\\d+)*)");
    private final Environment environment;

    DatabaseSchemaFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayValidateException cause) {
        String where = DatabaseUrls.describe(environment);
        String details = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("\\s+", " ").strip();
        Matcher unknown = NOT_RESOLVED_LOCALLY.matcher(details);
        List<String> versions = new ArrayList<>();
        while (unknown.find()) versions.add(unknown.group(1));
        if (!versions.isEmpty()) {
            return new FailureAnalysis(
                    "The database at " + where + " has a schema newer than this version of Aspa: it holds "
                            + (versions.size() == 1 ? "migration " : "migrations ") + String.join(", ", versions)
                            + ", which this code does not have.",
                    "Run the version of Aspa that migrated this database (or a newer one), or point ASPA_DB_URL at a database "
                            + "of this version. Aspa never migrates a schema down; restore a backup taken before the upgrade "
                            + "if you must go back.",
                    rootFailure);
        }
        return new FailureAnalysis(
                "The schema of the database at " + where + " does not match this version of Aspa's migrations: " + details,
                "A migration was changed or removed after it had been applied. Do not run Flyway's repair to get past this. Run the version of Aspa that created this "
                        + "database, or restore a backup; do not edit applied migrations.",
                rootFailure);
    }
}
