package fi.aspa.demo;

import java.time.LocalDate;
import java.util.Random;

/**
 * Generates valid Finnish identity codes for the demo: henkilötunnus (with its check character, the century sign
 * of the birth year) and Y-tunnus (with its weighted modulo-11 check digit). Individual numbers 900–999 would be
 * temporary ones; the demo uses 002–899 like real codes, so it does not pretend to be anybody: the birth dates and
 * numbers come from the seeded random source, not from real people.
 */
final class FinnishIds {
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private FinnishIds() {}

    static String personalIdentityCode(LocalDate birthDate, int individualNumber) {
        if (individualNumber < 2 || individualNumber > 899) throw new IllegalArgumentException("individual number 002-899");
        int year = birthDate.getYear();
        char century = year >= 2000 ? 'A' : year >= 1900 ? '-' : '+';
        String digits = "%02d%02d%02d".formatted(birthDate.getDayOfMonth(), birthDate.getMonthValue(), year % 100);
        String individual = "%03d".formatted(individualNumber);
        char check = CHECK.charAt((int) (Long.parseLong(digits + individual) % 31));
        return digits + century + individual + check;
    }

    static String personalIdentityCode(Random random, int fromYear, int toYear) {
        LocalDate start = LocalDate.of(fromYear, 1, 1);
        int days = (int) (LocalDate.of(toYear, 12, 31).toEpochDay() - start.toEpochDay());
        return personalIdentityCode(start.plusDays(random.nextInt(days + 1)), 2 + random.nextInt(898));
    }

    /** The check digit of a seven-digit business id body, or -1 when no valid id has that body (remainder 1). */
    static int businessIdCheckDigit(String body) {
        int sum = 0;
        for (int i = 0; i < 7; i++) sum += (body.charAt(i) - '0') * WEIGHTS[i];
        int r = sum % 11;
        if (r == 1) return -1;
        return r == 0 ? 0 : 11 - r;
    }

    static String businessId(Random random) {
        while (true) {
            String body = "%07d".formatted(1_000_000 + random.nextInt(2_999_999));
            int check = businessIdCheckDigit(body);
            if (check >= 0) return body + "-" + check;
        }
    }
}
