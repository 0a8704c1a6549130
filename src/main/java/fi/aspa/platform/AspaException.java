package fi.aspa.platform;

import org.springframework.http.HttpStatus;

/**
 * A failure with a stable code that both a person and a program can act on. The code doubles as the message
 * key ({@code error.<code>}) for pages and as the problem type for the API.
 */
public class AspaException extends RuntimeException {
    private final String code;
    private final HttpStatus status;
    private final transient Object[] args;

    public AspaException(HttpStatus status, String code, String detail, Object... args) {
        super(detail);
        this.status = status;
        this.code = code;
        this.args = args;
    }

    public static AspaException notFound(String what) {
        return new AspaException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }

    /** 403: the signed-in user's role does not allow this; {@code detail} says who may. */
    public static AspaException forbidden(String detail) {
        return new AspaException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static AspaException invalid(String code, String detail, Object... args) {
        return new AspaException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, args);
    }

    public static AspaException conflict(String code, String detail, Object... args) {
        return new AspaException(HttpStatus.CONFLICT, code, detail, args);
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public Object[] args() {
        return args.clone();
    }
}
