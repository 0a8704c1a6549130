package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/**
 * Whether an agent's reply to a case, written now, would go to the customer by email, and to which address: asked
 * before the reply is written, so that the case page can say where it goes. The email channel answers with the same
 * rule it sends the reply by after {@link CaseEvents.ReplyPosted} (one rule, not a copy of it); the cases module only
 * declares the question, as the module both the asker and the answerer already use. Without an answerer (no email
 * channel), nothing is emailed.
 */
public interface ReplyByEmail {

    Decision decide(OrganizationId organization, UUID caseId);

    /** {@code address}: where the reply goes, only when {@link Outcome#SENT}. */
    record Decision(Outcome outcome, String address) {
        public static final Decision OTHER_CHANNEL = new Decision(Outcome.OTHER_CHANNEL, null);

        public Decision {
            if ((outcome == Outcome.SENT) != (address != null)) {
                throw new IllegalArgumentException("an address exactly when the reply is sent: " + outcome);
            }
        }
    }

    enum Outcome {
        /** Emailed to the address. */
        SENT,
        /** A case the email channel answers, but there is no address to send to: not sent (a note says so). */
        NO_ADDRESS,
        /** A case the email channel answers, but no enabled mailbox to send from: not sent (a note says so). */
        NO_MAILBOX,
        /** Not the email channel's case: not emailed; its own channel shows or delivers the reply. */
        OTHER_CHANNEL
    }
}
