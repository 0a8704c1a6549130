package fi.aspa.cases;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.MessageReceived;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CaseBatches}: {@link Cases#open} for a batch. Everything is checked first (so a refusal writes nothing),
 * then the references are taken from the organization's sequence in one statement and the rows are written with
 * one batched insert per table; the events follow, case by case.
 */
@Service
@Transactional
class CaseBatchOpen implements CaseBatches {
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final JdbcTemplate jdbc;
    private final Organizations organizations;
    private final AttachmentPolicy attachmentPolicy;
    private final References references;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    CaseBatchOpen(JdbcTemplate jdbc, Organizations organizations, AttachmentPolicy attachmentPolicy,
                  References references, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.attachmentPolicy = attachmentPolicy;
        this.references = references;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** One case, checked, before its rows are written. */
    private record Checked(NewCase command, String subject, String body, Set<String> tags,
                           List<AttachmentPolicy.Checked> files, UUID id, UUID messageId, Instant at) {}

    @Override
    public List<Opened> openAll(OrganizationId organization, List<NewCase> commands) {
        if (commands.isEmpty()) return List.of();
        Organization org = organizations.find(organization).orElseThrow(() -> AspaException.notFound("Organization"));
        Set<UUID> knownUnits = new HashSet<>();
        List<Checked> checked = new ArrayList<>(commands.size());
        for (NewCase command : commands) {
            String subject = CaseStore.requireText("subject", command.subject(), CaseStore.MAX_SUBJECT);
            String body = CaseStore.requireText("body", command.body(), CaseStore.MAX_BODY);
            Set<String> tags = CaseStore.normalizeTags(command.tags());
            if (command.unitId() != null && !knownUnits.contains(command.unitId())) {
                if (organizations.unit(organization, command.unitId()).isEmpty()) {
                    throw AspaException.invalid("unknown-unit", "No such unit in this organization");
                }
                knownUnits.add(command.unitId());
            }
            List<AttachmentPolicy.Checked> files = attachmentPolicy.check(command.attachments());
            checked.add(new Checked(command, subject, body, tags, files, Ids.next(), Ids.next(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS)));
        }
        List<String> refs = references(org, checked);
        Rows rows = new Rows(organization);
        List<Opened> opened = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            Checked c = checked.get(i);
            String token = Tokens.random();
            rows.add(c, refs.get(i), token);
            NewCase command = c.command();
            opened.add(new Opened(new OpenedCase(c.id(), refs.get(i), token,
                    CaseRows.opened(c.id(), refs.get(i), c.subject(), command, c.tags(), c.at())), c.messageId()));
        }
        rows.write();
        for (int i = 0; i < checked.size(); i++) {
            NewCase command = checked.get(i).command();
            UUID id = checked.get(i).id();
            events.publishEvent(new CaseOpened(organization, id, refs.get(i), command.channel(), command.customerId(), command.unitId()));
            events.publishEvent(new MessageReceived(organization, id, checked.get(i).messageId(), command.channel()));
        }
        return opened;
    }

    /** The references in the order of the cases: one statement per year (a batch across New Year has two). */
    private List<String> references(Organization org, List<Checked> checked) {
        String[] refs = new String[checked.size()];
        Map<Integer, List<Integer>> byYear = new java.util.TreeMap<>();
        for (int i = 0; i < checked.size(); i++) {
            byYear.computeIfAbsent(checked.get(i).at().atZone(HELSINKI).getYear(), y -> new ArrayList<>()).add(i);
        }
        byYear.forEach((year, indexes) -> {
            List<Long> numbers = references.reserve(org.id(), year, indexes.size());
            for (int k = 0; k < indexes.size(); k++) refs[indexes.get(k)] = References.format(org, year, numbers.get(k));
        });
        return List.of(refs);
    }

    /** The batch's rows, written with one batched insert per table. */
    private final class Rows {
        final OrganizationId organization;
        final List<Object[]> cases = new ArrayList<>();
        final List<Object[]> messages = new ArrayList<>();
        final List<Object[]> files = new ArrayList<>();
        final List<Object[]> history = new ArrayList<>();

        Rows(OrganizationId organization) {
            this.organization = organization;
        }

        void add(Checked c, String reference, String token) {
            NewCase command = c.command();
            Timestamp at = Timestamp.from(c.at());
            UUID org = organization.value();
            cases.add(new Object[] {c.id(), org, reference, c.subject(), command.channel().name(), command.language().code(),
                    command.customerId(), command.unitId(), command.priority().name(), c.tags().toArray(String[]::new),
                    command.topic(), Tokens.sha256(token), at, at, reference + " " + c.subject(), c.body()});
            messages.add(new Object[] {c.messageId(), org, c.id(), MessageKind.INBOUND.name(), command.channel().name(),
                    null, c.body(), at});
            for (AttachmentPolicy.Checked file : c.files()) {
                files.add(new Object[] {Ids.next(), org, c.id(), c.messageId(), file.filename(), file.contentType(),
                        file.content().length, Tokens.sha256(file.content()), file.content(), at});
            }
            history.add(new Object[] {Ids.next(), org, c.id(), command.actor().staffId(), command.actor().kind().name(),
                    "OPENED", json.writeValueAsString(Map.of("channel", command.channel().name(), "reference", reference)), at});
        }

        void write() {
            jdbc.batchUpdate("""
                    insert into support_case (id, organization_id, reference, subject, channel, language, customer_id,
                        unit_id, priority, status, tags, topic, tracking_token_sha256, created_at, updated_at, search)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?,
                        setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', left(?, 100000)))""", cases);
            jdbc.batchUpdate(CaseRows.INSERT_MESSAGE, messages);
            if (!files.isEmpty()) {
                jdbc.batchUpdate(CaseRows.INSERT_ATTACHMENT, files);
            }
            jdbc.batchUpdate(CaseRows.INSERT_EVENT, history);
        }
    }
}
