package fi.aspa.knowledge;

import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff question column: a question becomes an internal case (the asker as an internal customer) that routing
 * routes like any other; the expert's reply shows on the question page; a resolved question becomes an internal
 * article draft with the question and the answer. Before sending, similar published articles and earlier questions
 * are offered.
 */
@Service
class Questions {
    static final String TAG = "staff-question";
    static final int MAX_QUESTION = 4000;
    /** Share of the question's words that an earlier question must share to count as a repeat. */
    static final double REPEAT_THRESHOLD = 0.5;

    private final JdbcClient db;
    private final Cases cases;
    private final Customers customers;
    private final Staff staff;
    private final Catalogue catalogue;
    private final SearchIndex index;
    private final KnowledgeStore knowledge;
    private final Clock clock;

    Questions(JdbcClient db, Cases cases, Customers customers, Staff staff, Catalogue catalogue, SearchIndex index,
              KnowledgeStore knowledge, Clock clock) {
        this.db = db;
        this.cases = cases;
        this.customers = customers;
        this.staff = staff;
        this.catalogue = catalogue;
        this.index = index;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    record Question(UUID id, UUID askerId, UUID caseId, UUID serviceId, String question, Language language, UUID articleId,
                    Instant createdAt) {}

    record Similar(String href, String title, String snippetHtml, boolean repeat) {}

    /** Earlier questions that share most words with this one first (repeats), then published articles. */
    List<Similar> similar(OrganizationId org, String text, Language language) {
        List<Similar> result = new ArrayList<>();
        Set<String> words = words(text);
        if (words.isEmpty()) return result;
        for (Question q : recent(org, 500)) {
            Set<String> theirs = words(q.question());
            long shared = words.stream().filter(theirs::contains).count();
            if ((double) shared / words.size() >= REPEAT_THRESHOLD) {
                // a colleague's question, shown to whoever asks something alike: without what looks like personal data
                String title = shortened(PersonalDataFilter.strip(q.question(), q.language()));
                result.add(new Similar("/workspace/questions/" + q.id(), title, null, true));
            }
            if (result.size() >= 3) break;
        }
        for (SearchHit hit : index.search(SearchQuery.staffSearch(org, text, language).withTypes(Set.of(DocumentType.ARTICLE))
                .withLimit(5)).hits()) {
            result.add(new Similar("/workspace/knowledge/read/" + hit.id(), hit.title(), hit.snippetHtml(), false));
        }
        return result;
    }

    /** The first 120 characters, for lists. */
    static String shortened(String question) {
        return question.length() > 120 ? question.substring(0, 120) + "…" : question;
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 4).map(w -> w.length() > 6 ? w.substring(0, 6) : w)
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Transactional
    Question ask(OrganizationId org, UUID askerId, String text, UUID serviceId, Language language) {
        String question = text == null ? "" : text.strip();
        if (question.isEmpty()) throw AspaException.invalid("question-missing", "The question is empty");
        if (question.length() > MAX_QUESTION) throw AspaException.invalid("question-too-long", "The question is too long");
        StaffUser asker = staff.find(org, askerId).orElseThrow(() -> AspaException.notFound("Staff member"));
        CatalogueService service = serviceId == null ? null
                : catalogue.find(org, serviceId).orElseThrow(() -> AspaException.invalid("unknown-service", "No such service"));
        UUID customer = customers.resolve(org, new ContactDetails(CustomerKind.INTERNAL, asker.displayName(), asker.email(),
                null, null, null, asker.id(), asker.language(), true));
        String subject = question.lines().findFirst().orElse(question);
        if (subject.length() > 100) subject = subject.substring(0, 100) + "…";
        OpenedCase opened = cases.open(org, new NewCase(Channel.INTERNAL, customer, subject, question, language, null,
                service == null ? null : service.unitId(), null, Set.of(TAG), List.of(), Actor.staff(askerId)));
        UUID id = Ids.next();
        Instant now = clock.instant();
        db.sql("""
                insert into knowledge_question (id, organization_id, asker_id, case_id, service_id, question, language, created_at)
                values (:id, :org, :asker, :case, :service, :question, :language, :now)""")
                .param("id", id).param("org", org.value()).param("asker", askerId).param("case", opened.id())
                .param("service", serviceId).param("question", question).param("language", language.code())
                .param("now", java.sql.Timestamp.from(now)).update();
        return new Question(id, askerId, opened.id(), serviceId, question, language, null, now);
    }

    Optional<Question> find(OrganizationId org, UUID id) {
        return db.sql("select * from knowledge_question where organization_id = :org and id = :id")
                .param("org", org.value()).param("id", id).query((rs, n) -> question(rs)).optional();
    }

    Optional<Question> byCase(OrganizationId org, UUID caseId) {
        return db.sql("select * from knowledge_question where organization_id = :org and case_id = :case")
                .param("org", org.value()).param("case", caseId).query((rs, n) -> question(rs)).optional();
    }

    List<Question> mine(OrganizationId org, UUID askerId) {
        return db.sql("select * from knowledge_question where organization_id = :org and asker_id = :asker order by created_at desc limit 50")
                .param("org", org.value()).param("asker", askerId).query((rs, n) -> question(rs)).list();
    }

    List<Question> recent(OrganizationId org, int limit) {
        return db.sql("select * from knowledge_question where organization_id = :org order by created_at desc limit :limit")
                .param("org", org.value()).param("limit", limit).query((rs, n) -> question(rs)).list();
    }

    /** The experts' replies to the question, oldest first. */
    List<CaseMessage> answers(OrganizationId org, Question q) {
        return cases.detail(org, q.caseId()).map(Questions::answers).orElse(List.of());
    }

    /** The experts' replies in the question's case, oldest first. */
    static List<CaseMessage> answers(CaseDetail detail) {
        return detail.messages().stream().filter(m -> m.kind() == MessageKind.OUTBOUND)
                .sorted(Comparator.comparing(CaseMessage::createdAt)).toList();
    }

    /** The questions' cases, read at once: case id → the case. */
    Map<UUID, CaseDetail> casesOf(OrganizationId org, List<Question> questions) {
        return cases.details(org, questions.stream().map(Question::caseId).toList()).stream()
                .collect(Collectors.toMap(d -> d.summary().id(), d -> d));
    }

    static boolean answered(CaseDetail detail) {
        return !answers(detail).isEmpty();
    }

    /** A resolved question feeds an internal article draft (once): the question as the title, the answers as the text. */
    @ApplicationModuleListener(condition = "#p0.to().name() == 'RESOLVED'")
    void on(CaseStatusChanged event) {
        if (event.to() != CaseStatus.RESOLVED) return;
        draftFromResolved(event.organizationId(), event.caseId());
    }

    @Transactional
    Optional<Article> draftFromResolved(OrganizationId org, UUID caseId) {
        Optional<Question> found = byCase(org, caseId);
        if (found.isEmpty() || found.get().articleId() != null) return Optional.empty();
        Question q = found.get();
        CaseDetail detail = cases.detail(org, caseId).orElse(null);
        List<CaseMessage> answers = detail == null ? List.of() : answers(detail);
        if (answers.isEmpty()) return Optional.empty();
        // the asker is the case's (internal) customer: their name, email and number leave the draft with the rest
        Customer asker = customers.find(org, detail.summary().customerId()).orElse(null);
        String title = PersonalDataFilter.strip(q.question().lines().findFirst().orElse(q.question()), asker, q.language());
        if (title.length() > KnowledgeStore.MAX_TITLE) title = title.substring(0, KnowledgeStore.MAX_TITLE - 1) + "…";
        if (title.isBlank()) title = PersonalDataFilter.placeholder("name", q.language());
        String body = PersonalDataFilter.strip(q.question() + "\n\n" + answers.stream().map(CaseMessage::body).collect(Collectors.joining("\n\n")),
                asker, q.language());
        if (body.length() > KnowledgeStore.MAX_BODY) body = body.substring(0, KnowledgeStore.MAX_BODY);
        UUID author = answers.getLast().authorStaffId() != null ? answers.getLast().authorStaffId() : q.askerId();
        ArticleDraft draft = new ArticleDraft(Map.of(q.language(), new ArticleText(title, body)), ArticleVisibility.INTERNAL, author,
                LocalDate.now(clock).plusYears(1), q.serviceId() == null ? List.of() : List.of(q.serviceId()), List.of(), null);
        Article article = knowledge.create(org, new Editor(author, false), draft, caseId);
        db.sql("update knowledge_question set article_id = :article where organization_id = :org and id = :id")
                .param("article", article.id()).param("org", org.value()).param("id", q.id()).update();
        return Optional.of(article);
    }

    private static Question question(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Question(rs.getObject("id", UUID.class), rs.getObject("asker_id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("service_id", UUID.class), rs.getString("question"), Language.parse(rs.getString("language")).orElse(Language.FI),
                rs.getObject("article_id", UUID.class), rs.getTimestamp("created_at").toInstant());
    }
}
