package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One form for a phone number, whichever channel it came by, and migration V306 bringing the numbers stored before it
 * into that form (a customer who had both forms keeps one, verified if either was).
 */
class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+358 (0)40 123 4567 | +358401234567",
            "040-123 4567        | +358401234567",
            "(040) 123 4567      | +358401234567",
            "00358 40 1234567    | +358401234567",
            "358401234567        | +358401234567",
            "+358401234567       | +358401234567",
            "+46 8 123 456 78    | +4681234 5678",
            "112                 | 112"})
    void everyWayOfWritingANumberIsStoredTheSame(String written, String stored) {
        assertThat(PhoneNumber.international(written)).isEqualTo(stored.replace(" ", ""));
    }

    @Test
    void numbersStoredBeforeTheOneFormAreBroughtIntoIt() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start()) {
            DataSource data = pg.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("302").load().migrate();
            JdbcClient db = JdbcClient.create(data);
            UUID org = UUID.randomUUID();
            db.sql("insert into organization (id, slug, name_fi, name_sv, name_en) values (?, 'vanha', 'Vanha', 'Gamla', 'Old')")
                    .params(org).update();
            UUID webForm = customer(db, org);
            point(db, org, webForm, "+3580401234567", false);
            UUID exchange = customer(db, org);
            point(db, org, exchange, "358501112222", false);
            UUID both = customer(db, org);
            point(db, org, both, "+3580457778888", true);
            point(db, org, both, "+358457778888", false);
            UUID right = customer(db, org);
            point(db, org, right, "+358409990000", true);

            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();

            assertThat(points(db, webForm)).containsExactly("+358401234567 false");
            assertThat(points(db, exchange)).containsExactly("+358501112222 false");
            assertThat(points(db, both)).as("one copy, verified as the other was").containsExactly("+358457778888 true");
            assertThat(points(db, right)).containsExactly("+358409990000 true");
        }
    }

    private static UUID customer(JdbcClient db, UUID org) {
        UUID id = UUID.randomUUID();
        db.sql("insert into customer (id, organization_id, kind, name) values (?, ?, 'PERSON', 'Asiakas')").params(id, org).update();
        return id;
    }

    private static void point(JdbcClient db, UUID org, UUID customer, String value, boolean verified) {
        db.sql("""
                insert into contact_point (id, organization_id, customer_id, kind, value, verified, verified_how, verified_at)
                values (?, ?, ?, 'PHONE', ?, ?, case when ? then 'STAFF' end, case when ? then now() end)""")
                .params(UUID.randomUUID(), org, customer, value, verified, verified, verified).update();
    }

    private static List<String> points(JdbcClient db, UUID customer) {
        return db.sql("select value || ' ' || verified from contact_point where customer_id = ? order by value")
                .params(customer).query(String.class).list();
    }
}
