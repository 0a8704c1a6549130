package fi.aspa.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V297 moves who may read an article from the article to its versions: on a database with articles written
 * before it, every version takes its article's visibility, so a published article keeps the visibility it was read
 * with (published INTERNAL stays internal, published PUBLIC stays public), and the article's own column is gone.
 */
class VisibilityMigrationTest {

    @Test
    void existingVersionsTakeTheirArticlesVisibility() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start()) {
            DataSource data = pg.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("296").load().migrate();
            JdbcClient db = JdbcClient.create(data);
            UUID org = UUID.randomUUID();
            db.sql("insert into organization (id, slug, name_fi, name_sv, name_en) values (?, 'vanha', 'Vanha', 'Gamla', 'Old')")
                    .params(org).update();
            // published internal, edited since (version 2 is a draft); published public; an internal draft never published
            UUID internalLive = article(db, org, "DRAFT", "INTERNAL", 2, 1);
            UUID publicLive = article(db, org, "PUBLISHED", "PUBLIC", 1, 1);
            UUID draft = article(db, org, "DRAFT", "INTERNAL", 1, null);

            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();

            assertThat(visibilities(db, internalLive)).containsExactly("INTERNAL", "INTERNAL");
            assertThat(visibilities(db, publicLive)).containsExactly("PUBLIC");
            assertThat(visibilities(db, draft)).containsExactly("INTERNAL");
            assertThat(db.sql("""
                    select a.id from knowledge_article a
                    join knowledge_version v on v.article_id = a.id and v.version = a.published_version
                    where v.visibility = 'PUBLIC'""").query(UUID.class).list()).containsExactly(publicLive);
            assertThat(db.sql("select count(*) from information_schema.columns where table_name = 'knowledge_article' and column_name = 'visibility'")
                    .query(Integer.class).single()).isZero();
            assertThat(db.sql("select is_nullable from information_schema.columns where table_name = 'knowledge_version' and column_name = 'visibility'")
                    .query(String.class).single()).isEqualTo("NO");
        }
    }

    private static UUID article(JdbcClient db, UUID org, String status, String visibility, int versions, Integer published) {
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into knowledge_article (id, organization_id, status, visibility, current_version, published_version,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, now(), now())""").params(id, org, status, visibility, versions, published).update();
        for (int v = 1; v <= versions; v++) {
            db.sql("insert into knowledge_version (organization_id, article_id, version, title_fi, body_fi, created_at) values (?, ?, ?, 'Otsikko', 'Teksti', now())")
                    .params(org, id, v).update();
        }
        return id;
    }

    private static List<String> visibilities(JdbcClient db, UUID article) {
        return db.sql("select visibility from knowledge_version where article_id = ? order by version").params(article)
                .query(String.class).list();
    }
}
