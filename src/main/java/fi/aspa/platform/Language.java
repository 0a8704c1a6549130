package fi.aspa.platform;

import java.util.Locale;
import java.util.Optional;

/** The languages Aspa serves in: Finnish and Swedish by law, English as a courtesy. */
public enum Language {
    FI, SV, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> parse(String code) {
        if (code == null) return Optional.empty();
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "fi" -> Optional.of(FI);
            case "sv" -> Optional.of(SV);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }

    public static Language of(Locale locale) {
        return parse(locale == null ? null : locale.getLanguage()).orElse(FI);
    }
}
