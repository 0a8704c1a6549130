package fi.aspa.customer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores how likely two customers are the same person from their names and contact points (normalized values).
 * Each {@link DuplicateReason} adds its weight once, capped at 100; a similar email or phone counts only when the
 * names are the same, and only when no value is shared exactly. Two customers with different identity codes or
 * business ids are different by definition: score 0.
 */
final class DuplicateScoring {
    static final int THRESHOLD = 40;

    record Profile(String name, String personalId, String businessId, Set<String> emails, Set<String> phones) {}

    record Score(int value, List<DuplicateReason> reasons) {}

    private DuplicateScoring() {}

    static Score score(Profile a, Profile b) {
        if (differ(a.personalId(), b.personalId()) || differ(a.businessId(), b.businessId())) return new Score(0, List.of());
        Set<DuplicateReason> reasons = EnumSet.noneOf(DuplicateReason.class);
        if (a.emails().stream().anyMatch(b.emails()::contains)) reasons.add(DuplicateReason.SAME_EMAIL);
        if (a.phones().stream().anyMatch(b.phones()::contains)) reasons.add(DuplicateReason.SAME_PHONE);
        boolean sameName = !normalName(a.name()).isEmpty() && normalName(a.name()).equals(normalName(b.name()));
        if (sameName) {
            reasons.add(DuplicateReason.SAME_NAME);
            if (!reasons.contains(DuplicateReason.SAME_EMAIL)
                    && a.emails().stream().anyMatch(x -> b.emails().stream().anyMatch(y -> similarEmail(x, y)))) {
                reasons.add(DuplicateReason.SIMILAR_EMAIL);
            }
            if (!reasons.contains(DuplicateReason.SAME_PHONE)
                    && a.phones().stream().anyMatch(x -> b.phones().stream().anyMatch(y -> similarPhone(x, y)))) {
                reasons.add(DuplicateReason.SIMILAR_PHONE);
            }
        }
        int value = Math.min(100, reasons.stream().mapToInt(DuplicateReason::weight).sum());
        List<DuplicateReason> ordered = new ArrayList<>(reasons);
        ordered.sort((x, y) -> Integer.compare(y.weight(), x.weight()));
        return new Score(value, List.copyOf(ordered));
    }

    static String normalName(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The same local part at another domain ({@code maija@gmail.com}, {@code maija@gmail.fi}), or a typo or two. */
    static boolean similarEmail(String a, String b) {
        if (a.equals(b)) return false;
        int at = a.lastIndexOf('@');
        int bt = b.lastIndexOf('@');
        if (at > 0 && at == bt && a.substring(0, at).equals(b.substring(0, bt))) return true;
        return Math.min(a.length(), b.length()) >= 6 && distance(a, b) <= 2;
    }

    /** One digit apart: a typo in a number of the same length, or one digit more or less. */
    static boolean similarPhone(String a, String b) {
        return !a.equals(b) && Math.min(a.length(), b.length()) >= 7 && distance(a, b) <= 1;
    }

    private static boolean differ(String a, String b) {
        return a != null && b != null && !a.equals(b);
    }

    /** Levenshtein distance (short strings only). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
