package fi.aspa.cases;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CaseSearchTextStore implements CaseSearchTexts {
    static final int PAGE = 1000;
    private static final String SELECT = """
            select c.id, c.reference, c.subject, c.language, c.status, c.customer_id, c.updated_at,
                   (select left(string_agg(m.body, E'\\n\\n' order by m.created_at, m.id), %d)
                      from case_message m where m.case_id = c.id and m.kind <> 'NOTE') as body
            from support_case c
            """.formatted(MAX_BODY);

    private final JdbcClient db;

    CaseSearchTextStore(JdbcClient db) {
        this.db = db;
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseText> byIds(OrganizationId organization, Collection<UUID> ids) {
        if (ids.isEmpty()) return List.of();
        return db.sql(SELECT + " where c.organization_id = ? and c.id = any(?)")
                .params(organization.value(), ids.toArray(UUID[]::new))
                .query((rs, n) -> text(organization, rs)).list();
    }

    @Override
    public Stream<CaseText> all(OrganizationId organization) {
        Iterator<CaseText> pages = new Iterator<>() {
            private List<CaseText> page = List.of();
            private int next;
            private UUID after = new UUID(0, 0); // the smallest uuid as PostgreSQL orders them (bytewise)
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next < page.size()) return true;
                if (done) return false;
                page = db.sql(SELECT + " where c.organization_id = ? and c.id > ? order by c.id limit ?")
                        .params(organization.value(), after, PAGE)
                        .query((rs, n) -> text(organization, rs)).list();
                next = 0;
                if (page.size() < PAGE) done = true;
                if (!page.isEmpty()) after = page.getLast().id();
                return !page.isEmpty();
            }

            @Override
            public CaseText next() {
                if (!hasNext()) throw new NoSuchElementException();
                return page.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static CaseText text(OrganizationId organization, ResultSet rs) throws SQLException {
        String body = rs.getString("body");
        return new CaseText(organization, rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("subject"),
                Language.parse(rs.getString("language")).orElse(Language.FI), CaseStatus.valueOf(rs.getString("status")),
                rs.getObject("customer_id", UUID.class), rs.getTimestamp("updated_at").toInstant(), body == null ? "" : body);
    }
}
