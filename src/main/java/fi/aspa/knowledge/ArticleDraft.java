package fi.aspa.knowledge;

import fi.aspa.platform.Language;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an editor saves: a new version (the texts, who may read it, the services and life events it is shown under)
 * and the article's bookkeeping (the owner and the review date).
 */
public record ArticleDraft(Map<Language, ArticleText> texts, ArticleVisibility visibility, UUID ownerId,
                           LocalDate reviewDate, List<UUID> serviceIds, List<String> lifeEvents, String note) {
    public ArticleDraft {
        EnumMap<Language, ArticleText> copy = new EnumMap<>(Language.class);
        if (texts != null) texts.forEach((l, t) -> copy.put(l, t == null ? new ArticleText("", "") : t));
        texts = java.util.Collections.unmodifiableMap(copy);
        visibility = visibility == null ? ArticleVisibility.INTERNAL : visibility;
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        lifeEvents = lifeEvents == null ? List.of() : List.copyOf(lifeEvents);
    }

    public static ArticleDraft of(ArticleVisibility visibility, Language language, String title, String body) {
        return new ArticleDraft(Map.of(language, new ArticleText(title, body)), visibility, null, null, List.of(), List.of(), null);
    }

    public ArticleDraft with(Language language, String title, String body) {
        EnumMap<Language, ArticleText> copy = new EnumMap<>(Language.class);
        copy.putAll(texts);
        copy.put(language, new ArticleText(title, body));
        return new ArticleDraft(copy, visibility, ownerId, reviewDate, serviceIds, lifeEvents, note);
    }

    public ArticleDraft withServices(List<UUID> services) {
        return new ArticleDraft(texts, visibility, ownerId, reviewDate, services, lifeEvents, note);
    }

    public ArticleDraft withLifeEvents(List<String> events) {
        return new ArticleDraft(texts, visibility, ownerId, reviewDate, serviceIds, events, note);
    }

    public ArticleDraft withReviewDate(LocalDate date) {
        return new ArticleDraft(texts, visibility, ownerId, date, serviceIds, lifeEvents, note);
    }

    public ArticleDraft withOwner(UUID owner) {
        return new ArticleDraft(texts, visibility, owner, reviewDate, serviceIds, lifeEvents, note);
    }
}
