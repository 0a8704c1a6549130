package fi.aspa.appointments;

import fi.aspa.platform.FinnishHolidays;
import fi.aspa.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The free times of a service: the next {@value #DAYS} days from today (Helsinki), within the service point's
 * opening hours, on a grid of the slot length from each opening time, leaving out what has begun, closed days,
 * the public holidays and the slots whose every desk is booked.
 */
@Component
class Slots {
    static final int DAYS = 14;
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final JdbcClient db;
    private final ServiceSetup setup;

    Slots(JdbcClient db, ServiceSetup setup) {
        this.db = db;
        this.setup = setup;
    }

    record Slot(Instant start, Instant end, int freeDesks) {
        ZonedDateTime localStart() {
            return start.atZone(HELSINKI);
        }
    }

    @Transactional(readOnly = true)
    List<Slot> free(OrganizationId organization, VisitService service, Instant now) {
        LocalDate today = now.atZone(HELSINKI).toLocalDate();
        LocalDate last = today.plusDays(DAYS - 1);
        Map<Integer, List<OpeningHours>> hours = new HashMap<>();
        for (OpeningHours h : setup.openingHours(organization, service.servicePointId())) {
            hours.computeIfAbsent(h.day().getValue(), k -> new ArrayList<>()).add(h);
        }
        Set<LocalDate> closed = setup.closures(organization, service.servicePointId(), today, last);
        Map<Instant, Integer> booked = booked(organization, service, today.atStartOfDay(HELSINKI).toInstant(),
                last.plusDays(1).atStartOfDay(HELSINKI).toInstant());
        Duration length = Duration.ofMinutes(service.slotMinutes());
        List<Slot> slots = new ArrayList<>();
        for (LocalDate day = today; !day.isAfter(last); day = day.plusDays(1)) {
            if (closed.contains(day) || FinnishHolidays.isHoliday(day)) continue;
            for (OpeningHours h : hours.getOrDefault(day.getDayOfWeek().getValue(), List.of())) {
                for (LocalTime t = h.opens(); !t.plus(length).isAfter(h.closes()) && !t.plus(length).isBefore(t); t = t.plus(length)) {
                    Instant start = ZonedDateTime.of(day, t, HELSINKI).toInstant();
                    if (!start.isAfter(now)) continue;
                    int free = service.desks() - booked.getOrDefault(start, 0);
                    if (free > 0) slots.add(new Slot(start, start.plus(length), free));
                }
            }
        }
        slots.sort((a, b) -> a.start().compareTo(b.start()));
        return slots;
    }

    private Map<Instant, Integer> booked(OrganizationId organization, VisitService service, Instant from, Instant to) {
        Map<Instant, Integer> counts = new HashMap<>();
        db.sql("""
                select starts_at, count(*) from appointment
                where organization_id = ? and service_id = ? and status = 'BOOKED' and starts_at >= ? and starts_at < ?
                group by starts_at""")
                .params(organization.value(), service.id(), Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getTimestamp(1).toInstant(), rs.getInt(2));
                });
        return counts;
    }
}
