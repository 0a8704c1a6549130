package fi.aspa.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseSort;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keys the workspace builds in Java exist in every language: a label for every value of the case model's
 * enums, for every event type the cases module records, and every literal key in the workspace's classes.
 */
class WorkspaceLabelsTest {
    static final Path MAIN = Path.of("src/main/java/fi/aspa");
    static final Pattern LITERAL_KEY = Pattern.compile("\"(workspace\\.[a-zA-Z0-9._-]*[a-zA-Z0-9_-])\"");
    /** The history types CaseStore writes: {@code recordEvent(…, "TYPE", …)}, or a statement's {@code param("eventType", "TYPE")}. */
    static final Pattern EVENT_TYPE = Pattern.compile("(?:recordEvent\\([^;]*?|param\\(\"eventType\", )\"([A-Z_]+)\"");

    static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        try (var reader = new InputStreamReader(Files.newInputStream(
                Path.of("src/main/resources/i18n/workspace_" + language + ".properties")), StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    static Set<String> expectedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        enumKeys(keys, "workspace.status.", CaseStatus.values());
        enumKeys(keys, "workspace.priority.", Priority.values());
        enumKeys(keys, "workspace.channel.", Channel.values());
        enumKeys(keys, "workspace.message.", MessageKind.values());
        enumKeys(keys, "workspace.customer-kind.", CustomerKind.values());
        enumKeys(keys, "workspace.sort.", CaseSort.values());
        enumKeys(keys, "workspace.actor.", Actor.Kind.values());
        Arrays.stream(Queue.values()).forEach(q -> keys.add("workspace.queue." + q.param()));
        keys.add("workspace.contact-kind.EMAIL");
        keys.add("workspace.contact-kind.PHONE");
        String caseStore = Files.readString(MAIN.resolve("cases/CaseStore.java"));
        Matcher events = EVENT_TYPE.matcher(caseStore);
        while (events.find()) keys.add("workspace.event." + events.group(1));
        try (Stream<Path> files = Files.list(MAIN.resolve("workspace"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file));
                while (m.find()) keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static void enumKeys(Set<String> keys, String prefix, Enum<?>[] values) {
        for (Enum<?> value : values) keys.add(prefix + value.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv", "en"})
    void everyKeyBuiltInJavaExists(String language) throws IOException {
        Set<String> expected = expectedKeys();
        assertThat(expected).as("the scan found the event types and literal keys")
                .contains("workspace.event.OPENED", "workspace.event.TRANSFERRED", "workspace.notice.replied");
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(bundle(language).stringPropertyNames());
        assertThat(missing).as("workspace_" + language + " lacks keys the workspace's Java code uses").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv", "en"})
    void messagesWithArgumentsHaveNoUnescapedApostrophes(String language) throws IOException {
        List<String> broken = bundle(language).entrySet().stream()
                .filter(e -> e.getValue().toString().contains("{0}") && e.getValue().toString().replace("''", "").contains("'"))
                .map(e -> e.getKey().toString()).toList();
        assertThat(broken).as("MessageFormat drops single apostrophes in messages with arguments").isEmpty();
    }
}
