package fi.aspa.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.HistoricalCase.Assignment;
import fi.aspa.cases.HistoricalCase.CustomerMessage;
import fi.aspa.cases.HistoricalCase.Note;
import fi.aspa.cases.HistoricalCase.Reply;
import fi.aspa.cases.HistoricalCase.StatusChange;
import fi.aspa.cases.HistoricalCase.Step;
import fi.aspa.cases.HistoricalCase.Transfer;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cases.importHistorical: explicit times, the same lifecycle rules as the live commands, all or nothing. */
@AspaTest
class HistoricalImportTest {
    static final Instant T = Instant.parse("2024-12-30T08:00:00Z");

    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;

    @Test
    void replaysStepsWithTheirOwnTimesAndNumbersReferencesInTimeOrder() {
        Fixtures.Org org = fixtures.organization();
        UUID customer = customer(org);
        UUID agent = org.agent().id();
        HistoricalCase later = aCase(org, customer, "Katuvalo rikki", T.plusSeconds(3 * 86_400), List.of(
                new Transfer(T.plusSeconds(3 * 86_400 + 600), agent, org.building().id(), "Kuuluu teille"),
                new Assignment(T.plusSeconds(3 * 86_400 + 700), org.manager().id(), org.colleague().id()),
                new Reply(T.plusSeconds(4 * 86_400), org.colleague().id(), "Mikä pylväs?", CaseStatus.WAITING),
                new CustomerMessage(T.plusSeconds(5 * 86_400), Channel.EMAIL, "Numero 12"),
                new Note(T.plusSeconds(5 * 86_400 + 60), org.colleague().id(), "Työmääräys lähetetty"),
                new Reply(T.plusSeconds(6 * 86_400), org.colleague().id(), "Korjattu", CaseStatus.RESOLVED),
                new StatusChange(T.plusSeconds(20 * 86_400), Actor.system(), CaseStatus.CLOSED)));
        HistoricalCase earlier = aCase(org, customer, "Rakennuslupa", T, List.of());
        HistoricalCase nextYear = aCase(org, customer, "Lumiaurays", Instant.parse("2025-01-02T08:00:00Z"), List.of());

        List<ImportedCase> imported = cases.importHistorical(org.id(), List.of(later, earlier, nextYear));

        assertThat(imported).extracting(ImportedCase::reference)
                .containsExactly("ASPA-2025-000001", "ASPA-2024-000001", "ASPA-2025-000002");
        assertThat(imported).extracting(ImportedCase::status).containsExactly(CaseStatus.CLOSED, CaseStatus.NEW, CaseStatus.NEW);
        CaseDetail detail = cases.detail(org.id(), imported.getFirst().id()).orElseThrow();
        assertThat(detail.summary().createdAt()).isEqualTo(later.createdAt());
        assertThat(detail.summary().updatedAt()).isEqualTo(T.plusSeconds(20 * 86_400));
        assertThat(detail.summary().unitId()).isEqualTo(org.building().id());
        assertThat(detail.summary().assigneeId()).isEqualTo(org.colleague().id());
        assertThat(detail.messages()).extracting(CaseMessage::kind).containsExactly(MessageKind.INBOUND, MessageKind.NOTE,
                MessageKind.OUTBOUND, MessageKind.INBOUND, MessageKind.NOTE, MessageKind.OUTBOUND);
        assertThat(detail.messages().get(3).channel()).isEqualTo(Channel.EMAIL);
        assertThat(detail.history()).extracting(CaseEventEntry::type).containsExactly("OPENED", "TRANSFERRED", "ASSIGNED",
                "REPLIED", "STATUS_CHANGED", "CUSTOMER_MESSAGE", "STATUS_CHANGED", "NOTE_ADDED", "REPLIED", "STATUS_CHANGED",
                "STATUS_CHANGED");
        assertThat(detail.history().getLast().actor()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(cases.list(org.id(), CaseFilter.all().withText("pylväs"), CaseSort.CREATED_ASC, 0, 10).items())
                .extracting(CaseSummary::id).containsExactly(imported.getFirst().id());

        // a live case later in the year continues the counter
        assertThat(fixtures.aCase(org, "Uusi", "Viesti").reference()).startsWith("ASPA-20").isNotIn(
                imported.stream().map(ImportedCase::reference).toList());
    }

    @Test
    void refusesWhatTheLiveCommandsWouldRefuseAndWritesNothing() {
        Fixtures.Org org = fixtures.organization();
        UUID customer = customer(org);
        HistoricalCase fine = aCase(org, customer, "Hyvä", T, List.of());
        HistoricalCase illegal = aCase(org, customer, "Suoraan suljetuksi", T,
                List.of(new StatusChange(T.plusSeconds(60), Actor.staff(org.agent().id()), CaseStatus.CLOSED)));
        assertThatThrownBy(() -> cases.importHistorical(org.id(), List.of(fine, illegal)))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("illegal-transition"));

        HistoricalCase future = aCase(org, customer, "Tulevaisuudesta", Instant.now().plusSeconds(3600), List.of());
        assertThatThrownBy(() -> cases.importHistorical(org.id(), List.of(fine, future)))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("in-future"));

        HistoricalCase backwards = aCase(org, customer, "Takaperin", T, List.of(new Note(T.minusSeconds(60), org.agent().id(), "x")));
        assertThatThrownBy(() -> cases.importHistorical(org.id(), List.of(backwards)))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("out-of-order"));

        Fixtures.Org stranger = fixtures.organization();
        HistoricalCase strangersStaff = aCase(org, customer, "Vieras", T, List.of(new Reply(T.plusSeconds(60), stranger.agent().id(), "Hei", null)));
        assertThatThrownBy(() -> cases.importHistorical(org.id(), List.of(strangersStaff)))
                .isInstanceOfSatisfying(AspaException.class, e -> assertThat(e.code()).isEqualTo("unknown-staff"));
        assertThatThrownBy(() -> cases.importHistorical(stranger.id(), List.of(aCase(stranger, customer, "Vieras asiakas", T, List.of()))))
                .isInstanceOf(AspaException.class);

        assertThat(cases.list(org.id(), CaseFilter.all(), CaseSort.CREATED_ASC, 0, 10).items()).isEmpty();
    }

    private UUID customer(Fixtures.Org org) {
        return customers.resolve(org.id(), ContactDetails.resident("Matti Meikäläinen", "matti@example.com", null, Language.FI));
    }

    private static HistoricalCase aCase(Fixtures.Org org, UUID customer, String subject, Instant at, List<Step> steps) {
        return new HistoricalCase(Channel.WEB_FORM, customer, subject, subject + ": viesti", Language.FI, "topic",
                org.service().id(), Priority.NORMAL, Set.of("testi"), Actor.customer(), at, steps);
    }
}
