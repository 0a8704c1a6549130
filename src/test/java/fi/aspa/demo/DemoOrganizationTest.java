package fi.aspa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseFilter;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.customer.BusinessId;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.customer.PersonalIdentityCode;
import fi.aspa.feedback.Feedback;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo generator, run directly (not through the start-up runner) into fresh organizations at small sizes. */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOrganizationTest {
    static final Instant END = Instant.parse("2025-06-15T10:00:00Z");
    static final int CUSTOMERS = 150;
    static final int CASES = 400;

    @Autowired DemoGenerator generator;
    @Autowired Feedback feedback;
    @Autowired JdbcClient db;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired Organizations organizations;
    @Autowired Staff staff;

    DemoResult demo;
    List<CaseSummary> all;

    @BeforeAll
    void generate() {
        demo = generator.generate(new DemoSpec(slug("demo"), 42, CUSTOMERS, CASES, END));
        all = allCases(demo.organization());
    }

    @Test
    void residentsWereAskedHowWeDidWhenTheirCaseWasResolvedAndSomeAnswered() {
        Feedback.Satisfaction all = feedback.satisfaction(demo.organization(), null, Instant.EPOCH, END.plusSeconds(1));
        long resolvedResidentCases = db.sql("""
                select count(*) from support_case where organization_id = ? and channel <> 'INTERNAL'
                  and first_resolved_at is not null""").param(demo.organization().value()).query(Long.class).single();
        assertThat(all.invitations()).as("one invitation per resident's case resolved").isEqualTo(resolvedResidentCases);
        assertThat(all.delivered()).isPositive().isLessThan(all.invitations());
        assertThat(all.deliveredAnswers()).as("about a third of those reached answered")
                .isBetween(all.delivered() / 5, all.delivered() / 2).isEqualTo(all.answers());
        assertThat((double) all.satisfied() / all.answers()).as("most were satisfied, not all").isBetween(0.6, 0.9);
        List<String> comments = db.sql("select comment from feedback_invitation where organization_id = ? and comment is not null")
                .param(demo.organization().value()).query(String.class).list();
        assertThat(comments).isNotEmpty().anyMatch(c -> c.contains("kiitos") || c.contains("Vastaus") || c.contains("tack"));
        assertThat(db.sql("select count(*) from feedback_invitation where organization_id = ? and answered_at > ?")
                .params(demo.organization().value(), java.sql.Timestamp.from(END)).query(Long.class).single())
                .as("no answer after the demo's end").isZero();
    }

    @Test
    void makesTheUnitTreeServicePointsAndBilingualStaff() {
        List<Unit> units = organizations.units(demo.organization());
        assertThat(units).hasSizeGreaterThanOrEqualTo(6).hasSize(demo.units());
        assertThat(units).anyMatch(u -> u.parentId() != null);
        assertThat(units).extracting(u -> u.name().sv()).contains("Kundservice", "Småbarnspedagogik", "Byggnadstillsyn",
                "Gatu- och grönområden", "IT-förvaltning");
        assertThat(organizations.servicePoints(demo.organization())).hasSize(2);
        List<StaffUser> members = staff.inOrganization(demo.organization());
        assertThat(members).hasSizeGreaterThanOrEqualTo(24).hasSize(demo.staff());
        assertThat(members).extracting(StaffUser::language).contains(Language.FI, Language.SV);
        // another slug than the demo's own: the well-known logins are prefixed, so they stay unique
        assertThat(members).extracting(StaffUser::username).contains(slugOf() + ".agentti", slugOf() + ".esimies", slugOf() + ".admin");
    }

    @Test
    void makesCustomersOfEveryKindWithValidIdentityCodes() {
        assertThat(demo.customers()).hasSizeGreaterThanOrEqualTo(CUSTOMERS);
        List<Customer> made = demo.customers().stream().map(id -> customers.find(demo.organization(), id).orElseThrow()).toList();
        assertThat(made).extracting(Customer::kind).contains(CustomerKind.PERSON, CustomerKind.BUSINESS, CustomerKind.INTERNAL);
        List<String> personalIds = made.stream().map(Customer::personalId).filter(id -> id != null).toList();
        List<String> businessIds = made.stream().map(Customer::businessId).filter(id -> id != null).toList();
        assertThat(personalIds).hasSizeGreaterThan(10).allMatch(PersonalIdentityCode::isValid).doesNotHaveDuplicates();
        assertThat(businessIds).hasSizeGreaterThan(3).allMatch(BusinessId::isValid).doesNotHaveDuplicates();
        assertThat(made).filteredOn(c -> c.kind() == CustomerKind.BUSINESS).allMatch(c -> c.businessId() != null);
        assertThat(made).filteredOn(c -> c.kind() == CustomerKind.INTERNAL).allMatch(c -> c.staffUserId() != null);
        assertThat(made).extracting(Customer::preferredLanguage).contains(Language.FI, Language.SV);
    }

    @Test
    void identityCodeGeneratorsAlwaysPassTheValidators() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            assertThat(FinnishIds.personalIdentityCode(random, 1890, 2024)).matches(PersonalIdentityCode::isValid);
            assertThat(FinnishIds.businessId(random)).matches(BusinessId::isValid);
        }
        assertThat(FinnishIds.personalIdentityCode(java.time.LocalDate.of(1952, 10, 13), 308)).isEqualTo("131052-308T");
    }

    @Test
    void spreadsCasesOverEveryChannelStatusAndTheLastEighteenMonths() {
        assertThat(all).hasSize(CASES).hasSize(demo.cases());
        // every channel residents use; INTERNAL is staff as internal customers, which the demo's history does not have
        assertThat(all).extracting(CaseSummary::channel).containsAll(EnumSet.complementOf(EnumSet.of(Channel.INTERNAL)))
                .doesNotContain(Channel.INTERNAL);
        assertThat(all).extracting(CaseSummary::status).containsAll(EnumSet.allOf(CaseStatus.class));
        assertThat(all.stream().map(CaseSummary::priority).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(all).extracting(CaseSummary::language).contains(Language.FI, Language.SV);
        assertThat(all).allMatch(c -> c.unitId() != null && !c.tags().isEmpty());
        assertThat(all.stream().map(CaseSummary::unitId).distinct().count()).isGreaterThanOrEqualTo(6);
        Instant start = END.atZone(ZoneId.of("Europe/Helsinki")).minusMonths(18).toInstant();
        assertThat(all).allMatch(c -> !c.createdAt().isBefore(start) && !c.updatedAt().isAfter(END)
                && !c.updatedAt().isBefore(c.createdAt()));
        assertThat(all.getFirst().createdAt()).isBefore(start.plusSeconds(60L * 24 * 3600));
        assertThat(all).filteredOn(c -> c.status() != CaseStatus.NEW).anyMatch(c -> c.assigneeId() != null);
        assertThat(all).allMatch(c -> !c.subject().isBlank());
        assertThat(all.stream().map(CaseSummary::subject).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void closedCasesHaveTheWholeConversationAndHistory() {
        List<CaseDetail> closed = all.stream().filter(c -> c.status() == CaseStatus.CLOSED).limit(40)
                .map(c -> cases.detail(demo.organization(), c.id()).orElseThrow()).toList();
        assertThat(closed).isNotEmpty();
        for (CaseDetail detail : closed) {
            List<MessageKind> kinds = detail.messages().stream().map(CaseMessage::kind).toList();
            assertThat(kinds.getFirst()).isEqualTo(MessageKind.INBOUND);
            assertThat(kinds).contains(MessageKind.OUTBOUND);
            List<String> types = detail.history().stream().map(CaseEventEntry::type).toList();
            assertThat(types.getFirst()).isEqualTo("OPENED");
            assertThat(types).contains("REPLIED", "STATUS_CHANGED");
            CaseEventEntry last = detail.history().getLast();
            assertThat(last.type()).isEqualTo("STATUS_CHANGED");
            assertThat(last.detail()).containsEntry("to", "CLOSED");
            assertThat(detail.topic()).isNotBlank();
        }
        List<CaseDetail> sample = all.stream().limit(120).map(c -> cases.detail(demo.organization(), c.id()).orElseThrow()).toList();
        assertThat(sample).flatExtracting(CaseDetail::messages).extracting(CaseMessage::kind)
                .contains(MessageKind.NOTE, MessageKind.INBOUND, MessageKind.OUTBOUND);
        assertThat(sample).flatExtracting(CaseDetail::history).extracting(CaseEventEntry::type)
                .contains("ASSIGNED", "TRANSFERRED", "CUSTOMER_MESSAGE", "NOTE_ADDED");
    }

    @Test
    void someCustomersWriteSeveralTimesThroughSeveralChannels() {
        Map<UUID, List<CaseSummary>> byCustomer = all.stream().collect(Collectors.groupingBy(CaseSummary::customerId));
        List<UUID> regulars = byCustomer.entrySet().stream()
                .filter(e -> e.getValue().size() >= 3 && e.getValue().stream().map(CaseSummary::channel).distinct().count() >= 2)
                .map(Map.Entry::getKey).toList();
        assertThat(regulars).hasSizeGreaterThanOrEqualTo(3);
        List<TimelineEntry> timeline = cases.timeline(demo.organization(), regulars.getFirst(), 500);
        assertThat(timeline.stream().map(TimelineEntry::caseId).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(timeline.stream().map(TimelineEntry::channel).distinct().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameOrganization() {
        DemoResult again = generator.generate(new DemoSpec(slug("again"), 42, CUSTOMERS, CASES, END));
        List<CaseSummary> second = allCases(again.organization());
        assertThat(second).extracting(CaseSummary::subject).containsExactlyElementsOf(all.stream().map(CaseSummary::subject).toList());
        assertThat(second).extracting(CaseSummary::reference).containsExactlyElementsOf(all.stream().map(CaseSummary::reference).toList());
        assertThat(second).extracting(c -> c.channel() + " " + c.status() + " " + c.priority() + " " + c.createdAt() + " " + c.updatedAt())
                .containsExactlyElementsOf(all.stream().map(c -> c.channel() + " " + c.status() + " " + c.priority() + " "
                        + c.createdAt() + " " + c.updatedAt()).toList());

        DemoResult other = generator.generate(new DemoSpec(slug("other"), 43, CUSTOMERS, CASES, END));
        assertThat(allCases(other.organization())).extracting(CaseSummary::subject)
                .isNotEqualTo(all.stream().map(CaseSummary::subject).toList());
    }

    @Test
    void theNeighboursAreSmallNamedOrganizationsWithEnoughRecentCasesToCompare() {
        List<DemoSpec> neighbours = DemoSpec.neighbours(END);
        // the network's demo data (insights' NetworkDemoData) finds them by these slugs
        assertThat(neighbours).extracting(DemoSpec::slug).containsExactly("naapurila", "pikkukyla");
        assertThat(neighbours).extracting(n -> n.name().fi()).containsExactly("Naapurilan kunta", "Pikkukylän kunta");
        assertThat(neighbours).allMatch(n -> n.cases() <= 600 && n.seed() != DemoSpec.SEED);
        DemoSpec naapurila = neighbours.getFirst();
        // generated under another slug (the real one is the demo's), with the neighbour's name, seed and size
        DemoResult made = generator.generate(new DemoSpec(slug("naapurila"), naapurila.name(), naapurila.seed(),
                naapurila.customers(), naapurila.cases(), END));
        assertThat(organizations.find(made.organization()).orElseThrow().name().sv()).isEqualTo("Grannby kommun");
        List<CaseSummary> theirs = allCases(made.organization());
        assertThat(theirs).hasSize(naapurila.cases());
        // the comparison needs 20 cases in a period for its rates: the default period, 30 days, has them
        assertThat(theirs.stream().filter(c -> c.createdAt().isAfter(END.minus(java.time.Duration.ofDays(30)))).count())
                .isGreaterThanOrEqualTo(20);
        assertThat(made.took()).as("a few hundred cases stay quick").isLessThan(java.time.Duration.ofSeconds(20));
    }

    private String slugOf() {
        return organizations.find(demo.organization()).orElseThrow().slug();
    }

    private List<CaseSummary> allCases(OrganizationId organization) {
        List<CaseSummary> result = new ArrayList<>();
        for (int page = 0; ; page++) {
            var p = cases.list(organization, CaseFilter.all(), CaseSort.CREATED_ASC, page, 200);
            result.addAll(p.items());
            if (!p.hasNext()) return result;
        }
    }

    private static String slug(String name) {
        return "demo-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
