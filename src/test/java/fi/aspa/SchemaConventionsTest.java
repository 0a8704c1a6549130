package fi.aspa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Conventions checked on the real, migrated schema (after evaka's SchemaConventionsTest). */
@AspaTest
class SchemaConventionsTest {
    @Autowired
    JdbcClient db;

    @Test
    void everyForeignKeyHasAnIndexThatStartsWithIt() {
        List<String> unindexed = db.sql("""
                select c.conrelid::regclass || '(' || a.attname || ')'
                from pg_constraint c
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f' and array_length(c.conkey, 1) = 1
                  and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
                """).query(String.class).list();
        assertThat(unindexed).isEmpty();
    }

    @Test
    void noTimestampWithoutTimeZone() {
        List<String> columns = db.sql("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = 'timestamp without time zone'
                  and table_name <> 'flyway_schema_history'""").query(String.class).list();
        assertThat(columns).isEmpty();
    }

    @Test
    void everyTableButTheGlobalOnesBelongsToAnOrganization() {
        List<String> global = List.of("organization", "flyway_schema_history", "event_publication",
                "event_publication_archive", "case_reference_counter");
        List<String> tables = db.sql("""
                select t.table_name from information_schema.tables t
                where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
                  and not exists (select 1 from information_schema.columns c
                                  where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'organization_id')
                """).query(String.class).list();
        assertThat(tables).isSubsetOf(global);
    }
}
