package fi.aspa.channels.webform;

import fi.aspa.platform.FormErrors;
import fi.aspa.platform.AspaException;

/**
 * The cases module refuses some input itself (attachments by their sniffed type, size and count; text it cannot
 * store): those refusals belong beside a field of the form, not on an error page.
 */
final class FieldErrorsFromCases {
    private FieldErrorsFromCases() {}

    /** Adds the refusal to the form's errors; false when it is not about anything the resident typed or chose. */
    static boolean add(FormErrors errors, AspaException e, String messageField, String attachmentsField) {
        String field = switch (e.code()) {
            case "attachment-type", "attachment-too-large", "too-many-attachments" -> attachmentsField;
            case "required", "too-long", "invalid-text" -> {
                Object[] args = e.args();
                yield args.length > 0 && "subject".equals(args[0]) ? "subject" : messageField;
            }
            default -> null;
        };
        if (field == null) return false;
        errors.add(field, "error." + e.code(), e.args());
        return true;
    }
}
