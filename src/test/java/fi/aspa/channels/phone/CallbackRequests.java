package fi.aspa.channels.phone;

import fi.aspa.cases.OpenedCase;
import fi.aspa.channels.Topic;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the phone package (the crawler): a resident's "call me back" request in an organization of the
 * test's own (the public form serves only the public organization), made as the form makes it.
 */
public final class CallbackRequests {
    private final Callbacks callbacks;

    public CallbackRequests(ApplicationContext context) {
        this.callbacks = context.getBean(Callbacks.class);
    }

    /** A request for tomorrow morning: a PHONE case tagged callback and an open task in the callback queue. */
    public OpenedCase request(OrganizationId org, String name, String phone, String message) {
        return callbacks.request(org, new Callbacks.Request(name, phone, LocalDate.now(Callbacks.HELSINKI).plusDays(1),
                Callbacks.Window.MORNING, Topic.GENERAL, message, Language.FI));
    }
}
