package fi.aspa.cases;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's facts each case keeps on its row (V345): its first reply and first resolution, whether it was
 * reopened after that and whether a person transferred it. The triggers keep them through the application's own
 * writes, through events written out of time order and through corrections of a time; and
 * {@code support_case_facts_rebuild} (the migration's and the bulk load's way) computes the same facts from scratch.
 */
@AspaTest
class CaseFactsTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired JdbcClient db;

    record Facts(Instant replied, Instant resolved, boolean reopened, boolean transferred) {}

    Facts facts(UUID caseId) {
        return db.sql("select first_reply_at, first_resolved_at, reopened, staff_transferred from support_case where id = ?")
                .param(caseId)
                .query((rs, n) -> new Facts(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getBoolean(3),
                        rs.getBoolean(4)))
                .single();
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    Instant first(UUID caseId, String condition) {
        return db.sql("select min(created_at) from (select created_at, kind, null as type, null::jsonb as detail from case_message where case_id = ?"
                        + " union all select created_at, null, type, detail from case_event where case_id = ?) x where " + condition)
                .params(caseId, caseId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    UUID open(Fixtures.Org org) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Asia", "Teksti", Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), Actor.customer())).id();
    }

    @Test
    void theApplicationsWritesKeepTheFacts() {
        Fixtures.Org org = fixtures.organization();
        Actor agent = Actor.staff(org.agent().id());
        UUID untouched = open(org);
        assertThat(facts(untouched)).isEqualTo(new Facts(null, null, false, false));

        UUID worked = open(org);
        cases.reply(org.id(), worked, agent, "Ensimmäinen vastaus", null);
        cases.reply(org.id(), worked, agent, "Toinen vastaus", null);
        cases.changeStatus(org.id(), worked, agent, CaseStatus.RESOLVED);
        Instant replied = first(worked, "kind = 'OUTBOUND'");
        Instant resolved = first(worked, "type = 'STATUS_CHANGED' and detail ->> 'to' = 'RESOLVED'");
        assertThat(facts(worked)).isEqualTo(new Facts(replied, resolved, false, false));

        // reopened by the customer's return, resolved again: the first resolution stays, the case counts as reopened
        cases.changeStatus(org.id(), worked, agent, CaseStatus.OPEN);
        cases.changeStatus(org.id(), worked, agent, CaseStatus.RESOLVED);
        assertThat(facts(worked)).isEqualTo(new Facts(replied, resolved, true, false));

        // moved by routing (the system) is not a person's transfer; moved by a person is
        UUID moved = open(org);
        cases.transfer(org.id(), moved, Actor.system(), org.building().id(), null);
        assertThat(facts(moved).transferred()).isFalse();
        cases.transfer(org.id(), moved, Actor.staff(org.manager().id()), org.service().id(), null);
        assertThat(facts(moved).transferred()).isTrue();
    }

    @Test
    void eventsWrittenOutOfOrderAndCorrectedTimesKeepTheFactsTrue() {
        Fixtures.Org org = fixtures.organization();
        UUID id = open(org);
        Instant t0 = Instant.parse("2025-03-03T08:00:00Z");
        // an import writes the reopening before the resolution it follows
        event(org, id, "RESOLVED", "OPEN", t0.plusSeconds(7200));
        assertThat(facts(id)).as("a reopening with no resolution before it").isEqualTo(new Facts(null, null, false, false));
        event(org, id, "OPEN", "RESOLVED", t0.plusSeconds(3600));
        assertThat(facts(id)).isEqualTo(new Facts(null, t0.plusSeconds(3600), true, false));

        // the resolution's time corrected to after the reopening: it no longer follows a resolution
        db.sql("update case_event set created_at = ? where case_id = ? and detail ->> 'to' = 'RESOLVED'")
                .params(Timestamp.from(t0.plusSeconds(9000)), id).update();
        assertThat(facts(id)).isEqualTo(new Facts(null, t0.plusSeconds(9000), false, false));

        // a reply corrected to an earlier time, then a later one written: the first stays the earliest
        message(org, id, t0.plusSeconds(600));
        message(org, id, t0.plusSeconds(300));
        message(org, id, t0.plusSeconds(900));
        assertThat(facts(id).replied()).isEqualTo(t0.plusSeconds(300));
        db.sql("update case_message set created_at = ? where case_id = ? and created_at = ?")
                .params(Timestamp.from(t0.plusSeconds(1200)), id, Timestamp.from(t0.plusSeconds(300))).update();
        assertThat(facts(id).replied()).as("the earliest reply moved later").isEqualTo(t0.plusSeconds(600));
    }

    @Test
    void theRebuildComputesWhatTheTriggersKept() {
        Fixtures.Org org = fixtures.organization();
        Actor agent = Actor.staff(org.agent().id());
        UUID a = open(org);
        cases.reply(org.id(), a, agent, "Vastaus", null);
        cases.changeStatus(org.id(), a, agent, CaseStatus.RESOLVED);
        cases.changeStatus(org.id(), a, agent, CaseStatus.OPEN);
        UUID b = open(org);
        cases.transfer(org.id(), b, Actor.staff(org.manager().id()), org.building().id(), null);
        UUID c = open(org);
        Map<UUID, Facts> kept = Map.of(a, facts(a), b, facts(b), c, facts(c));
        assertThat(kept.get(a).reopened()).isTrue();
        assertThat(kept.get(b).transferred()).isTrue();
        Fixtures.Org other = fixtures.organization();
        UUID theirs = open(other);
        cases.reply(other.id(), theirs, Actor.staff(other.agent().id()), "Vastaus", null);
        Facts theirsKept = facts(theirs);

        // the facts lost (written over without the triggers, as a bulk load leaves them), and c given a wrong one
        db.sql("update support_case set first_reply_at = null, first_resolved_at = null, reopened = false, staff_transferred = false where organization_id = ?")
                .param(org.id().value()).update();
        db.sql("update support_case set reopened = true where id = ?").param(c).update();
        db.sql("update support_case set first_reply_at = null where id = ?").param(theirs).update();

        Long rewritten = db.sql("select support_case_facts_rebuild(?)").param(org.id().value()).query(Long.class).single();
        assertThat(rewritten).as("a, b and c; not the other organization's").isEqualTo(3);
        kept.forEach((id, f) -> assertThat(facts(id)).as(id.toString()).isEqualTo(f));
        assertThat(facts(theirs).replied()).isNull();
        assertThat(db.sql("select support_case_facts_rebuild(?)").param(org.id().value()).query(Long.class).single())
                .as("nothing left to change").isZero();
        db.sql("select support_case_facts_rebuild(?)").param(other.id().value()).query(Long.class).single();
        assertThat(facts(theirs)).isEqualTo(theirsKept);
    }

    @Test
    void anImportWritesItsCasesWithTheirFacts() {
        Fixtures.Org org = fixtures.organization();
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Matti Meikäläinen", "matti@example.com", null, Language.FI));
        UUID agent = org.agent().id();
        Instant t = Instant.parse("2025-01-07T08:00:00Z");
        HistoricalCase reopenedOne = new HistoricalCase(Channel.EMAIL, customer, "Katuvalo", "Katuvalo rikki", Language.FI,
                null, org.service().id(), null, Set.of(), Actor.customer(), t, List.of(
                        new HistoricalCase.Transfer(t.plusSeconds(600), agent, org.building().id(), null),
                        new HistoricalCase.Reply(t.plusSeconds(3600), agent, "Mikä pylväs?", CaseStatus.WAITING),
                        new HistoricalCase.Reply(t.plusSeconds(7200), agent, "Korjattu", CaseStatus.RESOLVED),
                        new HistoricalCase.CustomerMessage(t.plusSeconds(86_400), Channel.EMAIL, "Ei toimi vieläkään"),
                        new HistoricalCase.Reply(t.plusSeconds(90_000), agent, "Nyt korjattu", CaseStatus.RESOLVED)));
        HistoricalCase untouched = new HistoricalCase(Channel.PHONE, customer, "Puhelu", "Kysyi aukioloaikoja", Language.FI,
                null, org.service().id(), null, Set.of(), Actor.staff(agent), t, List.of());
        List<ImportedCase> imported = cases.importHistorical(org.id(), List.of(reopenedOne, untouched));

        assertThat(facts(imported.get(0).id())).isEqualTo(new Facts(t.plusSeconds(3600), t.plusSeconds(7200), true, true));
        assertThat(facts(imported.get(1).id())).isEqualTo(new Facts(null, null, false, false));
        assertThat(db.sql("select support_case_facts_rebuild(?)").param(org.id().value()).query(Long.class).single())
                .as("what the import wrote is what the rows say").isZero();
    }

    void event(Fixtures.Org org, UUID caseId, String from, String to, Instant at) {
        db.sql("""
                insert into case_event (id, organization_id, case_id, actor_staff_id, actor, type, detail, created_at)
                values (gen_random_uuid(), ?, ?, null, 'CUSTOMER', 'STATUS_CHANGED', jsonb_build_object('from', ?::text, 'to', ?::text), ?)""")
                .params(org.id().value(), caseId, from, to, Timestamp.from(at)).update();
    }

    void message(Fixtures.Org org, UUID caseId, Instant at) {
        db.sql("""
                insert into case_message (id, organization_id, case_id, kind, channel, author_staff_id, body, created_at)
                values (gen_random_uuid(), ?, ?, 'OUTBOUND', 'EMAIL', ?, 'Vastaus', ?)""")
                .params(org.id().value(), caseId, org.agent().id(), Timestamp.from(at)).update();
    }
}
