package fi.aspa.cases;

import static fi.aspa.cases.CaseStatus.CLOSED;
import static fi.aspa.cases.CaseStatus.NEW;
import static fi.aspa.cases.CaseStatus.OPEN;
import static fi.aspa.cases.CaseStatus.RESOLVED;
import static fi.aspa.cases.CaseStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.platform.AspaException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every cell of the transition table: allowed moves go through, all others are refused. */
class LifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NEW, OPEN, true", "NEW, WAITING, true", "NEW, RESOLVED, true", "NEW, CLOSED, false", "NEW, NEW, false",
            "OPEN, WAITING, true", "OPEN, RESOLVED, true", "OPEN, NEW, false", "OPEN, CLOSED, false", "OPEN, OPEN, false",
            "WAITING, OPEN, true", "WAITING, RESOLVED, true", "WAITING, NEW, false", "WAITING, CLOSED, false", "WAITING, WAITING, false",
            "RESOLVED, OPEN, true", "RESOLVED, CLOSED, true", "RESOLVED, NEW, false", "RESOLVED, WAITING, false", "RESOLVED, RESOLVED, false",
            "CLOSED, OPEN, true", "CLOSED, NEW, false", "CLOSED, WAITING, false", "CLOSED, RESOLVED, false", "CLOSED, CLOSED, false"})
    void transitionTable(CaseStatus from, CaseStatus to, boolean allowed) {
        assertThat(Lifecycle.allows(from, to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(Lifecycle.move(from, to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> Lifecycle.move(from, to)).isInstanceOf(AspaException.class)
                    .extracting(e -> ((AspaException) e).code()).isEqualTo("illegal-transition");
        }
    }

    @Test
    void customerReplyReopensEverythingButNew() {
        assertThat(Lifecycle.afterCustomerReply(NEW)).isEqualTo(NEW);
        for (CaseStatus s : EnumSet.of(OPEN, WAITING, RESOLVED, CLOSED)) {
            assertThat(Lifecycle.afterCustomerReply(s)).as(s.name()).isEqualTo(OPEN);
        }
    }

    @Test
    void staffReplyStartsWorkOnNewCaseAndHonoursRequestedStatus() {
        assertThat(Lifecycle.afterStaffReply(NEW, null)).isEqualTo(OPEN);
        assertThat(Lifecycle.afterStaffReply(OPEN, WAITING)).isEqualTo(WAITING);
        assertThat(Lifecycle.afterStaffReply(WAITING, null)).isEqualTo(WAITING);
        assertThatThrownBy(() -> Lifecycle.afterStaffReply(CLOSED, WAITING)).isInstanceOf(AspaException.class);
    }

    @Test
    void nextFromListsExactlyTheAllowedMoves() {
        assertThat(Lifecycle.nextFrom(RESOLVED)).isEqualTo(Set.of(OPEN, CLOSED));
    }
}
