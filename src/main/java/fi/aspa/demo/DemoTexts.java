package fi.aspa.demo;

import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's texts, read from {@code demo/topics.txt}: case topics, shared phrases and placeholder values. */
final class DemoTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    enum Season {
        ALL, WINTER, SUMMER, DARK, SPRING;

        boolean includes(Month month) {
            int m = month.getValue();
            return switch (this) {
                case ALL -> true;
                case WINTER -> m >= 11 || m <= 3;
                case SUMMER -> m >= 5 && m <= 9;
                case DARK -> m >= 9 || m <= 3;
                case SPRING -> m >= 3 && m <= 5;
            };
        }
    }

    /** Finnish and Swedish variants of one text. */
    record Variants(List<String> fi, List<String> sv) {
        List<String> in(Language language) {
            return language == Language.SV && !sv.isEmpty() ? sv : fi;
        }

        String pick(Language language, Random random) {
            List<String> list = in(language);
            return list.get(random.nextInt(list.size()));
        }
    }

    record Topic(String key, String unit, Set<CustomerKind> audience, Season season, boolean open311, Priority priority,
                 List<String> tags, Variants subjects, Variants bodies, Variants replies, Variants questions) {}

    final List<Topic> topics;
    private final Map<String, Variants> phrases;
    private final Map<String, List<String[]>> values;

    private DemoTexts(List<Topic> topics, Map<String, Variants> phrases, Map<String, List<String[]>> values) {
        this.topics = topics;
        this.phrases = phrases;
        this.values = values;
    }

    Variants phrase(String key) {
        Variants v = phrases.get(key);
        if (v == null) throw new IllegalArgumentException("No demo phrase " + key);
        return v;
    }

    /** One value for a placeholder: {fi, sv}. */
    String[] value(String key, Random random) {
        List<String[]> list = values.get(key);
        if (list == null) throw new IllegalArgumentException("No demo values for " + key);
        return list.get(random.nextInt(list.size()));
    }

    /** Fills {placeholders} from the given values (already in the right language). */
    static String fill(String template, Map<String, String> slots) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("No value for {" + m.group(1) + "} in: " + template);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static DemoTexts load() {
        try (InputStream in = DemoTexts.class.getResourceAsStream("/demo/topics.txt")) {
            if (in == null) throw new IllegalStateException("demo/topics.txt is missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DemoTexts parse(List<String> lines) {
        List<Topic> topics = new ArrayList<>();
        Map<String, Variants> phrases = new LinkedHashMap<>();
        Map<String, List<String[]>> values = new LinkedHashMap<>();
        String key = null;
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                if (key != null) topics.add(topic(key, fields));
                key = line.substring(1, line.length() - 1);
                fields = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("Bad demo text line: " + line);
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.startsWith("@")) {
                if (key != null) {
                    topics.add(topic(key, fields));
                    key = null;
                }
                String phrase = name.substring(1);
                if (value.contains(" = ")) {
                    String[] pair = value.split(" = ", 2);
                    values.computeIfAbsent(phrase, k -> new ArrayList<>()).add(new String[] {pair[0].strip(), pair[1].strip()});
                } else {
                    String base = phrase.endsWith(".fi") || phrase.endsWith(".sv") ? phrase.substring(0, phrase.length() - 3) : phrase;
                    Variants v = phrases.computeIfAbsent(base, k -> new Variants(new ArrayList<>(), new ArrayList<>()));
                    (phrase.endsWith(".sv") ? v.sv() : v.fi()).add(value);
                }
            } else {
                if (key == null) throw new IllegalArgumentException("Field outside a topic: " + line);
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        if (key != null) topics.add(topic(key, fields));
        return new DemoTexts(List.copyOf(topics), phrases, values);
    }

    private static Topic topic(String key, Map<String, List<String>> f) {
        Set<CustomerKind> audience = EnumSet.noneOf(CustomerKind.class);
        for (String a : one(key, f, "audience").split(",")) audience.add(CustomerKind.valueOf(a.strip()));
        List<String> tags = Arrays.stream(one(key, f, "tags").split(",")).map(String::strip).toList();
        return new Topic(key, one(key, f, "unit"), audience, Season.valueOf(f.getOrDefault("season", List.of("ALL")).getFirst()),
                "yes".equals(f.getOrDefault("open311", List.of("no")).getFirst()),
                Priority.valueOf(f.getOrDefault("priority", List.of("NORMAL")).getFirst()), tags,
                variants(key, f, "subject"), variants(key, f, "body"), variants(key, f, "reply"), variants(key, f, "ask"));
    }

    private static String one(String key, Map<String, List<String>> f, String name) {
        List<String> v = f.get(name);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("Topic " + key + " has no " + name);
        return v.getFirst();
    }

    private static Variants variants(String key, Map<String, List<String>> f, String name) {
        List<String> fi = f.getOrDefault(name + ".fi", List.of());
        List<String> sv = f.getOrDefault(name + ".sv", List.of());
        if (fi.isEmpty() || sv.isEmpty()) throw new IllegalArgumentException("Topic " + key + " needs " + name + ".fi and " + name + ".sv");
        return new Variants(List.copyOf(fi), List.copyOf(sv));
    }
}
