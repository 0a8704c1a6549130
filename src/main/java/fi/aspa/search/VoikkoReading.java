package fi.aspa.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Voikko's analyses of one word into base forms and compound parts.
 *
 * <p>{@code STRUCTURE} marks where the surface word splits ({@code =ppppp=pppppp}: {@code päivä|hoidon});
 * {@code WORDBASES} gives each piece's base form, derivational suffixes included
 * ({@code +palvel(palvella)+u(+u)+ohja(ohjata)+us(+us)}). A non-final part is its base form when it is a plain
 * word ({@code lasten} → {@code lapsi}) and its surface form when it is derived ({@code palvelu}); the final part
 * is the rest of the whole word's base form ({@code päivähoito} minus {@code päivä} = {@code hoito}). Among
 * several analyses the one with most parts wins (compounds matter more to search than rare readings).
 *
 * @param segments the non-final surface segments and their base forms, for the pure-Java lexicon
 */
record VoikkoReading(List<String> lemmas, List<String> parts, List<Map.Entry<String, String>> segments) {
    private static final Pattern WORDBASE = Pattern.compile("\\+([^+(]*)(?:\\(([^)]*)\\))?");

    static VoikkoReading of(String word, List<? extends Map<String, String>> analyses) {
        Set<String> lemmas = new LinkedHashSet<>();
        List<String> bestParts = List.of();
        List<Map.Entry<String, String>> bestSegments = List.of();
        for (Map<String, String> analysis : analyses) {
            String base = analysis.get("BASEFORM");
            if (base == null) continue;
            base = base.toLowerCase(Locale.ROOT);
            lemmas.add(base);
            List<String> surface = surfaceSegments(word, analysis.get("STRUCTURE"));
            List<List<String[]>> groups = groups(analysis.get("WORDBASES"));
            if (groups == null) continue;
            surface = merge(surface, groups);
            if (surface == null || surface.size() < 2 || surface.size() <= bestParts.size()) continue;
            List<String> parts = new ArrayList<>();
            List<Map.Entry<String, String>> segments = new ArrayList<>();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < surface.size() - 1; i++) {
                String segment = surface.get(i).replace("-", "");
                List<String[]> group = groups.get(i);
                String lemma = group.size() == 1 && group.get(0)[1] != null && !group.get(0)[1].startsWith("+")
                        ? group.get(0)[1].replace("=", "").toLowerCase(Locale.ROOT) : segment;
                parts.add(lemma);
                segments.add(Map.entry(segment, lemma));
                prefix.append(surface.get(i));
            }
            String last;
            if (base.startsWith(prefix.toString()) && base.length() > prefix.length()) {
                last = base.substring(prefix.length()).replace("-", "");
            } else {
                List<String[]> group = groups.get(groups.size() - 1);
                last = group.get(0)[1] == null ? surface.get(surface.size() - 1) : group.get(0)[1].replace("=", "").toLowerCase(Locale.ROOT);
            }
            parts.add(last);
            if (parts.stream().anyMatch(p -> p.length() < 2)) continue;
            bestParts = parts;
            bestSegments = segments;
        }
        return new VoikkoReading(List.copyOf(lemmas), bestParts, bestSegments);
    }

    /** The surface word cut where STRUCTURE has '='; null structure or a length mismatch: the word whole. */
    static List<String> surfaceSegments(String word, String structure) {
        if (structure == null) return List.of(word);
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int at = 0;
        for (int i = 0; i < structure.length(); i++) {
            char c = structure.charAt(i);
            if (c == '=') {
                if (!current.isEmpty()) segments.add(current.toString());
                current.setLength(0);
            } else {
                if (at >= word.length()) return List.of(word);
                current.append(word.charAt(at++));
            }
        }
        if (at != word.length()) return List.of(word);
        if (!current.isEmpty()) segments.add(current.toString());
        return segments;
    }

    /**
     * The surface segments joined so there is one per WORDBASES group: a lexicalized compound in the dictionary
     * ({@code aukiolo(auki=olo)}) is one part of {@code aukioloaika} although STRUCTURE cuts it in two.
     */
    private static List<String> merge(List<String> surface, List<List<String[]>> groups) {
        List<String> merged = new ArrayList<>();
        int at = 0;
        for (List<String[]> group : groups) {
            String base = group.get(0)[1];
            int span = 1 + (base == null ? 0 : (int) base.chars().filter(c -> c == '=').count());
            if (at + span > surface.size()) return null;
            merged.add(String.join("", surface.subList(at, at + span)));
            at += span;
        }
        return at == surface.size() ? merged : null;
    }

    /**
     * WORDBASES pieces grouped per part: a lexical piece (base form not starting with '+') starts a new group
     * unless it is the first; derivational pieces and bare infixes stay with the group before.
     */
    private static List<List<String[]>> groups(String wordbases) {
        if (wordbases == null) return null;
        List<List<String[]>> groups = new ArrayList<>();
        Matcher m = WORDBASE.matcher(wordbases);
        while (m.find()) {
            String surface = m.group(1);
            String base = m.group(2);
            if (surface.isEmpty() && base == null) continue;
            if ("-".equals(surface)) continue;
            boolean lexical = base != null && !base.startsWith("+");
            if (groups.isEmpty() || lexical) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(new String[] {surface, base});
        }
        return groups.isEmpty() ? null : groups;
    }
}
