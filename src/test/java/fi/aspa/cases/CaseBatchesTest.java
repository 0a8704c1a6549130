package fi.aspa.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * {@link CaseBatches#openAll} against {@link Cases#open}: the same cases opened both ways, in two fresh
 * organizations, leave the same rows (case, first message, attachments, history, routing queue) and publish the same
 * events in the same order; a refusal anywhere in the batch writes nothing.
 */
@AspaTest
@RecordApplicationEvents
class CaseBatchesTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired CaseBatches batches;
    @Autowired Customers customers;
    @Autowired JdbcClient db;
    @Autowired ApplicationEvents events;

    static final byte[] PDF = ("%PDF-1.4\n% liite\n" + "x".repeat(500) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void openAllWritesTheRowsAndEventsOfOpeningEachCaseInTurn() {
        Fixtures.Org single = fixtures.organization();
        Fixtures.Org batch = fixtures.organization();

        events.clear();
        List<OpenedCase> one = new ArrayList<>();
        for (NewCase command : commands(single)) one.add(cases.open(single.id(), command));
        List<Object> singleEvents = published();

        events.clear();
        List<CaseBatches.Opened> all = batches.openAll(batch.id(), commands(batch));
        List<Object> batchEvents = published();

        assertThat(all).hasSize(3);
        assertThat(all).extracting(o -> o.opened().reference()).containsExactlyElementsOf(one.stream().map(OpenedCase::reference).toList());
        assertThat(all).allSatisfy(o -> assertThat(o.opened().trackingToken()).hasSizeGreaterThanOrEqualTo(40));
        assertThat(all.stream().map(o -> o.opened().trackingToken()).distinct()).hasSize(3);
        for (int i = 0; i < all.size(); i++) {
            UUID caseId = all.get(i).opened().id();
            assertThat(db.sql("select id from case_message where case_id = ?").param(caseId).query(UUID.class).single())
                    .as("the message that opened it").isEqualTo(all.get(i).messageId());
            assertThat(cases.byTrackingToken(all.get(i).opened().trackingToken())).map(d -> d.summary().id()).contains(caseId);
        }

        assertThat(rows(batch)).isNotEmpty().isEqualTo(rows(single));
        assertThat(describe(batchEvents, batch)).hasSize(6).isEqualTo(describe(singleEvents, single));
        fixtures.awaitSettled(single);
        fixtures.awaitSettled(batch);
        assertThat(routed(batch)).isEqualTo(routed(single)).isEqualTo(3);
    }

    @Test
    void aRefusalAnywhereInTheBatchWritesNothing() {
        Fixtures.Org org = fixtures.organization();
        UUID customer = customer(org, "eve@example.fi");
        List<NewCase> commands = new ArrayList<>(commands(org));
        commands.add(new NewCase(Channel.EMAIL, customer, "Ohjelma", "Liitteenä ohjelma.", Language.FI, null, null, null,
                Set.of(), List.of(new NewAttachment("ohjelma.exe", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0})),
                Actor.customer()));
        assertThatThrownBy(() -> batches.openAll(org.id(), commands))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("attachment-type"));
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isZero();

        List<NewCase> blank = List.of(commands.getFirst(), new NewCase(Channel.EMAIL, customer, " ", "Tyhjä otsikko.",
                Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
        assertThatThrownBy(() -> batches.openAll(org.id(), blank))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("required"));
        assertThat(db.sql("select count(*) from case_message where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isZero();
        assertThat(batches.openAll(org.id(), List.of())).isEmpty();
    }

    /** Three cases: plain, with a unit, tags and a priority, and with a PDF. */
    private List<NewCase> commands(Fixtures.Org org) {
        UUID anna = customer(org, "anna@example.fi");
        UUID bertil = customer(org, "bertil@example.fi");
        return List.of(
                new NewCase(Channel.EMAIL, anna, "Katuvalo rikki", "Katuvalo ei pala Koulukadulla.", Language.FI, null,
                        null, null, Set.of("mailbox:kirjaamo@testila.fi"), List.of(), Actor.customer()),
                new NewCase(Channel.WEB_FORM, bertil, "Snöplogning", "Gatan har inte plogats.", Language.SV, "roads",
                        org.service().id(), Priority.HIGH, Set.of("Talvi", "auraus"), List.of(), Actor.customer()),
                new NewCase(Channel.EMAIL, anna, "Liite", "Liitteenä kuva.", Language.FI, null, org.service().id(), null,
                        Set.of(), List.of(new NewAttachment("dir/liite.pdf", PDF)), Actor.customer()));
    }

    private UUID customer(Fixtures.Org org, String email) {
        return customers.resolve(org.id(), ContactDetails.resident("Asukas", email, null, Language.FI));
    }

    /** The organization's case rows, with its own ids (customers, units, cases) replaced by what they stand for. */
    private List<Map<String, Object>> rows(Fixtures.Org org) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.addAll(db.sql("""
                select c.reference, c.subject, c.channel, c.language, cu.name as customer,
                       (select ce.value from contact_point ce where ce.customer_id = c.customer_id) as customer_email,
                       c.unit_id = ? as in_service, c.unit_id is null as no_unit, c.priority, c.status, c.tags, c.topic,
                       c.assignee_id is null as unassigned, c.tracking_token_sha256 is not null as has_token,
                       c.created_at = c.updated_at as untouched, c.search::text as search
                from support_case c join customer cu on cu.id = c.customer_id
                where c.organization_id = ? order by c.reference""").params(org.service().id(), org.id().value()).query().listOfRows());
        out.addAll(db.sql("""
                select c.reference, m.kind, m.channel, m.author_staff_id, m.body, m.created_at = c.created_at as at_opening
                from case_message m join support_case c on c.id = m.case_id where m.organization_id = ? order by c.reference""")
                .param(org.id().value()).query().listOfRows());
        out.addAll(db.sql("""
                select c.reference, a.filename, a.content_type, a.size_bytes, a.sha256, a.content,
                       a.message_id = (select id from case_message m where m.case_id = c.id) as on_first_message
                from attachment a join support_case c on c.id = a.case_id where a.organization_id = ? order by c.reference""")
                .param(org.id().value()).query().listOfRows());
        out.addAll(db.sql("""
                select c.reference, e.actor, e.actor_staff_id, e.type, e.detail::text as detail,
                       e.created_at = c.created_at as at_opening
                from case_event e join support_case c on c.id = e.case_id
                where e.organization_id = ? and e.type = 'OPENED' order by c.reference""")
                .param(org.id().value()).query().listOfRows());
        out.forEach(row -> row.replaceAll((k, v) -> v instanceof byte[] b ? java.util.Arrays.toString(b)
                : v instanceof java.sql.Array a ? array(a) : v));
        return out;
    }

    private static Object array(java.sql.Array a) {
        try {
            return List.of((Object[]) a.getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int routed(Fixtures.Org org) {
        return db.sql("select count(distinct case_id) from routing_decision where organization_id = ?")
                .param(org.id().value()).query(Integer.class).single();
    }

    /** The cases module's events published so far (payloads), in order. */
    private List<Object> published() {
        return events.stream().<Object>map(e -> e instanceof org.springframework.context.PayloadApplicationEvent<?> p ? p.getPayload() : e)
                .filter(CaseBatchesTest::caseEvent).toList();
    }

    private static boolean caseEvent(Object event) {
        return event instanceof CaseEvents.CaseOpened || event instanceof CaseEvents.MessageReceived;
    }

    /** The events with the organization's own ids replaced by the case's reference (and the kind of each id). */
    private List<String> describe(List<Object> published, Fixtures.Org org) {
        Map<UUID, String> refs = new java.util.HashMap<>();
        db.sql("select id, reference from support_case where organization_id = ?").param(org.id().value())
                .query((rs, n) -> refs.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return published.stream().map(e -> switch (e) {
            case CaseEvents.CaseOpened o -> "opened " + refs.get(o.caseId()) + " " + o.reference() + " " + o.channel()
                    + " unit:" + (o.unitId() == null ? "none" : o.unitId().equals(org.service().id()) ? "service" : "?")
                    + " customer:" + (o.customerId() != null) + " org:" + o.organizationId().equals(org.id());
            case CaseEvents.MessageReceived m -> "message " + refs.get(m.caseId()) + " " + m.channel() + " org:"
                    + m.organizationId().equals(org.id()) + " " + db.sql("select count(*) from case_message where id = ? and case_id = ?")
                    .params(m.messageId(), m.caseId()).query(Integer.class).single();
            default -> throw new IllegalStateException();
        }).toList();
    }
}
