package fi.aspa.appointments;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many bookings one client address may make: the web form's allowance ({@code aspa.webform.rate-limit},
 * 5 per 10 minutes) in a bucket of its own, so that nobody fills a service point's calendar. In this node's memory.
 */
@Component
class PublicLimits {
    private static final int MAX_TRACKED = 50_000;
    private final long capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublicLimits(@Value("${aspa.webform.rate-limit.capacity:5}") long capacity,
                 @Value("${aspa.webform.rate-limit.period:10m}") Duration period) {
        this.capacity = capacity;
        this.period = period;
    }

    boolean tryBook(String clientAddress) {
        if (buckets.size() > MAX_TRACKED) buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        return buckets.computeIfAbsent(clientAddress, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build())
                .tryConsume(1);
    }

    /** For tests that share one application and one client address. */
    void reset() {
        buckets.clear();
    }
}
