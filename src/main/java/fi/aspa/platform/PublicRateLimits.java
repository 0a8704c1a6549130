package fi.aspa.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often one client address may use a public form (contact, tracking-page reply, call-back request, booking…) or
 * another public endpoint with a cost (starting a chat, the chatbot, a kiosk's queue numbers: each with its own limit):
 * {@code aspa.webform.rate-limit.capacity} per {@code aspa.webform.rate-limit.period} (5 per 10 minutes), refilled
 * gradually, in a separate allowance per action. Kept in this node's memory (a cluster of n nodes allows at most n
 * times as much); behind a reverse proxy, let the container resolve the client address
 * ({@code server.forward-headers-strategy}).
 */
@Component
public class PublicRateLimits {
    private static final int MAX_TRACKED = 50_000;
    private final long capacity;
    private final Duration period;
    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

    private record Limited(Bucket bucket, long capacity) {}

    PublicRateLimits(@Value("${aspa.webform.rate-limit.capacity:5}") long capacity,
                     @Value("${aspa.webform.rate-limit.period:10m}") Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("aspa.webform.rate-limit needs a positive capacity and period");
        }
        this.capacity = capacity;
        this.period = period;
    }

    /** Takes one from the client's allowance for the action; false when it is used up. */
    public boolean tryAcquire(String action, String clientAddress) {
        return tryAcquire(action, clientAddress, capacity, period);
    }

    /**
     * The same with an allowance of its own size per the forms' period, for an action a resident repeats more often
     * than sending a form (a question to the help pages' assistant).
     */
    public boolean tryAcquire(String action, String clientAddress, long actionCapacity) {
        return tryAcquire(action, clientAddress, actionCapacity, period);
    }

    /**
     * Takes one from the allowance of {@code who} (a client address, an API key…) for the action, with the action's
     * own limit: {@code capacity} per {@code period}, refilled gradually; false when it is used up.
     */
    public boolean tryAcquire(String action, String who, long capacity, Duration period) {
        return bucket(action, who, capacity, period).tryConsume(1);
    }

    /**
     * Takes one from the allowance of {@code who} for the action with the forms' limit (as
     * {@link #tryAcquire(String, String)}), and says how long until there is one again when it is used up.
     */
    public Duration acquire(String action, String who) {
        return acquire(action, who, capacity, period);
    }

    /**
     * Takes one from the allowance of {@code who} for the action ({@code capacity} per {@code period}, refilled
     * gradually): {@link Duration#ZERO} when it was taken, otherwise how long until one is available again (for a
     * {@code Retry-After}; nothing was taken).
     */
    public Duration acquire(String action, String who, long capacity, Duration period) {
        var probe = bucket(action, who, capacity, period).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** Whole seconds to wait for a {@code Retry-After} header: the wait rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
    }

    private Bucket bucket(String action, String who, long capacity, Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a positive capacity and period");
        }
        if (buckets.size() > MAX_TRACKED) forgetIdle();
        return buckets.computeIfAbsent(action + " " + who, k -> new Limited(newBucket(capacity, period), capacity)).bucket();
    }

    private static Bucket newBucket(long capacity, Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }

    /** Buckets that have refilled completely carry no information: dropping them bounds the memory used. */
    private void forgetIdle() {
        buckets.values().removeIf(b -> b.bucket().getAvailableTokens() >= b.capacity());
    }

    /** For tests that share one application and one client address. */
    public void reset() {
        buckets.clear();
    }
}
