package fi.aspa.appointments;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the appointments package (the crawler): numbers taken from a service point's walk-in queue, as
 * the kiosk takes them, without reaching into the queue's internals from there.
 */
public final class WalkInTickets {
    private final WalkInQueue queue;

    public WalkInTickets(ApplicationContext context) {
        this.queue = context.getBean(WalkInQueue.class);
    }

    /** Takes {@code count} numbers of a walk-in service today. */
    public void take(OrganizationId org, UUID servicePointId, UUID serviceId, int count) {
        for (int i = 0; i < count; i++) queue.take(org, servicePointId, serviceId);
    }
}
