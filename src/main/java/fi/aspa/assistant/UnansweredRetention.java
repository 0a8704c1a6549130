package fi.aspa.assistant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the chatbot's unanswered questions only as long as they are useful: a question nobody has asked for
 * {@code aspa.assistant.unanswered-retention} (180 days) is deleted. The questions are stored without identity codes,
 * numbers and addresses, but they are still residents' own words, kept for one purpose (writing the missing article);
 * data minimisation means they do not stay forever. The delete is idempotent, so nodes running it at the same time do
 * no harm.
 */
@Component
class UnansweredRetention {
    private static final Logger log = LoggerFactory.getLogger(UnansweredRetention.class);

    private final BotStore store;
    private final Clock clock;
    private final Duration keep;

    UnansweredRetention(BotStore store, Clock clock,
                        @Value("${aspa.assistant.unanswered-retention:180d}") Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("aspa.assistant.unanswered-retention must be positive, was " + keep);
        }
        this.store = store;
        this.clock = clock;
        this.keep = keep;
    }

    /** How long a question is kept after it was last asked. */
    Duration keep() {
        return keep;
    }

    @Scheduled(fixedDelayString = "${aspa.assistant.unanswered-retention-interval:6h}", initialDelayString = "${aspa.assistant.unanswered-retention-initial-delay:2m}")
    void tick() {
        try {
            run(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Deleting old unanswered questions failed; retried on the next run", e);
        }
    }

    /** Deletes the questions last asked before {@code now} minus the retention; returns how many. */
    int run(Instant now) {
        int deleted = store.deleteUnansweredLastAskedBefore(now.minus(keep));
        if (deleted > 0) log.info("Deleted {} unanswered chatbot questions not asked for {} days", deleted, keep.toDays());
        return deleted;
    }
}
