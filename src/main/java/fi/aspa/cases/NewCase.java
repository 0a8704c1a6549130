package fi.aspa.cases;

import fi.aspa.platform.Language;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A contact that becomes a case: the customer is already resolved by the customer module. */
public record NewCase(Channel channel, UUID customerId, String subject, String body, Language language, String topic,
                      UUID unitId, Priority priority, Set<String> tags, List<NewAttachment> attachments, Actor actor) {

    public NewCase {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        priority = priority == null ? Priority.NORMAL : priority;
        language = language == null ? Language.FI : language;
    }
}
