package fi.aspa.appointments;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** One opening interval of a weekday, in Helsinki local time. A day may have several. */
public record OpeningHours(DayOfWeek day, LocalTime opens, LocalTime closes) {

    public OpeningHours {
        if (day == null || opens == null || closes == null || !opens.isBefore(closes)) {
            throw new IllegalArgumentException("Opening hours need a day and an opening time before the closing time");
        }
    }

    /** Monday to Friday with the same hours. */
    public static java.util.List<OpeningHours> weekdays(LocalTime opens, LocalTime closes) {
        return java.util.stream.Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY).map(d -> new OpeningHours(d, opens, closes)).toList();
    }
}
