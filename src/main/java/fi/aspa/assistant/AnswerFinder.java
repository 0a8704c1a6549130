package fi.aspa.assistant;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchHit;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.SearchQuery;
import fi.aspa.search.Visibility;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The bot's decision, from the search scores alone: the resident asked for a person → hand-over; no hit, or the best
 * below {@code minScore} → hand-over (not confident); the second best within {@code closeRatio} of the best → ask
 * which one; otherwise answer with the best. Only PUBLIC documents in the conversation's language are searched:
 * articles, and service descriptions when {@code services} is on. The page the resident asked on counts: articles
 * linked to the page's service (facet {@code service}), the service itself and the article itself rank higher.
 *
 * <p>No Spring here: the benchmark ({@code bench/bot}) runs the same code on an in-memory index.
 */
final class AnswerFinder {
    private static final Pattern PAGE_ID = Pattern.compile(
            "/(services|help)/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /**
     * Words that ask for a person, in the three languages (whole words, a few inflections): "haluan puhua ihmisen
     * kanssa", "kan jag få prata med en människa", "I want an agent".
     */
    private static final Set<String> PERSON_WORDS = Set.of(
            "ihminen", "ihmisen", "ihmistä", "ihmiselle", "ihmiseltä", "ihmisellä", "ihmisenä",
            "asiakaspalvelija", "asiakaspalvelijan", "asiakaspalvelijaa", "asiakaspalvelijalle", "asiakaspalvelijalta",
            "virkailija", "virkailijan", "virkailijaa", "virkailijalle", "virkailijalta",
            "henkilökunta", "henkilökunnan", "henkilökuntaa", "työntekijä", "työntekijän", "työntekijälle",
            "människa", "människan", "människor", "person", "personen", "handläggare", "handläggaren", "kundtjänst",
            "kundtjänsten", "kundbetjänare", "kundbetjänaren",
            "human", "humans", "agent", "agents", "operator", "representative", "someone", "somebody");

    /**
     * The tuning (see {@code BENCHMARKS-bot.md} for how they were chosen).
     *
     * @param minScore   the best hit's {@link #confidence} below which the bot hands over
     * @param closeRatio the second hit's score within this share of the best's makes the bot ask which one
     * @param pageBoost  the factor for hits about the page the resident asked on
     * @param services   whether service descriptions are quoted too, not only articles
     */
    record Thresholds(float minScore, float closeRatio, float pageBoost, boolean services) {
        static final Thresholds DEFAULT = new Thresholds(1.0f, 0.9f, 1.3f, true);
    }

    record Candidate(SearchHit hit, float score) {
        String url() {
            return (hit.type() == DocumentType.SERVICE ? "/services/" : "/help/") + hit.id();
        }
    }

    record Decision(BotReply.Kind kind, BotReply.Reason reason, List<Candidate> candidates) {}

    private final SearchIndex index;
    private final Thresholds thresholds;

    AnswerFinder(SearchIndex index, Thresholds thresholds) {
        this.index = index;
        this.thresholds = thresholds;
    }

    Decision decide(OrganizationId organization, Language language, String question, String pageUrl) {
        if (asksForPerson(question)) return new Decision(BotReply.Kind.HANDOVER, BotReply.Reason.ASKED_FOR_PERSON, List.of());
        List<Candidate> ranked = candidates(organization, language, question, pageUrl);
        if (ranked.isEmpty() || confidence(organization, ranked.getFirst()) < thresholds.minScore()) {
            return new Decision(BotReply.Kind.HANDOVER, BotReply.Reason.NOT_CONFIDENT, ranked);
        }
        if (ranked.size() > 1 && ranked.get(1).score() >= thresholds.closeRatio() * ranked.getFirst().score()) {
            return new Decision(BotReply.Kind.CLARIFY, BotReply.Reason.NONE, ranked.subList(0, 2));
        }
        return new Decision(BotReply.Kind.ANSWER, BotReply.Reason.NONE, ranked.subList(0, 1));
    }

    /**
     * The best hit's score relative to the largest weight one word can have in this index: a BM25 score grows with
     * the rarity of the words, and rarity depends on how many documents there are, so the raw score of a good match
     * is small in a small index and large in a big one. Dividing by {@code ln(1 + N/1.5)} (the idf of a word found in
     * one of N documents) makes one threshold fit indexes of different sizes: 1.0 ≈ one rare word matched well. N is
     * the number of public documents in the hit's language: each language has a public index of its own, which the
     * bot's public search reads alone (staff-only cases do not change its scores).
     */
    float confidence(OrganizationId organization, Candidate best) {
        long documents = Math.max(2, index.publicCount(organization, best.hit().language()));
        return best.score() / (float) Math.log(1 + documents / 1.5);
    }

    /** Public hits in the language, best first, one per document, with the page's context applied. */
    List<Candidate> candidates(OrganizationId organization, Language language, String question, String pageUrl) {
        Set<DocumentType> types = thresholds.services() ? EnumSet.of(DocumentType.ARTICLE, DocumentType.SERVICE)
                : EnumSet.of(DocumentType.ARTICLE);
        SearchQuery query = new SearchQuery(organization, question, language, types, Set.of(Visibility.PUBLIC), Map.of(), 10, false);
        List<SearchHit> hits = index.search(query).hits();
        String pageId = pageId(pageUrl);
        Set<String> boosted = pageId == null ? Set.of() : boostedIds(query, pageId);
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (SearchHit hit : hits) {
            float score = boosted.contains(hit.id()) ? hit.score() * thresholds.pageBoost() : hit.score();
            byId.merge(hit.id(), new Candidate(hit, score), (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<Candidate> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return out;
    }

    private Set<String> boostedIds(SearchQuery query, String pageId) {
        Set<String> ids = new java.util.HashSet<>();
        ids.add(pageId);
        for (SearchHit hit : index.search(query.withFilters(Map.of("service", pageId))).hits()) ids.add(hit.id());
        return ids;
    }

    /** The service or article id in a page address ({@code …/services/{id}} or {@code …/help/{id}}), else null. */
    static String pageId(String pageUrl) {
        if (pageUrl == null || pageUrl.length() > 2000) return null;
        Matcher m = PAGE_ID.matcher(pageUrl);
        return m.find() ? m.group(2).toLowerCase(Locale.ROOT) : null;
    }

    static boolean asksForPerson(String text) {
        if (text == null) return false;
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        String previous = "";
        while (m.find()) {
            String word = m.group();
            // "in person" (English) and "i person" asks for a visit, not for a person in the chat
            if (PERSON_WORDS.contains(word) && !(word.equals("person") && (previous.equals("in") || previous.equals("i")))) return true;
            previous = word;
        }
        return false;
    }

    /** The passage the search found best in the document: its snippet without the highlighting, as plain text. */
    static String passage(SearchHit hit) {
        String plain = HtmlUtils.htmlUnescape(hit.snippetHtml().replaceAll("</?mark>", "")).strip();
        return plain.isEmpty() ? hit.title() : plain;
    }

    /** Lower case, letters and digits separated by single spaces: the key under which unanswered questions are counted. */
    static String normalize(String question) {
        String text = Normalizer.normalize(question == null ? "" : question, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!out.isEmpty()) out.append(' ');
            out.append(m.group());
        }
        return out.length() > 500 ? out.substring(0, 500) : out.toString();
    }
}
