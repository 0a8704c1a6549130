package fi.aspa.platform;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Start-up fails because the database cannot be reached or refuses the login: says so in one paragraph, with the
 * URL (never the password) and what to check, instead of a page of stack trace. Registered in
 * {@code META-INF/spring.factories}; Spring Boot prints the analysis and the process exits with status 1.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {
    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException sql = null;
        Throwable network = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null && sql == null) sql = e;
            if (t instanceof ConnectException || t instanceof UnknownHostException) network = t;
        }
        String state = sql == null ? null : sql.getSQLState();
        boolean connection = state != null && (state.startsWith("08") || state.equals("3D000") || state.equals("57P03"));
        boolean login = state != null && state.startsWith("28");
        if (!connection && !login && network == null) return null;
        String cause = sql != null ? sql.getMessage() : network.toString();
        String where = DatabaseUrls.describe(environment);
        if (login) {
            return new FailureAnalysis(
                    "Aspa cannot log in to its database at " + where + ": " + cause,
                    "Check ASPA_DB_USER and ASPA_DB_PASSWORD (the database user and its password), and that the user may "
                            + "connect to that database.",
                    failure);
        }
        return new FailureAnalysis(
                "Aspa cannot reach its database at " + where + ": " + cause,
                "Check ASPA_DB_URL (jdbc:postgresql://host:port/database), that PostgreSQL is running and accepts TCP/IP "
                        + "connections from this machine, and that the database exists. Unset ASPA_DB_URL to run Aspa on "
                        + "its embedded PostgreSQL instead.",
                failure);
    }
}
