/**
 * Visits in person, by phone or by video: service points' weekly opening hours (Europe/Helsinki) and closed days,
 * the services offered at each (slot length, parallel desks, appointment modes), residents' bookings with a
 * private confirmation and cancellation link ({@code /appointments}), and the walk-in queue: a kiosk that gives
 * queue numbers ({@code /kiosk/{id}}), a display that shows the numbers being called ({@code /display/{id}}) and
 * the agent's desk page that calls the next number ({@code /workspace/desk}).
 *
 * <p>Every booking opens a case (channel {@code APPOINTMENT}) and every identified walk-in visit one (channel
 * {@code WALK_IN}), so visits join the customer's timeline; a cancellation is a customer message that resolves
 * the case. Free slots leave out past times, closed days and the Finnish public holidays ({@code FinnishHolidays}).
 * Double booking is prevented by the database (a unique index on service point, service, start time and desk);
 * calling the next number claims it with {@code FOR UPDATE SKIP LOCKED}, so two desks never get the same number.
 *
 * <p>The public API ({@link fi.aspa.appointments.Appointments}) configures services, opening hours, closed days
 * and the organization's video link pattern. The video link of an appointment is a placeholder made from that
 * pattern: the organization's own video service is to be connected there.
 */
package fi.aspa.appointments;
