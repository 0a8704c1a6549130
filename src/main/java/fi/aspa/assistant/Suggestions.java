package fi.aspa.assistant;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import fi.aspa.search.Visibility;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What to suggest to an agent reading a case: the articles (PUBLIC and INTERNAL) that best match the case's subject
 * and the customer's latest message in the customer's language, and similar resolved cases (CASE documents with the facet {@code resolved=true}). An
 * article used before ranks higher: by {@code 1 + 0.25·ln(1 + uses)}, counting the uses on cases of the same service
 * when the case was routed, else in the whole organization; articles linked to the case's service (facet
 * {@code service}) by {@value #SERVICE_BOOST}. When the customer's language has fewer than {@value #ARTICLES} articles,
 * articles in the other languages fill in, marked as such.
 *
 * <p>A similar case shows another customer's conversation (a snippet, the subject, the reference), so showing it is a
 * view of that customer's personal data: each other customer whose case the panel shows is written to the access log
 * (purpose {@value #PURPOSE}), in one statement with the panel's other records. A similar case of the case's own
 * customer is not: the agent is reading that customer's case, and the case page logs that.
 */
@Service
@Transactional
class Suggestions {
    static final int ARTICLES = 3;
    static final int CASES = 3;
    static final float SERVICE_BOOST = 1.3f;
    private static final int QUERY_CHARS = 400;
    static final String PURPOSE = "case-suggestion";

    private final SearchIndex index;
    private final Cases cases;
    private final BotStore store;
    private final Clock clock;
    private final PersonalDataLog accessLog;

    Suggestions(SearchIndex index, Cases cases, BotStore store, Clock clock, PersonalDataLog accessLog) {
        this.accessLog = accessLog;
        this.index = index;
        this.cases = cases;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param language the language the article was found in (the customer's, or another when it has no version in it)
     */
    record Article(String id, String title, String snippetHtml, Language language, boolean otherLanguage, float score, int uses) {}

    record SimilarCase(UUID id, String reference, String title, String snippetHtml, UUID customerId) {}

    record Panel(UUID caseId, Language customerLanguage, List<Article> articles, List<SimilarCase> cases) {}

    record Insert(String text, String title, Language language, boolean fallback) {
        /**
         * The reply with the article's text added: after what the agent had already written, with a blank line
         * between (trailing blanks of the draft dropped), or the article's text alone when there was nothing.
         */
        Insert after(String draft) {
            if (draft == null || draft.isBlank()) return this;
            return new Insert(draft.stripTrailing() + "\n\n" + text, title, language, fallback);
        }
    }

    /** The suggestions for the case; what is shown is recorded. */
    Panel forCase(OrganizationId org, UUID caseId, UUID staffId) {
        CaseDetail detail = cases.detail(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        CaseSummary summary = detail.summary();
        Language language = summary.language();
        String text = queryText(detail);
        UUID service = store.caseService(org, caseId).orElse(null);
        List<Article> articles = articles(org, text, language, service);
        List<SimilarCase> similar = similarCases(org, caseId, text, language);
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        articles.forEach(a -> shown.add(Map.entry("ARTICLE", a.id())));
        similar.forEach(c -> shown.add(Map.entry("CASE", c.id().toString())));
        store.suggestionEvents(org, caseId, staffId, service, "SHOWN", shown, clock.instant());
        Map<UUID, List<String>> others = new LinkedHashMap<>();
        for (SimilarCase c : similar) {
            if (!c.customerId().equals(summary.customerId())) {
                others.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c.reference());
            }
        }
        Map<UUID, String> details = new LinkedHashMap<>();
        others.forEach((customer, references) -> details.put(customer,
                "similar case " + String.join(", ", references) + " shown beside " + summary.reference()));
        accessLog.recordAll(org, staffId, PURPOSE, details);
        return new Panel(caseId, language, articles, similar);
    }

    /**
     * The article's text for the reply: the customer's language version, else (noted as a fallback) the first of
     * Finnish, Swedish, English that exists. Recorded as used.
     */
    Insert use(OrganizationId org, UUID caseId, UUID staffId, String articleId) {
        CaseSummary summary = cases.summary(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        Language wanted = summary.language();
        List<Language> order = new ArrayList<>();
        order.add(wanted);
        for (Language l : Language.values()) if (l != wanted) order.add(l);
        for (Language l : order) {
            Optional<SearchIndex.StoredText> text = index.stored(org, articleId, l)
                    .filter(t -> t.type() == DocumentType.ARTICLE);
            if (text.isPresent()) {
                UUID service = store.caseService(org, caseId).orElse(null);
                store.suggestionEvents(org, caseId, staffId, service, "USED", List.of(Map.entry("ARTICLE", articleId)), clock.instant());
                return new Insert(text.get().body(), text.get().title(), l, l != wanted);
            }
        }
        throw AspaException.notFound("Article");
    }

    private List<Article> articles(OrganizationId org, String text, Language language, UUID service) {
        List<Article> out = new ArrayList<>(ranked(org, text, language, service, false));
        if (out.size() < ARTICLES) {
            Set<String> have = new HashSet<>();
            out.forEach(a -> have.add(a.id()));
            for (Language other : Language.values()) {
                if (other == language) continue;
                for (Article a : ranked(org, text, other, service, true)) {
                    if (out.size() >= ARTICLES) break;
                    if (have.add(a.id())) out.add(a);
                }
            }
        }
        return out.size() > ARTICLES ? out.subList(0, ARTICLES) : out;
    }

    private List<Article> ranked(OrganizationId org, String text, Language language, UUID service, boolean other) {
        SearchQuery query = new SearchQuery(org, text, language, Set.of(DocumentType.ARTICLE),
                EnumSet.of(Visibility.PUBLIC, Visibility.INTERNAL), Map.of(), 10, false);
        List<SearchHit> hits = index.search(query).hits();
        if (hits.isEmpty()) return List.of();
        Set<String> ofService = new HashSet<>();
        if (service != null) {
            index.search(query.withFilters(Map.of("service", service.toString()))).hits().forEach(h -> ofService.add(h.id()));
        }
        Map<String, Integer> uses = store.usage(org, service, hits.stream().map(SearchHit::id).toList());
        Map<String, Article> byId = new LinkedHashMap<>();
        for (SearchHit h : hits) {
            int used = uses.getOrDefault(h.id(), 0);
            float score = h.score() * (float) (1 + 0.25 * Math.log1p(used)) * (ofService.contains(h.id()) ? SERVICE_BOOST : 1f);
            byId.putIfAbsent(h.id(), new Article(h.id(), h.title(), h.snippetHtml(), language, other, score, used));
        }
        List<Article> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingDouble(Article::score).reversed());
        return out;
    }

    private List<SimilarCase> similarCases(OrganizationId org, UUID caseId, String text, Language language) {
        SearchQuery query = new SearchQuery(org, text, language, Set.of(DocumentType.CASE), Set.of(Visibility.STAFF_ONLY),
                Map.of(CaseIndexer.RESOLVED, "true"), CASES + 1, false);
        List<SimilarCase> out = new ArrayList<>();
        for (SearchHit h : index.search(query).hits()) {
            if (out.size() >= CASES || h.id().equals(caseId.toString())) continue;
            UUID id;
            try {
                id = UUID.fromString(h.id());
            } catch (IllegalArgumentException e) {
                continue;
            }
            cases.summary(org, id).ifPresent(s -> out.add(new SimilarCase(s.id(), s.reference(), s.subject(), h.snippetHtml(),
                    s.customerId())));
        }
        return out;
    }

    /** The subject and the customer's latest message, shortened: what the case is about. */
    static String queryText(CaseDetail detail) {
        StringBuilder text = new StringBuilder(detail.summary().subject());
        detail.messages().stream().filter(m -> m.kind() == MessageKind.INBOUND).reduce((a, b) -> b)
                .map(CaseMessage::body).ifPresent(b -> text.append('\n').append(b));
        return text.length() > QUERY_CHARS ? text.substring(0, QUERY_CHARS) : text.toString();
    }
}
