package fi.aspa.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * The errors of one form post, in the order of the fields: the page shows them in the error summary (each
 * linking to its field id) and beside the field.
 */
public final class FormErrors {
    private final MessageSource messages;
    private final Locale locale;
    private final Map<String, String> byField = new LinkedHashMap<>();

    public FormErrors(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** Adds the message with this key to the field, unless the field already has one (the first error wins). */
    public FormErrors add(String field, String key, Object... args) {
        byField.putIfAbsent(field, messages.getMessage(key, args, locale));
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** For the layout's error summary. */
    public List<FieldMessage> getSummary() {
        List<FieldMessage> list = new ArrayList<>();
        byField.forEach((field, message) -> list.add(new FieldMessage(field, message)));
        return list;
    }
}
