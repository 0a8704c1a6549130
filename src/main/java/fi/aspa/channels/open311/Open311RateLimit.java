package fi.aspa.channels.open311;

import fi.aspa.platform.PublicRateLimits;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How many service requests may be posted: {@code aspa.open311.rate-limit.per-address} per client address and
 * {@code per-key} per API key, each per {@code period} (by default 120 and 600 a minute), refilled gradually. The
 * address is counted first, so a flood of requests with bad keys is stopped too. Kept in this node's memory by
 * {@link PublicRateLimits} (n nodes allow n times as much); behind a reverse proxy let the container resolve the
 * client address ({@code server.forward-headers-strategy}).
 */
@Component
class Open311RateLimit {
    private final PublicRateLimits limits;
    private final long perAddress;
    private final long perKey;
    private final Duration period;

    Open311RateLimit(PublicRateLimits limits,
                     @Value("${aspa.open311.rate-limit.per-address:120}") long perAddress,
                     @Value("${aspa.open311.rate-limit.per-key:600}") long perKey,
                     @Value("${aspa.open311.rate-limit.period:1m}") Duration period) {
        if (perAddress < 1 || perKey < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("aspa.open311.rate-limit needs positive limits and period");
        }
        this.limits = limits;
        this.perAddress = perAddress;
        this.perKey = perKey;
        this.period = period;
    }

    /** Counts a POST from the address; a 429 error when the address has used its allowance. */
    void address(String clientAddress) {
        if (!limits.tryAcquire("open311-post-address", String.valueOf(clientAddress), perAddress, period)) {
            throw tooMany(perAddress);
        }
    }

    /** Counts a POST with the key; a 429 error when the key has used its allowance. */
    void key(UUID keyId) {
        if (!limits.tryAcquire("open311-post-key", keyId.toString(), perKey, period)) throw tooMany(perKey);
    }

    /** Seconds until the allowance has room again (one request's share of the period, at least 1). */
    long retryAfterSeconds(long capacity) {
        return Math.max(1, (period.toMillis() / capacity + 999) / 1000);
    }

    private Open311Exception tooMany(long capacity) {
        return new Open311Exception(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests: at most " + capacity + " per " + period.toSeconds() + " s; try again later",
                retryAfterSeconds(capacity));
    }
}
