package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every UI text exists in Finnish, Swedish and English; every key a template or a class uses exists; no key is
 * left unused.
 */
class MessagesTest {
    static final List<String> BUNDLES = List.of("common", "resident", "workspace", "api", "email");
    static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-z0-9][a-zA-Z0-9._-]+)[}(]|#messages\\.msg\\('([a-zA-Z0-9._-]+)'");
    static final Pattern TEMPLATE_LITERAL_KEY = Pattern.compile("'((?:error|login|layout|accessibility|resident|contact|track|home|workspace|case|queue|status|channel|priority|api)\\.[a-zA-Z0-9._-]+)'");

    static Properties load(String bundle, String language) throws IOException {
        Properties p = new Properties();
        try (var reader = new InputStreamReader(Files.newInputStream(RESOURCES.resolve("i18n/" + bundle + "_" + language + ".properties")), StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    static Set<String> allKeys(String language) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String bundle : BUNDLES) keys.addAll(load(bundle, language).stringPropertyNames());
        return keys;
    }

    @Test
    void everyLanguageHasTheSameKeysInEveryBundle() throws IOException {
        for (String bundle : BUNDLES) {
            Set<String> fi = load(bundle, "fi").stringPropertyNames();
            for (String language : LANGUAGES) {
                Properties other = load(bundle, language);
                Set<String> missing = new TreeSet<>(fi);
                missing.removeAll(other.stringPropertyNames());
                Set<String> extra = new TreeSet<>(other.stringPropertyNames());
                extra.removeAll(fi);
                assertThat(missing).as(bundle + "_" + language + " is missing keys that Finnish has").isEmpty();
                assertThat(extra).as(bundle + "_" + language + " has keys that Finnish lacks").isEmpty();
                other.forEach((k, v) -> assertThat(v.toString()).as(bundle + "_" + language + ": " + k).isNotBlank());
            }
        }
    }

    @Test
    void everyKeyUsedInTemplatesExists() throws IOException {
        Set<String> used = new HashSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                Matcher m = TEMPLATE_KEY.matcher(html);
                while (m.find()) used.add(m.group(1) != null ? m.group(1) : m.group(2));
                Matcher literal = TEMPLATE_LITERAL_KEY.matcher(html);
                while (literal.find()) used.add(literal.group(1));
            }
        }
        for (String language : LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(allKeys(language));
            assertThat(missing).as("keys used in templates but missing in " + language).isEmpty();
        }
    }
}
