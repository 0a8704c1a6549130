package fi.aspa.sla;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Cases;
import fi.aspa.cases.OpenedCase;
import fi.aspa.channels.email.TestMail;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A breach is mailed to the managers of the case's unit through a real SMTP server (GreenMail): each in their own
 * language, once however many escalation runs, nodes or redeliveries of the event there are; nobody else gets it.
 */
@AspaTest
class SlaEscalationMailTest {
    @Autowired Fixtures fixtures;
    @Autowired SlaStore store;
    @Autowired SlaEscalations escalations;
    @Autowired Staff staff;
    @Autowired Cases cases;
    @Autowired MessageSource messages;
    @Autowired PlatformTransactionManager transactions;
    @Autowired ApplicationEventPublisher events;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient db;
    @Autowired Clock clock;

    void awaitListeners(Fixtures.Org org) {
        fixtures.awaitSettled(org);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MimeMessage> about(String recipient, String reference) {
        return TestMail.receivedBy(recipient).stream().filter(m -> subject(m).contains(reference)).toList();
    }

    @Test
    void aBreachIsMailedOnceToEachManagerOfTheUnitInTheirLanguage() throws Exception {
        Fixtures.Org org = fixtures.organization();
        String slug = org.organization().slug();
        store.saveTarget(org.id(), new SlaTarget(null, null, null, 4 * 60, 16 * 60, 75, true), Instant.now());
        String from = TestMail.mailbox(context, org.id(), org.service().id());
        StaffUser swedishManager = staff.create(org.id(), org.service().id(), slug + "-svchef", "Sven Chef", "svchef@" + slug + ".fi",
                Fixtures.PASSWORD, EnumSet.of(Role.UNIT_MANAGER), Language.SV);
        StaffUser otherUnitsManager = staff.create(org.id(), org.building().id(), slug + "-bchef", "Bea Chef", "bchef@" + slug + ".fi",
                Fixtures.PASSWORD, EnumSet.of(Role.UNIT_MANAGER), Language.FI);

        OpenedCase opened = fixtures.aCase(org, "Lupahakemus viipyy", "Milloin päätös tulee?");
        awaitListeners(org);
        SlaStore.ClockRow first = store.clocks(org.id(), opened.id()).stream()
                .filter(r -> r.kind() == SlaClock.Kind.FIRST_RESPONSE).findFirst().orElseThrow();

        escalations.runDue(first.warnAt()); // a warning is a note only
        awaitListeners(org);
        assertThat(about(org.manager().email(), opened.reference())).isEmpty();

        escalations.runDue(first.dueAt());
        escalations.runDue(first.dueAt().plusSeconds(60));
        // another node, or this one after a restart: nothing in memory, the breach is already recorded
        new SlaEscalations(store, cases, messages, transactions, clock, events, true).runDue(first.dueAt().plusSeconds(120));
        awaitListeners(org);

        List<MimeMessage> finnish = about(org.manager().email(), opened.reference());
        assertThat(finnish).hasSize(1);
        MimeMessage fi = finnish.getFirst();
        assertThat(subject(fi)).isEqualTo("Palvelutaso ylittyi: " + opened.reference() + " (Ensimmäinen vastaus)");
        assertThat(body(fi)).startsWith("Hei " + org.manager().displayName() + ",")
                .contains("”Lupahakemus viipyy”", "4 h 0 min", "Asiakaspalvelu", "/workspace/cases/" + opened.id());
        assertThat(fi.getFrom()[0].toString()).contains(from);
        assertThat(fi.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");

        List<MimeMessage> swedish = about(swedishManager.email(), opened.reference());
        assertThat(swedish).hasSize(1);
        assertThat(subject(swedish.getFirst())).isEqualTo("Servicenivån överskreds: " + opened.reference() + " (Första svar)");
        assertThat(body(swedish.getFirst())).startsWith("Hej Sven Chef,").contains("Kundservice");

        assertThat(about(otherUnitsManager.email(), opened.reference())).as("another unit's manager").isEmpty();
        assertThat(about(org.agent().email(), opened.reference())).as("an agent").isEmpty();

        // the same breach delivered again (the registry's retry, another node) sends nothing
        SlaStore.ClockRow breached = store.clocks(org.id(), opened.id()).stream()
                .filter(r -> r.kind() == SlaClock.Kind.FIRST_RESPONSE).findFirst().orElseThrow();
        assertThat(breached.breachedAt()).isNotNull();
        assertThat(TestMail.redeliver(context, new ServiceLevelBreached(org.id(), opened.id(), org.service().id(),
                SlaClock.Kind.FIRST_RESPONSE, 4 * 60, breached.dueAt(), breached.breachedAt()))).isZero();
        assertThat(about(org.manager().email(), opened.reference())).hasSize(1);
        assertThat(about(swedishManager.email(), opened.reference())).hasSize(1);
        assertThat(db.sql("select count(*) from email_staff_notice where organization_id = ? and case_id = ?")
                .params(org.id().value(), opened.id()).query(Integer.class).single()).isEqualTo(2);
    }
}
