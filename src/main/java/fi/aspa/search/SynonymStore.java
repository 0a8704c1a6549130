package fi.aspa.search;

import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The synonyms admins edit: a list per organization and language in the database (the {@link SynonymSource} of the
 * running application). An organization's list is seeded from the synonyms shipped with Aspa the first time it is
 * read; every edit calls {@link SearchIndex#synonymsChanged}, so the next search uses it.
 */
@Service
@Transactional
class SynonymStore implements SynonymSource {
    static final int MAX_FIELD = 300;

    /** One line of the list: {@code terms} find each other (no targets) or find the {@code targets}. */
    record Synonym(UUID id, Language language, List<String> terms, List<String> targets, Instant updatedAt) {
        public boolean oneWay() {
            return !targets.isEmpty();
        }

        /** In the {@link SynonymSource#parse} format. */
        public String line() {
            return String.join(", ", terms) + (oneWay() ? " => " + String.join(", ", targets) : "");
        }
    }

    private final JdbcClient db;
    private final Clock clock;

    SynonymStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * In a transaction of its own: the search reads the list again every minute, also from inside a read-only
     * transaction (the chatbot's), and the first read of an organization seeds its list.
     */
    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public List<Rule> rules(OrganizationId organization, Language language) {
        return SynonymSource.parse(list(organization, language).stream().map(Synonym::line).toList());
    }

    List<Synonym> list(OrganizationId organization, Language language) {
        seed(organization);
        return db.sql("""
                select * from search_synonym where organization_id = ? and (?::text is null or language = ?)
                order by language, lower(terms), id""")
                .params(organization.value(), language == null ? null : language.code(), language == null ? null : language.code())
                .query((rs, n) -> new Synonym(rs.getObject("id", UUID.class), Language.parse(rs.getString("language")).orElseThrow(),
                        split(rs.getString("terms")), split(rs.getString("targets")), rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    Optional<Synonym> find(OrganizationId organization, UUID id) {
        return list(organization, null).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    UUID add(OrganizationId organization, Language language, List<String> terms, List<String> targets) {
        seed(organization);
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("insert into search_synonym (id, organization_id, language, terms, targets, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, organization.value(), language.code(), String.join(", ", terms), targets.isEmpty() ? null : String.join(", ", targets), now, now)
                .update();
        return id;
    }

    boolean update(OrganizationId organization, UUID id, Language language, List<String> terms, List<String> targets) {
        return db.sql("update search_synonym set language = ?, terms = ?, targets = ?, updated_at = ? where organization_id = ? and id = ?")
                .params(language.code(), String.join(", ", terms), targets.isEmpty() ? null : String.join(", ", targets),
                        Timestamp.from(clock.instant()), organization.value(), id)
                .update() == 1;
    }

    boolean delete(OrganizationId organization, UUID id) {
        return db.sql("delete from search_synonym where organization_id = ? and id = ?").params(organization.value(), id).update() == 1;
    }

    /** Copies the shipped synonyms into the organization's list, once. */
    private void seed(OrganizationId organization) {
        int claimed = db.sql("insert into search_synonym_seeded (organization_id, seeded_at) values (?, ?) on conflict do nothing")
                .params(organization.value(), Timestamp.from(clock.instant())).update();
        if (claimed == 0) return;
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String line : TextAnalysis.lines("synonyms_" + language.code() + ".txt")) {
                int arrow = line.indexOf("=>");
                List<String> terms = split(arrow < 0 ? line : line.substring(0, arrow));
                List<String> targets = arrow < 0 ? List.of() : split(line.substring(arrow + 2));
                if (terms.isEmpty()) continue;
                rows.add(new Object[] {Ids.next(), organization.value(), language.code(), String.join(", ", terms),
                        targets.isEmpty() ? null : String.join(", ", targets), now, now});
            }
        }
        for (Object[] row : rows) {
            db.sql("insert into search_synonym (id, organization_id, language, terms, targets, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(row).update();
        }
    }

    static List<String> split(String terms) {
        if (terms == null) return List.of();
        return Arrays.stream(terms.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
