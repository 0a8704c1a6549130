package fi.aspa.routing;

import fi.aspa.cases.Channel;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.Language;
import java.util.Set;

/** What a rule looks at in a case: its channel, tags, text (subject and first message), language and customer. */
record RuleSubject(Channel channel, Set<String> tags, String text, Language language, CustomerKind customerKind) {

    static final String MAILBOX_TAG = "mailbox:";
    static final String OPEN311_TAG = "open311:";

    RuleSubject {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
}
