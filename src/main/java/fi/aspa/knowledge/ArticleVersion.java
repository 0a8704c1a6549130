package fi.aspa.knowledge;

import fi.aspa.platform.Language;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One saved version of an article: its texts, who may read it and where it is shown. {@code texts} has an entry for
 * each language that has any text; {@code visibility}, {@code serviceIds} (catalogue services) and {@code lifeEvents}
 * (life-event URIs) are what the version proposes until a reviewer publishes it, and what readers, the search index
 * and the chatbot get while it is the published version; {@code rolledBackFrom} is the version this one copied when
 * it was made by a rollback.
 */
public record ArticleVersion(int number, Map<Language, ArticleText> texts, ArticleVisibility visibility, List<UUID> serviceIds,
                             List<String> lifeEvents, UUID authorId, String note, Integer rolledBackFrom, Instant createdAt) {
    public ArticleVersion {
        EnumMap<Language, ArticleText> copy = new EnumMap<>(Language.class);
        texts.forEach((language, text) -> {
            if (text != null && !text.isEmpty()) copy.put(language, text);
        });
        texts = java.util.Collections.unmodifiableMap(copy);
        java.util.Objects.requireNonNull(visibility, "visibility");
        serviceIds = List.copyOf(serviceIds);
        lifeEvents = List.copyOf(lifeEvents);
    }

    /** Whether publishing this version instead of {@code other} would move the article to other services. */
    public boolean servicesDiffer(ArticleVersion other) {
        return !java.util.Set.copyOf(serviceIds).equals(java.util.Set.copyOf(other.serviceIds));
    }

    /** Whether publishing this version instead of {@code other} would move the article to other life events. */
    public boolean lifeEventsDiffer(ArticleVersion other) {
        return !java.util.Set.copyOf(lifeEvents).equals(java.util.Set.copyOf(other.lifeEvents));
    }

    public ArticleText text(Language language) {
        return texts.getOrDefault(language, new ArticleText("", ""));
    }

    /** The languages with a complete version (title and body). */
    public List<Language> languages() {
        return texts.entrySet().stream().filter(e -> e.getValue().isComplete()).map(Map.Entry::getKey).toList();
    }

    public List<Language> missingLanguages() {
        return java.util.Arrays.stream(Language.values()).filter(l -> !text(l).isComplete()).toList();
    }

    /** The title in the language, else in Finnish, Swedish or English, whichever exists first. */
    public String title(Language language) {
        if (text(language).isComplete()) return text(language).title();
        for (Language l : Language.values()) if (!text(l).title().isEmpty()) return text(l).title();
        return "";
    }
}
