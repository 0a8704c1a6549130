package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link CaseStatistics} in four set-based queries, each filtered by the organization first and grouped into the
 * residents' and the staff's own cases (so the period is read once, not once for each), each a scan of one index of
 * the cases: contacts and the speed of the cases opened in the period from {@code support_case_created_idx}, the
 * backlog from {@code support_case_queue_idx}, the resolutions from {@code support_case_first_resolved_idx}. The
 * first reply, first resolution, reopening and transfer are facts each case keeps on its row, kept by triggers on its
 * messages and events (V345).
 */
@Service
@Transactional(readOnly = true)
class CaseStatisticsStore implements CaseStatistics {
    /**
     * The statements, in {@code fi/aspa/cases/statistics/*.sql} so that the dashboard benchmark runs the very same
     * text over raw JDBC as its reference. Parameters: the organization, the period and the unit (null for all).
     */
    static final String CONTACTS = statement("contacts");
    static final String BACKLOG = statement("backlog");
    static final String RESOLVED = statement("resolved");
    static final String SPEED = statement("speed");

    private final JdbcClient db;
    private final Clock clock;

    CaseStatisticsStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Split figures(OrganizationId organization, UUID unitId, Instant from, Instant to) {
        UUID org = organization.value();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Contacts> contacts = db.sql(CONTACTS)
                .params(org, start, end, unitId, unitId)
                .query((rs, n) -> new Contacts(Channel.valueOf(rs.getString("channel")),
                        rs.getObject("week", LocalDate.class), rs.getLong("cases")))
                .list();

        Instant now = clock.instant();
        Map<Boolean, long[]> backlog = new HashMap<>();
        db.sql(BACKLOG)
                .params(Timestamp.from(now.minus(Duration.ofDays(7))), Timestamp.from(now.minus(Duration.ofDays(30))),
                        org, unitId, unitId)
                .query((RowCallbackHandler) rs -> backlog.put(rs.getBoolean("internal"),
                        new long[] {rs.getLong("open"), rs.getLong("over7"), rs.getLong("over30")}));

        Map<Boolean, long[]> resolved = new HashMap<>();
        db.sql(RESOLVED)
                .params(org, start, end, unitId, unitId)
                .query((RowCallbackHandler) rs -> resolved.put(rs.getBoolean("internal"),
                        new long[] {rs.getLong("resolved"), rs.getLong("reopened")}));

        Map<Boolean, Speed> speed = new HashMap<>();
        db.sql(SPEED)
                .params(org, start, end, unitId, unitId)
                .query((RowCallbackHandler) rs -> speed.put(rs.getBoolean("internal"), new Speed(rs.getLong("opened"),
                        rs.getLong("transferred"),
                        new Durations(rs.getLong("replied"), nullable(rs, "reply_median"), nullable(rs, "reply_p90")),
                        new Durations(rs.getLong("resolved"), nullable(rs, "resolution_median"), nullable(rs, "resolution_p90")))));

        return new Split(side(false, contacts, backlog, resolved, speed), side(true, contacts, backlog, resolved, speed));
    }

    private static String statement(String name) {
        try {
            return new ClassPathResource("fi/aspa/cases/statistics/" + name + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One side's figures from the statements' rows; a side a statement had no row for counts zero. */
    private static Figures side(boolean internal, List<Contacts> contacts, Map<Boolean, long[]> backlog,
                                Map<Boolean, long[]> resolved, Map<Boolean, Speed> speed) {
        long[] open = backlog.getOrDefault(internal, new long[3]);
        long[] done = resolved.getOrDefault(internal, new long[2]);
        Speed pace = speed.getOrDefault(internal, Speed.NONE);
        return new Figures(contacts.stream().filter(c -> (c.channel() == Channel.INTERNAL) == internal).toList(),
                done[0], done[1], open[0], open[1], open[2], pace.opened(), pace.transferred(), pace.firstResponse(),
                pace.resolution());
    }

    /** The cases opened in the period: how many, how many a person transferred, and their speed. */
    private record Speed(long opened, long transferred, Durations firstResponse, Durations resolution) {
        static final Speed NONE = new Speed(0, 0, new Durations(0, null, null), new Durations(0, null, null));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
