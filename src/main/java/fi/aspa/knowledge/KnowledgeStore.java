package fi.aspa.knowledge;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.Visibility;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The knowledge base on PostgreSQL; every query carries the organization. */
@Service
class KnowledgeStore implements Knowledge {
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_LINKS = 20;
    static final int MAX_NOTE = 500;

    private final JdbcClient db;
    private final Catalogue catalogue;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    KnowledgeStore(JdbcClient db, Catalogue catalogue, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.catalogue = catalogue;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What is wrong with a draft, field id ({@code title-fi}, {@code body-sv}…) → message key; empty when it can be
     * saved. At least one language must have a title and a body, and a language that has one must have both.
     */
    static Map<String, String> problems(ArticleDraft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        boolean any = false;
        for (Language language : Language.values()) {
            ArticleText text = draft.texts().getOrDefault(language, new ArticleText("", ""));
            String l = language.code();
            if (text.title().length() > MAX_TITLE) problems.put("title-" + l, "knowledge.error.title-too-long");
            if (text.body().length() > MAX_BODY) problems.put("body-" + l, "knowledge.error.body-too-long");
            if (!text.isEmpty() && text.title().isEmpty()) problems.put("title-" + l, "knowledge.error.title-missing");
            if (!text.isEmpty() && text.body().isEmpty()) problems.put("body-" + l, "knowledge.error.body-missing");
            any |= text.isComplete();
        }
        if (!any && problems.isEmpty()) problems.put("title-fi", "knowledge.error.no-language");
        if (draft.serviceIds().size() > MAX_LINKS) problems.put("services", "knowledge.error.too-many");
        if (draft.lifeEvents().size() > MAX_LINKS) problems.put("lifeEvents", "knowledge.error.too-many");
        if (draft.note() != null && draft.note().length() > MAX_NOTE) problems.put("note", "knowledge.error.note-too-long");
        return problems;
    }

    private void check(OrganizationId organization, ArticleDraft draft) {
        Map<String, String> problems = problems(draft);
        if (!problems.isEmpty()) {
            throw AspaException.invalid("invalid-article", "The article cannot be saved: " + problems);
        }
        for (UUID service : draft.serviceIds()) {
            if (catalogue.find(organization, service).isEmpty()) {
                throw AspaException.invalid("unknown-service", "No such service in this organization: " + service);
            }
        }
    }

    @Override
    @Transactional
    public Article create(OrganizationId organization, Editor editor, ArticleDraft draft) {
        return create(organization, editor, draft, null);
    }

    @Transactional
    Article create(OrganizationId organization, Editor editor, ArticleDraft draft, UUID sourceCaseId) {
        check(organization, draft);
        UUID id = Ids.next();
        Instant now = clock.instant();
        db.sql("""
                insert into knowledge_article (id, organization_id, status, owner_id, review_date, current_version,
                    source_case_id, created_at, updated_at)
                values (:id, :org, 'DRAFT', :owner, :review, 1, :source, :now, :now)""")
                .param("id", id).param("org", organization.value())
                .param("owner", draft.ownerId() == null ? editor.staffId() : draft.ownerId())
                .param("review", draft.reviewDate())
                .param("source", sourceCaseId).param("now", java.sql.Timestamp.from(now))
                .update();
        insertVersion(organization, id, 1, draft, editor.staffId(), null, now);
        return find(organization, id).orElseThrow();
    }

    @Override
    @Transactional
    public Article save(OrganizationId organization, UUID articleId, Editor editor, ArticleDraft draft) {
        Article article = lock(organization, articleId);
        if (article.status() == ArticleStatus.ARCHIVED) {
            throw AspaException.conflict("article-archived", "An archived article cannot be edited; restore it first");
        }
        check(organization, draft);
        int next = article.current().number() + 1;
        Instant now = clock.instant();
        // the texts, the visibility and the service and life-event links go with the new version: readers, the search
        // index and the chatbot keep the published version's until a reviewer publishes
        insertVersion(organization, articleId, next, draft, editor.staffId(), null, now);
        ArticleStatus status = article.status() == ArticleStatus.PUBLISHED ? ArticleStatus.DRAFT : article.status();
        // the owner and the review date are the article's bookkeeping (who is responsible for it, when it is stale): only
        // staff see them and nothing public depends on them, so they change at once
        db.sql("""
                update knowledge_article set status = :status, owner_id = :owner, review_date = :review,
                    current_version = :version, updated_at = :now
                where organization_id = :org and id = :id""")
                .param("status", status.name())
                .param("owner", draft.ownerId() == null ? article.ownerId() : draft.ownerId())
                .param("review", draft.reviewDate())
                .param("version", next).param("now", java.sql.Timestamp.from(now))
                .param("org", organization.value()).param("id", articleId)
                .update();
        // nothing the live version shows has changed, so the search index has nothing to follow (no ArticleChanged)
        return find(organization, articleId).orElseThrow();
    }

    @Override
    @Transactional
    public Article transition(OrganizationId organization, UUID articleId, Editor editor, Transition transition) {
        Article article = lock(organization, articleId);
        if (transition.reviewerOnly() && !editor.reviewer()) {
            throw new AspaException(HttpStatus.FORBIDDEN, "not-reviewer", "Only a reviewer (unit manager or admin) may " + transition);
        }
        if (!transition.allowedFrom(article.status())) {
            throw AspaException.conflict("article-illegal-transition", transition + " is not possible from " + article.status());
        }
        Integer published = switch (transition) {
            case PUBLISH -> article.current().number();
            case UNPUBLISH, ARCHIVE -> null;
            default -> article.publishedVersion();
        };
        db.sql("""
                update knowledge_article set status = :status, published_version = :published, updated_at = :now
                where organization_id = :org and id = :id""")
                .param("status", transition.to().name()).param("published", published)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("org", organization.value()).param("id", articleId)
                .update();
        if (article.live() || published != null) events.publishEvent(new ArticleChanged(organization, articleId));
        return find(organization, articleId).orElseThrow();
    }

    @Override
    @Transactional
    public Article rollback(OrganizationId organization, UUID articleId, Editor editor, int version) {
        Article article = lock(organization, articleId);
        ArticleVersion old = version(organization, articleId, version).orElseThrow(() -> AspaException.notFound("Version"));
        // the old texts; who may read it and where it is shown stay as the current version proposes
        ArticleDraft draft = new ArticleDraft(old.texts(), article.visibility(), article.ownerId(), article.reviewDate(),
                article.serviceIds(), article.lifeEvents(), null);
        Article saved = save(organization, articleId, editor, draft);
        db.sql("update knowledge_version set rolled_back_from = :from where organization_id = :org and article_id = :id and version = :v")
                .param("from", version).param("org", organization.value()).param("id", articleId)
                .param("v", saved.current().number()).update();
        return find(organization, articleId).orElseThrow();
    }

    private Article lock(OrganizationId organization, UUID articleId) {
        db.sql("select id from knowledge_article where organization_id = :org and id = :id for update")
                .param("org", organization.value()).param("id", articleId).query(UUID.class).optional()
                .orElseThrow(() -> AspaException.notFound("Article"));
        return find(organization, articleId).orElseThrow();
    }

    private void insertVersion(OrganizationId organization, UUID articleId, int version, ArticleDraft draft, UUID author,
                               Integer rolledBackFrom, Instant now) {
        Map<Language, ArticleText> texts = draft.texts();
        String note = draft.note();
        ArticleText fi = texts.getOrDefault(Language.FI, new ArticleText("", ""));
        ArticleText sv = texts.getOrDefault(Language.SV, new ArticleText("", ""));
        ArticleText en = texts.getOrDefault(Language.EN, new ArticleText("", ""));
        db.sql("""
                insert into knowledge_version (organization_id, article_id, version, title_fi, title_sv, title_en, body_fi,
                    body_sv, body_en, visibility, service_ids, life_events, author_id, note, rolled_back_from, created_at)
                values (:org, :id, :version, :tfi, :tsv, :ten, :bfi, :bsv, :ben, :visibility, cast(:services as uuid[]),
                    cast(:events as text[]), :author, :note, :from, :now)""")
                .param("org", organization.value()).param("id", articleId).param("version", version)
                .param("visibility", draft.visibility().name())
                .param("services", draft.serviceIds().stream().distinct().toArray(UUID[]::new))
                .param("events", draft.lifeEvents().stream().distinct().toArray(String[]::new))
                .param("tfi", blankToNull(fi.title())).param("tsv", blankToNull(sv.title())).param("ten", blankToNull(en.title()))
                .param("bfi", blankToNull(fi.body())).param("bsv", blankToNull(sv.body())).param("ben", blankToNull(en.body()))
                .param("author", author).param("note", note == null || note.isBlank() ? null : note.strip())
                .param("from", rolledBackFrom).param("now", java.sql.Timestamp.from(now))
                .update();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- queries

    /** A version's columns, each under the prefix. */
    private static String versionColumns(String table, String prefix) {
        return Stream.of("version", "title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en", "visibility", "service_ids",
                        "life_events", "author_id", "note", "rolled_back_from", "created_at")
                .map(c -> table + "." + c + " as " + prefix + c).collect(java.util.stream.Collectors.joining(", "));
    }

    /** An article with its current version ({@code v_}) and its published version ({@code p_}, null when none). */
    private static final String ARTICLE = "select a.*, " + versionColumns("v", "v_") + ", " + versionColumns("p", "p_") + """

            from knowledge_article a
            join knowledge_version v on v.article_id = a.id and v.version = a.current_version and v.organization_id = a.organization_id
            left join knowledge_version p on p.article_id = a.id and p.version = a.published_version and p.organization_id = a.organization_id
            """;

    @Override
    public Optional<Article> find(OrganizationId organization, UUID articleId) {
        return db.sql(ARTICLE + " where a.organization_id = :org and a.id = :id")
                .param("org", organization.value()).param("id", articleId)
                .query((rs, n) -> article(rs)).optional();
    }

    @Override
    public List<Article> list(OrganizationId organization, ArticleFilter filter) {
        LocalDate today = LocalDate.now(clock);
        return db.sql(ARTICLE + " where a.organization_id = :org and (cast(:status as text) is null or a.status = :status) order by a.updated_at desc, a.id")
                .param("org", organization.value()).param("status", filter.status() == null ? null : filter.status().name())
                // list(), not stream(): JdbcClient's stream holds its connection until the stream is closed, and outside a
                // transaction nothing closes it, so every list page leaked a pooled connection
                .query((rs, n) -> article(rs)).list().stream()
                .filter(a -> !filter.staleOnly() || a.stale(today))
                .filter(a -> filter.missing() == null || a.current().missingLanguages().contains(filter.missing()))
                .toList();
    }

    @Override
    public List<ArticleVersion> versions(OrganizationId organization, UUID articleId) {
        return db.sql("select * from knowledge_version where organization_id = :org and article_id = :id order by version desc")
                .param("org", organization.value()).param("id", articleId)
                .query((rs, n) -> version(rs, "")).list();
    }

    @Override
    public Optional<ArticleVersion> version(OrganizationId organization, UUID articleId, int version) {
        return db.sql("select * from knowledge_version where organization_id = :org and article_id = :id and version = :v")
                .param("org", organization.value()).param("id", articleId).param("v", version)
                .query((rs, n) -> version(rs, "")).optional();
    }

    @Override
    public List<DiffLine> diff(OrganizationId organization, UUID articleId, int from, int to, Language language) {
        ArticleVersion a = version(organization, articleId, from).orElseThrow(() -> AspaException.notFound("Version"));
        ArticleVersion b = version(organization, articleId, to).orElseThrow(() -> AspaException.notFound("Version"));
        return Diffs.lines(flat(a.text(language)), flat(b.text(language)));
    }

    private static String flat(ArticleText text) {
        if (text.isEmpty()) return "";
        return text.title() + "\n\n" + text.body();
    }

    @Override
    public List<ParityGap> parity(OrganizationId organization) {
        return list(organization, ArticleFilter.all()).stream()
                .filter(a -> a.status() != ArticleStatus.ARCHIVED)
                .filter(a -> a.current().text(Language.FI).isComplete() != a.current().text(Language.SV).isComplete())
                .map(a -> new ParityGap(a.id(), a.current().title(Language.FI), a.status(),
                        a.current().text(Language.FI).isComplete(), a.current().text(Language.SV).isComplete()))
                .sorted(Comparator.comparing(ParityGap::hasFinnish).thenComparing(ParityGap::title))
                .toList();
    }

    /**
     * Published articles with their published version, filtered by that version's visibility: a visibility or links
     * proposed by a later, unpublished version never reach readers.
     */
    private static final String PUBLISHED = "select a.*, " + versionColumns("v", "v_") + """

            from knowledge_article a
            join knowledge_version v on v.article_id = a.id and v.version = a.published_version and v.organization_id = a.organization_id
            where a.organization_id = :org and a.published_version is not null and v.visibility in (:visibilities)
            """;

    @Override
    public Optional<PublishedArticle> published(OrganizationId organization, UUID articleId, Set<ArticleVisibility> allowed) {
        if (allowed.isEmpty()) return Optional.empty();
        return db.sql(PUBLISHED + " and a.id = :id")
                .param("org", organization.value()).param("id", articleId)
                .param("visibilities", allowed.stream().map(Enum::name).toList())
                .query((rs, n) -> published(rs)).optional();
    }

    @Override
    public List<PublishedArticle> published(OrganizationId organization, Set<ArticleVisibility> allowed) {
        if (allowed.isEmpty()) return List.of();
        return db.sql(PUBLISHED + " order by a.id")
                .param("org", organization.value())
                .param("visibilities", allowed.stream().map(Enum::name).toList())
                .query((rs, n) -> published(rs)).list();
    }

    @Override
    public Stream<SearchDocument> searchDocuments(OrganizationId organization) {
        List<PublishedArticle> all = published(organization, Set.of(ArticleVisibility.values()));
        Map<UUID, CatalogueService> services = new java.util.HashMap<>();
        return all.stream().flatMap(article -> documents(organization, article, services).stream());
    }

    /** One document per published language version (contract: id = the article's UUID, body = plain text). */
    List<SearchDocument> documents(OrganizationId organization, PublishedArticle article, Map<UUID, CatalogueService> cache) {
        List<CatalogueService> linked = article.serviceIds().stream()
                .map(id -> cache.computeIfAbsent(id, k -> catalogue.find(organization, k).orElse(null)))
                .filter(java.util.Objects::nonNull).toList();
        Map<String, List<String>> facets = new LinkedHashMap<>();
        if (!article.serviceIds().isEmpty()) facets.put("service", article.serviceIds().stream().map(UUID::toString).toList());
        if (!article.lifeEvents().isEmpty()) facets.put("lifeEvent", article.lifeEvents());
        Visibility visibility = article.visibility() == ArticleVisibility.PUBLIC ? Visibility.PUBLIC : Visibility.INTERNAL;
        List<SearchDocument> documents = new ArrayList<>();
        for (Language language : article.version().languages()) {
            ArticleText text = article.version().text(language);
            List<String> keywords = new ArrayList<>();
            for (CatalogueService s : linked) {
                keywords.add(s.name().in(language));
                keywords.addAll(s.keywords());
            }
            documents.add(new SearchDocument(article.id().toString(), organization, DocumentType.ARTICLE, language,
                    text.title(), Markdown.text(text.body()), keywords, facets, visibility, article.updatedAt()));
        }
        return documents;
    }

    @Override
    public String html(String markdown) {
        return Markdown.html(markdown);
    }

    // ---- mapping

    private static Article article(ResultSet rs) throws SQLException {
        return new Article(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                ArticleStatus.valueOf(rs.getString("status")),
                rs.getObject("owner_id", UUID.class), rs.getObject("review_date", LocalDate.class),
                version(rs, "v_"), rs.getObject("p_version") == null ? null : version(rs, "p_"),
                rs.getObject("source_case_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static PublishedArticle published(ResultSet rs) throws SQLException {
        return new PublishedArticle(rs.getObject("id", UUID.class), version(rs, "v_"));
    }

    /** A version from the columns under the prefix. */
    private static ArticleVersion version(ResultSet rs, String prefix) throws SQLException {
        Map<Language, ArticleText> texts = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            texts.put(l, new ArticleText(rs.getString(prefix + "title_" + l.code()), rs.getString(prefix + "body_" + l.code())));
        }
        return new ArticleVersion(rs.getInt(prefix + "version"), texts, ArticleVisibility.valueOf(rs.getString(prefix + "visibility")),
                uuids(rs.getArray(prefix + "service_ids")), strings(rs.getArray(prefix + "life_events")),
                rs.getObject(prefix + "author_id", UUID.class), rs.getString(prefix + "note"),
                (Integer) rs.getObject(prefix + "rolled_back_from"), rs.getTimestamp(prefix + "created_at").toInstant());
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
