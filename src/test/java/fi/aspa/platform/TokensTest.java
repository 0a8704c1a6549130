package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void sha256IsTheStandardDigestInLowerCaseHex() {
        assertThat(Tokens.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.sha256("ä")).isEqualTo(Tokens.sha256(new byte[] {(byte) 0xC3, (byte) 0xA4}));
    }

    @Test
    void randomTokensAreUrlSafeDistinctAndPlausible() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = Tokens.random();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(Tokens.plausible(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
        assertThat(Tokens.random(24)).hasSize(32);
        assertThat(Tokens.plausible("short")).isFalse();
        assertThat(Tokens.plausible("a".repeat(42) + "/")).isFalse();
        assertThat(Tokens.plausible(null)).isFalse();
    }
}
