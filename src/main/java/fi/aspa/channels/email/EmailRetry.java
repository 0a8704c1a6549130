package fi.aspa.channels.email;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again what could not be sent: the email listeners' event publications that are still incomplete after
 * {@code aspa.email.retry-after} (the SMTP server was down, say) are resubmitted. Only this module's listeners:
 * other modules decide for themselves.
 */
@Component
class EmailRetry {
    private final IncompleteEventPublications incomplete;
    private final EmailProperties properties;

    EmailRetry(IncompleteEventPublications incomplete, EmailProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${aspa.email.retry-interval:1m}", initialDelayString = "${aspa.email.retry-interval:1m}")
    void resubmit() {
        incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults()
                .withMinAge(properties.retryAfter())
                .withFilter(publication -> publication instanceof TargetEventPublication target
                        && (target.getTargetIdentifier().getValue().startsWith(EmailOutbound.class.getName())
                            || target.getTargetIdentifier().getValue().startsWith(EscalationMail.class.getName()))));
    }
}
