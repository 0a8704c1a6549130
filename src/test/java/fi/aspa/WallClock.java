package fi.aspa;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * For tests that go through the application's real clock (its pages, and the services' "today") and whose steps must
 * all fall on one Helsinki day: a queue number taken today is called and counted today, a form's default date is not
 * in the past by the time the form is sent. Where a test can pass the day or the time itself, it should; where it
 * cannot, it calls {@link #sameDayFor} first.
 */
public final class WallClock {
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private WallClock() {}

    /**
     * Returns at once, unless the Helsinki date changes within {@code needed} from now: then waits until the new day
     * has begun (at most {@code needed}, and only when a test starts that close to midnight).
     */
    public static void sameDayFor(Duration needed) {
        ZonedDateTime now = ZonedDateTime.now(HELSINKI);
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(HELSINKI);
        if (now.plus(needed).isBefore(midnight)) return;
        try {
            Thread.sleep(Duration.between(now, midnight).plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
