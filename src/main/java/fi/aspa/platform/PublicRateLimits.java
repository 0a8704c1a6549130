package fi.aspa.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often one client address may use a public form (contact, tracking-page reply, call-back request, booking…):
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
    private final Map<String, Allowance> buckets = new ConcurrentHashMap<>();

    private record Allowance(Bucket bucket, long capacity) {}

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
        if (buckets.size() > MAX_TRACKED) forgetIdle();
        return buckets.computeIfAbsent(action + " " + clientAddress, k -> newBucket(capacity)).bucket().tryConsume(1);
    }

    /**
     * The same with an allowance of its own size per period, for an action a resident repeats more often than sending a
     * form (a question to the help pages' assistant).
     */
    public boolean tryAcquire(String action, String clientAddress, long actionCapacity) {
        if (actionCapacity < 1) throw new IllegalArgumentException("capacity must be positive");
        if (buckets.size() > MAX_TRACKED) forgetIdle();
        return buckets.computeIfAbsent(action + " " + clientAddress, k -> newBucket(actionCapacity)).bucket().tryConsume(1);
    }

    private Allowance newBucket(long size) {
        return new Allowance(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(size).refillGreedy(size, period).build())
                .build(), size);
    }

    /** Buckets that have refilled completely carry no information: dropping them bounds the memory used. */
    private void forgetIdle() {
        buckets.values().removeIf(a -> a.bucket().getAvailableTokens() >= a.capacity());
    }

    /** For tests that share one application and one client address. */
    public void reset() {
        buckets.clear();
    }
}
