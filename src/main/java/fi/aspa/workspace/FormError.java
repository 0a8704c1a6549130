package fi.aspa.workspace;

import fi.aspa.platform.FieldMessage;
import java.util.List;

/** A form on the case page was filled in wrongly: the fields and localized messages for the error summary. */
final class FormError extends RuntimeException {
    private final transient List<FieldMessage> errors;

    FormError(List<FieldMessage> errors) {
        super("form has errors", null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<FieldMessage> errors() {
        return errors;
    }
}
