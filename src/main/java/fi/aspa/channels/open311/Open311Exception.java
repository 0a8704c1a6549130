package fi.aspa.channels.open311;

import org.springframework.http.HttpStatus;

/** An Open311 error: answered as the standard error list ({@code [{"code":400,"description":"…"}]}). */
final class Open311Exception extends RuntimeException {
    private final HttpStatus status;
    private final long retryAfterSeconds;

    Open311Exception(HttpStatus status, String description) {
        this(status, description, 0);
    }

    /** With a {@code Retry-After} answer header when {@code retryAfterSeconds} is positive (429). */
    Open311Exception(HttpStatus status, String description, long retryAfterSeconds) {
        super(description);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static Open311Exception badRequest(String description) {
        return new Open311Exception(HttpStatus.BAD_REQUEST, description);
    }

    static Open311Exception notFound(String description) {
        return new Open311Exception(HttpStatus.NOT_FOUND, description);
    }

    static Open311Exception forbidden(String description) {
        return new Open311Exception(HttpStatus.FORBIDDEN, description);
    }

    HttpStatus status() {
        return status;
    }
}
