package fi.aspa.routing;

import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The rule form as posted: text as typed, checked here field by field. The field names are the input ids. */
record RuleForm(String name, Boolean enabled, String channel, String mailbox, String open311Code, String keywords,
                String language, String customerKind, String serviceId, String unitId, String assigneeId, String priority,
                String tags) {
    static final int MAX_NAME = 100;
    static final int MAX_KEYWORDS = 50;
    static final int MAX_KEYWORD = 60;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 50;
    /** {@code mailbox:} + the address must fit a case tag (50 characters). */
    static final int MAX_MAILBOX = 42;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:]{1,64}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\\.[A-Za-z]{2,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    static RuleForm empty() {
        return new RuleForm("", true, "", "", "", "", "", "", "", "", "", "", "");
    }

    static RuleForm of(RoutingRule rule) {
        RoutingRule.Conditions w = rule.when();
        RoutingRule.Actions t = rule.then();
        return new RuleForm(rule.name(), rule.enabled(), name(w.channel()), nz(w.mailbox()), nz(w.open311Code()),
                String.join(", ", w.keywords()), w.language() == null ? "" : w.language().code(), name(w.customerKind()),
                id(t.serviceId()), id(t.unitId()), id(t.assigneeId()), name(t.priority()), String.join(", ", t.tags()));
    }

    /** What the organization has that a rule may name. */
    record Choices(Set<UUID> services, Set<UUID> units, Set<UUID> staff) {}

    record Checked(String name, boolean enabled, RoutingRule.Conditions when, RoutingRule.Actions then, List<FieldMessage> errors) {
        Map<String, String> byField() {
            Map<String, String> map = new LinkedHashMap<>();
            errors.forEach(e -> map.putIfAbsent(e.field(), e.message()));
            return map;
        }
    }

    /** @param message a message key (routing.admin.error.*) to localized text */
    Checked check(Choices choices, Function<String, String> message) {
        List<FieldMessage> errors = new ArrayList<>();
        String name = blank(this.name) ? null : this.name.strip();
        if (name == null) errors.add(new FieldMessage("name", message.apply("routing.admin.error.name-required")));
        else if (name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20)) {
            errors.add(new FieldMessage("name", message.apply("routing.admin.error.name-too-long")));
        }
        Channel channel = parse(Channel.class, this.channel, "channel", errors, message);
        String mailbox = null;
        if (!blank(this.mailbox)) {
            mailbox = this.mailbox.strip().toLowerCase(Locale.ROOT);
            if (mailbox.length() > MAX_MAILBOX || !ADDRESS.matcher(mailbox).matches()) {
                errors.add(new FieldMessage("mailbox", message.apply("routing.admin.error.mailbox")));
            }
        }
        String code = null;
        if (!blank(open311Code)) {
            code = open311Code.strip();
            if (!CODE.matcher(code).matches()) errors.add(new FieldMessage("open311Code", message.apply("routing.admin.error.open311")));
        }
        List<String> keywordList = split(keywords);
        if (keywordList.size() > MAX_KEYWORDS || keywordList.stream().anyMatch(k -> k.length() > MAX_KEYWORD
                || KeywordMatcher.words(k).isEmpty())) {
            errors.add(new FieldMessage("keywords", message.apply("routing.admin.error.keywords")));
        }
        Language language = null;
        if (!blank(this.language)) {
            language = Language.parse(this.language.strip()).orElse(null);
            if (language == null) errors.add(new FieldMessage("language", message.apply("routing.admin.error.choice")));
        }
        CustomerKind kind = parse(CustomerKind.class, customerKind, "customerKind", errors, message);
        UUID service = reference(serviceId, choices.services(), "serviceId", errors, message);
        UUID unit = reference(unitId, choices.units(), "unitId", errors, message);
        if (blank(serviceId) && blank(unitId)) {
            errors.add(new FieldMessage("serviceId", message.apply("routing.admin.error.target-required")));
        }
        UUID assignee = reference(assigneeId, choices.staff(), "assigneeId", errors, message);
        Priority priority = parse(Priority.class, this.priority, "priority", errors, message);
        List<String> tagList = split(tags).stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
        if (tagList.size() > MAX_TAGS || tagList.stream().anyMatch(t -> t.length() > MAX_TAG)) {
            errors.add(new FieldMessage("tags", message.apply("routing.admin.error.tags")));
        }
        if (!errors.isEmpty()) return new Checked(name, Boolean.TRUE.equals(enabled), null, null, errors);
        return new Checked(name, Boolean.TRUE.equals(enabled),
                new RoutingRule.Conditions(channel, mailbox, code, keywordList, language, kind),
                new RoutingRule.Actions(service, unit, assignee, priority, tagList), errors);
    }

    private static List<String> split(String value) {
        if (blank(value)) return List.of();
        Set<String> parts = new LinkedHashSet<>();
        Arrays.stream(value.split("[,\n]")).map(String::strip).filter(s -> !s.isEmpty()).forEach(parts::add);
        return List.copyOf(parts);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldMessage> errors,
                                               Function<String, String> message) {
        if (blank(value)) return null;
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldMessage(field, message.apply("routing.admin.error.choice")));
            return null;
        }
    }

    private static UUID reference(String value, Set<UUID> allowed, String field, List<FieldMessage> errors,
                                  Function<String, String> message) {
        if (blank(value)) return null;
        UUID id = null;
        try {
            id = value.strip().length() == 36 ? UUID.fromString(value.strip()) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null || !allowed.contains(id)) {
            errors.add(new FieldMessage(field, message.apply("routing.admin.error.choice")));
            return null;
        }
        return id;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String id(UUID value) {
        return value == null ? "" : value.toString();
    }
}
