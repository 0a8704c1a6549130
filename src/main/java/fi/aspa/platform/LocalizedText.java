package fi.aspa.platform;

/** Content in the three languages; falls back to Finnish where a translation is missing. */
public record LocalizedText(String fi, String sv, String en) {

    public String in(Language language) {
        return has(language) ? own(language) : fi;
    }

    /** Whether the text exists in the language itself (not through the Finnish fallback). */
    public boolean has(Language language) {
        String value = own(language);
        return value != null && !value.isBlank();
    }

    private String own(Language language) {
        return switch (language) {
            case FI -> fi;
            case SV -> sv;
            case EN -> en;
        };
    }
}
