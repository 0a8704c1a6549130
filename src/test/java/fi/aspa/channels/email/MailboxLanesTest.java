package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** New conversations are stored in parallel lanes: a sender's messages always in one lane, in mailbox order. */
class MailboxLanesTest {
    record Mail(int order, String from) {}

    @Test
    void aSendersMessagesStayInOneLaneInTheirOrder() {
        List<Mail> mails = new ArrayList<>();
        for (int i = 0; i < 200; i++) mails.add(new Mail(i, i % 7 == 0 ? "Sama@Example.fi" : "asukas" + (i % 37) + "@example.fi"));
        mails.add(new Mail(200, "sama@example.fi")); // the same sender, the address in another case
        mails.add(new Mail(201, null)); // no sender: lane 0

        List<List<Mail>> lanes = MailboxPoller.lanes(mails, Mail::from, 4);

        assertThat(lanes).hasSize(4);
        assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(mails.size());
        for (List<Mail> lane : lanes) {
            assertThat(lane).isSortedAccordingTo((a, b) -> Integer.compare(a.order(), b.order()));
        }
        List<List<Mail>> withSame = lanes.stream()
                .filter(lane -> lane.stream().anyMatch(m -> m.from() != null && m.from().equalsIgnoreCase("sama@example.fi"))).toList();
        assertThat(withSame).hasSize(1);
        assertThat(withSame.getFirst().stream().filter(m -> m.from() != null && m.from().equalsIgnoreCase("sama@example.fi")))
                .hasSize(30);
        for (String sender : mails.stream().map(Mail::from).filter(f -> f != null).map(String::toLowerCase).distinct().toList()) {
            assertThat(lanes.stream().filter(lane -> lane.stream()
                    .anyMatch(m -> m.from() != null && m.from().equalsIgnoreCase(sender)))).as(sender).hasSize(1);
        }
    }

    @Test
    void fewerMessagesThanLanesOrOneLaneAsked() {
        assertThat(MailboxPoller.lanes(List.of(new Mail(0, "a@example.fi")), Mail::from, 4)).hasSize(1);
        assertThat(MailboxPoller.lanes(List.<Mail>of(), Mail::from, 4)).containsExactly(List.of());
        List<Mail> mails = List.of(new Mail(0, "a@example.fi"), new Mail(1, "b@example.fi"), new Mail(2, "c@example.fi"));
        assertThat(MailboxPoller.lanes(mails, Mail::from, 1)).containsExactly(mails);
    }
}
