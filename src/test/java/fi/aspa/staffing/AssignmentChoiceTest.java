package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.staffing.AssignmentChoice.Candidate;
import fi.aspa.staffing.AssignmentChoice.Outcome;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The choice itself, without a database. */
class AssignmentChoiceTest {
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void levelThenLoadThenTurns() {
        var a = new Candidate(A, Level.EXPERT, true, true, 5);
        var b = new Candidate(B, Level.EXPERT, true, true, 2);
        var c = new Candidate(C, Level.EXPERT, true, true, 2);
        assertThat(AssignmentChoice.choose(List.of(a, b, c), null).staffId()).isEqualTo(B);
        assertThat(AssignmentChoice.choose(List.of(a, b, c), B).staffId()).isEqualTo(C);
        assertThat(AssignmentChoice.choose(List.of(a, b, c), C).staffId()).isEqualTo(B);
        assertThat(AssignmentChoice.choose(List.of(a, b, c), A).staffId()).isEqualTo(B);
        var responsible = new Candidate(A, Level.RESPONSIBLE, true, true, 9);
        assertThat(AssignmentChoice.choose(List.of(responsible, b, c), null).staffId()).isEqualTo(A);
    }

    @Test
    void whyNobody() {
        assertThat(AssignmentChoice.choose(List.of(), null).outcome()).isEqualTo(Outcome.NO_EXPERT);
        assertThat(AssignmentChoice.choose(List.of(new Candidate(A, null, true, true, 0)), null).outcome()).isEqualTo(Outcome.NO_EXPERT);
        assertThat(AssignmentChoice.choose(List.of(new Candidate(A, Level.EXPERT, false, true, 0)), null).outcome()).isEqualTo(Outcome.NO_LANGUAGE);
        var absent = AssignmentChoice.choose(List.of(new Candidate(A, Level.EXPERT, true, false, 0), new Candidate(B, Level.EXPERT, false, true, 0)), null);
        assertThat(absent.outcome()).isEqualTo(Outcome.NOBODY_AVAILABLE);
        assertThat(absent.candidates()).isEqualTo(1);
    }
}
