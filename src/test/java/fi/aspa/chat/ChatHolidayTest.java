package fi.aspa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The chat is closed on Finnish public holidays that fall on an opening day (the widget then offers the contact
 * form: availability "closed"), open the weekday before, and a round-the-clock chat stays open on holidays.
 */
@AspaTest
class ChatHolidayTest {
    @Autowired Fixtures fixtures;
    @Autowired ChatService chat;

    static Instant helsinki(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OpeningHours.HELSINKI).toInstant();
    }

    @Test
    void weekdayHoursAreClosedOnHolidays() {
        OpeningHours hours = OpeningHours.parse("MON-FRI 08:00-16:00");
        assertThat(hours.isOpen(helsinki("2026-12-23T10:00"))).as("Wednesday before Christmas").isTrue();
        assertThat(hours.isOpen(helsinki("2026-12-24T10:00"))).as("Christmas Eve, a Thursday").isFalse();
        assertThat(hours.isOpen(helsinki("2026-04-03T10:00"))).as("Good Friday 2026").isFalse();
        assertThat(hours.isOpen(helsinki("2026-01-06T10:00"))).as("Epiphany, a Tuesday").isFalse();
        assertThat(hours.isOpen(helsinki("2026-01-07T10:00"))).isTrue();
        // the holiday is the Helsinki date: 23:30 UTC on 5 January is already Epiphany in Helsinki
        assertThat(OpeningHours.parse("MON-SUN 00:00-23:59").isOpen(Instant.parse("2026-01-05T23:30:00Z"))).isFalse();
    }

    @Test
    void roundTheClockStaysOpenOnHolidays() {
        assertThat(OpeningHours.always().roundTheClock()).isTrue();
        assertThat(OpeningHours.always().isOpen(helsinki("2026-12-24T10:00"))).isTrue();
        assertThat(OpeningHours.parse("MON-SUN 00:00-23:59").roundTheClock()).isFalse();
    }

    @Test
    void onAHolidayTheWidgetIsClosedAndOffersTheForm() {
        Fixtures.Org org = fixtures.organization();
        chat.setHours(org.id(), OpeningHours.parse("MON-SUN 07:00-22:00"));
        chat.setAvailable(org.id(), org.agent().id(), true);
        assertThat(chat.availability(org.id(), helsinki("2026-12-24T10:00")).state()).isEqualTo(ChatService.Open.CLOSED);
        assertThat(chat.availability(org.id(), helsinki("2026-12-23T10:00")).state()).as("open hours: not closed")
                .isNotEqualTo(ChatService.Open.CLOSED);
    }
}
