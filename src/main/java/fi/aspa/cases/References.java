package fi.aspa.cases;

import fi.aspa.organization.Organization;
import fi.aspa.platform.AfterCommit;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Readable case references ({@code ASPA-2026-000123}) from one PostgreSQL sequence per organization and year.
 *
 * <p>A sequence hands out numbers without a lock that lasts until the intake commits: the counter row they replace
 * was held from the case's first insert to its commit, so every contact of an organization queued behind the one
 * before it, and intake could not run faster than one commit at a time. The price is the sequence's: a contact
 * that is refused after it took its number (a rolled-back transaction) leaves a gap. Numbers are still unique and
 * rise in the order they are taken. A sequence is created the first time its organization and year need one,
 * starting after what the older counter table ({@code case_reference_counter}) already gave out.
 */
@Component
class References {
    private final JdbcTemplate jdbc;
    /** Sequences known to exist: added only after the transaction that created one commits. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    References(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code count} new numbers for the year, ascending (for cases imported in time order). */
    List<Long> reserve(OrganizationId organization, int year, int count) {
        return jdbc.queryForList("select nextval(?::regclass) as n from generate_series(1, ?) order by n", Long.class,
                sequence(organization, year), count);
    }

    static String format(Organization org, int year, long number) {
        return "%s-%d-%06d".formatted(org.casePrefix(), year, number);
    }

    /**
     * The name of the organization's sequence for the year, created when it does not exist yet. The case's insert
     * takes its number ({@code nextval}) and formats it as {@link #format} does, in the same statement.
     */
    String sequence(OrganizationId organization, int year) {
        if (year < 1000 || year > 9999) throw new IllegalArgumentException("year " + year);
        String name = "case_ref_" + organization.value().toString().replace("-", "") + "_" + year;
        if (known.contains(name)) return name;
        Boolean exists = jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, name);
        if (!Boolean.TRUE.equals(exists)) {
            // Two first contacts of a year at once: the second waits here for the first to commit, then finds it.
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?)) is null", Boolean.class, name);
            Long given = jdbc.queryForObject("""
                    select coalesce(max(last_value), 0) from case_reference_counter where organization_id = ? and year = ?""",
                    Long.class, organization.value(), year);
            // The name is built from a UUID and a checked year only: nothing a caller wrote reaches this statement.
            jdbc.execute("create sequence if not exists " + name + " as bigint start with " + (given + 1));
        }
        AfterCommit.run(() -> known.add(name));
        return name;
    }
}
