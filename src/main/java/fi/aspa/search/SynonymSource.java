package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;

/**
 * Where the synonyms between residents' words and official terms come from. The application's is the database list
 * that admins edit per organization and language ({@code SynonymStore}, seeded from {@code synonyms_<lang>.txt}),
 * which calls {@link SearchIndex#synonymsChanged} after every edit.
 *
 * <p>A line is either an equivalence, {@code päiväkoti, päivähoito, varhaiskasvatus} (each finds the others),
 * or a one-way rule, {@code eskari => esiopetus} (the left finds the right). Terms may be phrases; they are
 * analyzed like any text, so inflected query words match ({@code päiväkodista} triggers {@code päiväkoti}). A
 * left-hand term in double quotes matches only as written ({@code "luva" => lukioon valmistava koulutus}).
 */
public interface SynonymSource {
    List<Rule> rules(OrganizationId organization, Language language);

    /** {@code from} finds {@code to}. */
    record Rule(String from, List<String> to) {
        public Rule {
            to = List.copyOf(to);
        }
    }

    /** Parses lines in the format above; blank lines and {@code #} comments are skipped. */
    static List<Rule> parse(List<String> lines) {
        List<Rule> rules = new java.util.ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                List<String> to = terms(line.substring(arrow + 2));
                for (String from : terms(line.substring(0, arrow))) rules.add(new Rule(from, to));
            } else {
                List<String> all = terms(line);
                for (String from : all) rules.add(new Rule(from, all.stream().filter(t -> !t.equals(from)).toList()));
            }
        }
        return rules;
    }

    private static List<String> terms(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
