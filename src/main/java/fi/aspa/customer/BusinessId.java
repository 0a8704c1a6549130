package fi.aspa.customer;

import java.util.regex.Pattern;

/** The Finnish Business ID (Y-tunnus) {@code NNNNNNN-T} with its weighted modulo-11 check digit. */
public final class BusinessId {
    private static final Pattern FORMAT = Pattern.compile("\\d{7}-\\d");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private BusinessId() {}

    public static boolean isValid(String id) {
        if (id == null || !FORMAT.matcher(id).matches()) return false;
        int sum = 0;
        for (int i = 0; i < 7; i++) sum += (id.charAt(i) - '0') * WEIGHTS[i];
        int r = sum % 11;
        if (r == 1) return false;
        int check = r == 0 ? 0 : 11 - r;
        return id.charAt(8) - '0' == check;
    }
}
