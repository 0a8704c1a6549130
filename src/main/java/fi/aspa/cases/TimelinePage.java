package fi.aspa.cases;

import java.util.List;

/**
 * One page of a customer's timeline, newest first. {@code older} is the cursor of the next, older page (pass it as
 * {@code before} to {@link Cases#timeline(fi.aspa.platform.OrganizationId, java.util.UUID, String, int)}), null when
 * this page holds the oldest message. The cursor is opaque: the (created at, id) of the page's last message.
 */
public record TimelinePage(List<TimelineEntry> entries, String older) {
    public boolean hasOlder() {
        return older != null;
    }
}
