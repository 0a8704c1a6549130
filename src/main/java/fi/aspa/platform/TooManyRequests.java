package fi.aspa.platform;

import org.springframework.http.HttpStatus;

/**
 * 429: a client used up its allowance ({@link PublicRateLimits}). The detail is for a person, in their language; the
 * API answers problem+json with a {@code Retry-After} header and the same number of seconds as {@code retryAfter}
 * (a widget on another origin cannot read the header unless it is exposed).
 */
public class TooManyRequests extends AspaException {
    private final long retryAfterSeconds;

    public TooManyRequests(String code, String detail, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until the client may try again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
