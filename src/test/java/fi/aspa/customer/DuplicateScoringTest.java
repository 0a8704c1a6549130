package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How two customers' names and contact points score as possible duplicates, and why. */
class DuplicateScoringTest {

    static DuplicateScoring.Profile p(String name, Set<String> emails, Set<String> phones) {
        return new DuplicateScoring.Profile(name, null, null, emails, phones);
    }

    @Test
    void aSharedEmailIsAStrongReasonAndTheSameNameAddsToIt() {
        DuplicateScoring.Score score = DuplicateScoring.score(p("Maija Meikäläinen", Set.of("maija@example.fi"), Set.of()),
                p("maija  meikäläinen", Set.of("maija@example.fi"), Set.of("+358401234567")));
        assertThat(score.reasons()).containsExactly(DuplicateReason.SAME_EMAIL, DuplicateReason.SAME_NAME);
        assertThat(score.value()).isEqualTo(80);
    }

    @Test
    void aSharedPhoneAloneIsEnoughToSuggest() {
        DuplicateScoring.Score score = DuplicateScoring.score(p("Pekka", Set.of(), Set.of("+358401234567")),
                p("Liisa", Set.of(), Set.of("+358401234567")));
        assertThat(score.reasons()).containsExactly(DuplicateReason.SAME_PHONE);
        assertThat(score.value()).isEqualTo(40).isGreaterThanOrEqualTo(DuplicateScoring.THRESHOLD);
    }

    @Test
    void theSameNameAloneIsNotEnoughButWithASimilarContactItIs() {
        DuplicateScoring.Score nameOnly = DuplicateScoring.score(p("Maija Meikäläinen", Set.of("a@example.fi"), Set.of()),
                p("Maija Meikäläinen", Set.of("zz@other.fi"), Set.of()));
        assertThat(nameOnly.reasons()).containsExactly(DuplicateReason.SAME_NAME);
        assertThat(nameOnly.value()).isLessThan(DuplicateScoring.THRESHOLD);

        DuplicateScoring.Score otherDomain = DuplicateScoring.score(p("Maija Meikäläinen", Set.of("maija.m@gmail.com"), Set.of()),
                p("Maija Meikäläinen", Set.of("maija.m@hotmail.com"), Set.of()));
        assertThat(otherDomain.reasons()).containsExactly(DuplicateReason.SAME_NAME, DuplicateReason.SIMILAR_EMAIL);
        assertThat(otherDomain.value()).isEqualTo(50);

        DuplicateScoring.Score typo = DuplicateScoring.score(p("Maija Meikäläinen", Set.of(), Set.of("+358401234567")),
                p("Maija Meikäläinen", Set.of(), Set.of("+358401234568")));
        assertThat(typo.reasons()).containsExactly(DuplicateReason.SAME_NAME, DuplicateReason.SIMILAR_PHONE);

        DuplicateScoring.Score similarButOtherName = DuplicateScoring.score(p("Maija", Set.of("maija.m@gmail.com"), Set.of()),
                p("Kalle", Set.of("maija.m@hotmail.com"), Set.of()));
        assertThat(similarButOtherName.value()).as("a similar contact counts only with the same name").isZero();
    }

    @Test
    void differentIdentityCodesAreNeverDuplicates() {
        DuplicateScoring.Score score = DuplicateScoring.score(
                new DuplicateScoring.Profile("Maija", "131052-308T", null, Set.of("m@example.fi"), Set.of()),
                new DuplicateScoring.Profile("Maija", "010101-123N", null, Set.of("m@example.fi"), Set.of()));
        assertThat(score.value()).isZero();
        assertThat(score.reasons()).isEmpty();
        assertThat(DuplicateScoring.score(
                new DuplicateScoring.Profile("Maija", "131052-308T", null, Set.of("m@example.fi"), Set.of()),
                new DuplicateScoring.Profile("Maija", null, null, Set.of("m@example.fi"), Set.of())).value())
                .as("one code and none: may be the same person").isEqualTo(80);
    }

    @Test
    void similarityRules() {
        assertThat(DuplicateScoring.similarEmail("maija@example.fi", "maija@exmaple.fi")).isTrue();
        assertThat(DuplicateScoring.similarEmail("maija@example.fi", "maija@example.fi")).isFalse();
        assertThat(DuplicateScoring.similarEmail("ab@x.fi", "cd@y.fi")).isFalse();
        assertThat(DuplicateScoring.similarPhone("+358401234567", "+35840123456")).isTrue();
        assertThat(DuplicateScoring.similarPhone("+358401234567", "+358409999999")).isFalse();
        assertThat(DuplicateScoring.distance("kitten", "sitting")).isEqualTo(3);
    }
}
