package fi.aspa.catalogue;

import fi.aspa.platform.FormErrors;
import fi.aspa.platform.LocalizedText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The administrator's form of a service, as typed: what the catalogue's routing and search learn from (names, short
 * descriptions, descriptions and keywords in fi/sv/en), the responsible unit and the Open311 code. Everything else a
 * service has (user instructions, classifications, life events, target groups, people, channels, PTV ids, visibility)
 * is not on the form and is kept as it is.
 */
record ServiceForm(String nameFi, String nameSv, String nameEn, String summaryFi, String summarySv, String summaryEn,
                   String descriptionFi, String descriptionSv, String descriptionEn, String keywords, String unitId,
                   String open311Code) {
    static final int MAX_KEYWORD = 100;
    static final int MAX_OPEN311_CODE = 50;

    static ServiceForm of(CatalogueService s) {
        LocalizedText summary = s.summary() == null ? new LocalizedText(null, null, null) : s.summary();
        LocalizedText description = s.description() == null ? new LocalizedText(null, null, null) : s.description();
        return new ServiceForm(s.name().fi(), s.name().sv(), s.name().en(), summary.fi(), summary.sv(), summary.en(),
                description.fi(), description.sv(), description.en(), String.join("\n", s.keywords()),
                s.unitId() == null ? "" : s.unitId().toString(), s.open311Code());
    }

    String name(String language) {
        return pick(language, nameFi, nameSv, nameEn);
    }

    String summary(String language) {
        return pick(language, summaryFi, summarySv, summaryEn);
    }

    String description(String language) {
        return pick(language, descriptionFi, descriptionSv, descriptionEn);
    }

    private static String pick(String language, String fi, String sv, String en) {
        return switch (language) {
            case "fi" -> fi;
            case "sv" -> sv;
            default -> en;
        };
    }

    /**
     * The keywords, one per line or separated by commas: trimmed, inner runs of spaces made one, blanks dropped, and
     * each kept once (the first spelling of those that differ only by case).
     */
    List<String> keywordList() {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String keyword : (keywords == null ? "" : keywords).split("[,\\r\\n]+")) {
            String k = keyword.strip().replaceAll("\\s+", " ");
            if (!k.isEmpty()) unique.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
        }
        return List.copyOf(unique.values());
    }

    /** The unit chosen, if the field holds a unit id ({@code null} for none). */
    UUID unit() {
        if (unitId == null || unitId.isBlank()) return null;
        try {
            return UUID.fromString(unitId.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String code() {
        return open311Code == null || open311Code.isBlank() ? null : open311Code.strip();
    }

    /**
     * The form's errors, by field id in the order of the form. {@code unitExists} tells whether a unit id belongs to
     * the organization; {@code codeOwner} which service already has an Open311 code.
     */
    FormErrors check(FormErrors errors, Function<UUID, Boolean> unitExists, Function<String, Optional<UUID>> codeOwner, UUID self) {
        for (String l : List.of("fi", "sv", "en")) {
            String name = name(l);
            if (l.equals("fi") && (name == null || name.isBlank())) errors.add("name-fi", "catalogue.admin.error.name-required");
            else if (name != null && name.strip().length() > CatalogueStore.MAX_NAME) errors.add("name-" + l, "catalogue.admin.error.too-long", CatalogueStore.MAX_NAME);
            else if (name != null && hasControl(name, false)) errors.add("name-" + l, "error.invalid-text");
            text(errors, "summary-" + l, summary(l));
            text(errors, "description-" + l, description(l));
        }
        List<String> keywordList = keywordList();
        if (keywordList.size() > CatalogueStore.MAX_KEYWORDS) {
            errors.add("keywords", "catalogue.admin.error.too-many-keywords", CatalogueStore.MAX_KEYWORDS, keywordList.size());
        }
        for (String k : keywordList) {
            if (k.length() > MAX_KEYWORD) errors.add("keywords", "catalogue.admin.error.keyword-too-long", MAX_KEYWORD, k.substring(0, 30) + "…");
            else if (hasControl(k, false)) errors.add("keywords", "error.invalid-text");
        }
        if (unitId != null && !unitId.isBlank() && (unit() == null || !unitExists.apply(unit()))) {
            errors.add("unitId", "catalogue.admin.error.unit");
        }
        String code = code();
        if (code != null) {
            if (code.length() > MAX_OPEN311_CODE) errors.add("open311Code", "catalogue.admin.error.too-long", MAX_OPEN311_CODE);
            else if (code.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                errors.add("open311Code", "catalogue.admin.error.open311-characters");
            } else if (codeOwner.apply(code).filter(owner -> !owner.equals(self)).isPresent()) {
                errors.add("open311Code", "catalogue.admin.error.open311-taken", code);
            }
        }
        return errors;
    }

    private static void text(FormErrors errors, String field, String value) {
        if (value == null) return;
        if (value.length() > CatalogueStore.MAX_TEXT) errors.add(field, "catalogue.admin.error.too-long", CatalogueStore.MAX_TEXT);
        else if (hasControl(value, true)) errors.add(field, "error.invalid-text");
    }

    /** Control characters (the database cannot store NUL, and none belongs in a name); line breaks and tabs in texts. */
    private static boolean hasControl(String s, boolean multiline) {
        return s.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
    }

    /** The service with this form's fields changed and all else as stored. Call only when {@link #check} found nothing. */
    ServiceDraft applyTo(ServiceDraft stored) {
        return new ServiceDraft(new LocalizedText(line(nameFi), line(nameSv), line(nameEn)),
                texts(summaryFi, summarySv, summaryEn), texts(descriptionFi, descriptionSv, descriptionEn),
                stored.instructions(), keywordList(), stored.serviceClasses(), stored.targetGroups(), stored.lifeEvents(),
                stored.ontologyTerms(), unit(), stored.people(), stored.channels(), code(), stored.ptvId(),
                stored.referenceCode(), stored.serviceType(), stored.chargeType(), stored.internal());
    }

    private static String line(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A text as typed, with the browser's CRLF line breaks made LF as stored texts have them; blank is none. */
    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static LocalizedText texts(String fi, String sv, String en) {
        return new LocalizedText(text(fi), text(sv), text(en));
    }
}
