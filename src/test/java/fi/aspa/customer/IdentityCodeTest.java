package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared test vectors (../shared/data/fi-ids.json, copied to test resources) for both validators. */
class IdentityCodeTest {

    static Stream<JsonNode> vectors(String kind) throws Exception {
        try (InputStream in = IdentityCodeTest.class.getResourceAsStream("/data/fi-ids.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            return root.get(kind).valueStream().toList().stream();
        }
    }

    static Stream<JsonNode> hetu() throws Exception {
        return vectors("hetu");
    }

    static Stream<JsonNode> ytunnus() throws Exception {
        return vectors("ytunnus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hetu")
    void personalIdentityCode(JsonNode vector) {
        assertThat(PersonalIdentityCode.isValid(vector.get("value").asString()))
                .as(vector.get("value").asString() + " (" + vector.get("reason").asString() + ")")
                .isEqualTo(vector.get("valid").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ytunnus")
    void businessId(JsonNode vector) {
        assertThat(BusinessId.isValid(vector.get("value").asString()))
                .as(vector.get("value").asString() + " (" + vector.get("reason").asString() + ")")
                .isEqualTo(vector.get("valid").asBoolean());
    }

    @org.junit.jupiter.api.Test
    void maskingHidesEverythingButTheBirthDate() {
        assertThat(PersonalIdentityCode.masked("131052-308T")).isEqualTo("131052*****");
    }
}
