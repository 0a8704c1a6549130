package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V301 moves an article's service and life-event links from the article to its versions: on a database with
 * articles written before it, every version takes its article's links, so a published article keeps the links it was
 * shown with (under the same services and life events on the help pages and in the search), and the article's own
 * columns are gone.
 */
class VersionMetadataMigrationTest {
    static final UUID HARBOUR = UUID.fromString("01a20000-0000-7000-8000-000000000001");
    static final UUID LIBRARY = UUID.fromString("01a20000-0000-7000-8000-000000000002");

    @Test
    void existingVersionsTakeTheirArticlesLinks() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start()) {
            DataSource data = pg.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("297").load().migrate();
            JdbcClient db = JdbcClient.create(data);
            UUID org = UUID.randomUUID();
            db.sql("insert into organization (id, slug, name_fi, name_sv, name_en) values (?, 'vanha', 'Vanha', 'Gamla', 'Old')")
                    .params(org).update();
            // published, edited since (version 2 is a draft); published without links; a draft with two services
            UUID edited = article(db, org, "DRAFT", 2, 1, new UUID[] {HARBOUR}, new String[] {"urn:boating"});
            UUID plain = article(db, org, "PUBLISHED", 1, 1, new UUID[0], new String[0]);
            UUID draft = article(db, org, "DRAFT", 1, null, new UUID[] {HARBOUR, LIBRARY}, new String[] {"urn:moving", "urn:boating"});

            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();

            assertThat(services(db, edited)).containsExactly(List.of(HARBOUR), List.of(HARBOUR));
            assertThat(lifeEvents(db, edited)).containsExactly(List.of("urn:boating"), List.of("urn:boating"));
            assertThat(services(db, plain)).containsExactly(List.of());
            assertThat(lifeEvents(db, plain)).containsExactly(List.of());
            assertThat(services(db, draft)).containsExactly(List.of(HARBOUR, LIBRARY));
            assertThat(lifeEvents(db, draft)).containsExactly(List.of("urn:moving", "urn:boating"));
            // what the help pages show by service: the published versions linked to the harbour
            assertThat(db.sql("""
                    select a.id from knowledge_article a
                    join knowledge_version v on v.article_id = a.id and v.version = a.published_version
                    where ? = any (v.service_ids)""").params(HARBOUR).query(UUID.class).list()).containsExactly(edited);
            for (String column : List.of("service_ids", "life_events")) {
                assertThat(db.sql("select count(*) from information_schema.columns where table_name = 'knowledge_article' and column_name = ?")
                        .params(column).query(Integer.class).single()).as(column).isZero();
                assertThat(db.sql("select is_nullable from information_schema.columns where table_name = 'knowledge_version' and column_name = ?")
                        .params(column).query(String.class).single()).as(column).isEqualTo("NO");
            }
        }
    }

    private static UUID article(JdbcClient db, UUID org, String status, int versions, Integer published, UUID[] services,
                                String[] lifeEvents) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into knowledge_article (id, organization_id, status, service_ids, life_events, current_version,
                    published_version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, now(), now())""").params(id, org, status, services, lifeEvents, versions, published).update();
        for (int v = 1; v <= versions; v++) {
            db.sql("""
                    insert into knowledge_version (organization_id, article_id, version, title_fi, body_fi, visibility, created_at)
                    values (?, ?, ?, 'Otsikko', 'Teksti', 'PUBLIC', now())""").params(org, id, v).update();
        }
        return id;
    }

    private static List<List<UUID>> services(JdbcClient db, UUID article) {
        return db.sql("select service_ids from knowledge_version where article_id = ? order by version").params(article)
                .query((rs, n) -> Arrays.asList((UUID[]) rs.getArray(1).getArray())).list();
    }

    private static List<List<String>> lifeEvents(JdbcClient db, UUID article) {
        return db.sql("select life_events from knowledge_version where article_id = ? order by version").params(article)
                .query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray())).list();
    }
}
