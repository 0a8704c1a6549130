package fi.aspa.channels.open311;

import fi.aspa.platform.AspaException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every Open311 failure as the specification's error list ({@code [{"code": 400, "description": "…"}]} or
 * {@code <errors><error><code/><description/></error></errors>}) in the format the path asked for; bad input is
 * 400, an unknown thing 404, a bad key 403, too many requests 429 (with {@code Retry-After}), never a 500.
 */
@ControllerAdvice(assignableTypes = Open311Api.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {
    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<byte[]> open311(Open311Exception e, HttpServletRequest request) {
        ResponseEntity<byte[]> answer = format(request).error(e.status(), e.getMessage());
        if (e.retryAfterSeconds() <= 0) return answer;
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(answer.getBody());
    }

    /** The cases module refused something (an attachment, a text): its status, its words. */
    @ExceptionHandler(AspaException.class)
    ResponseEntity<byte[]> aspa(AspaException e, HttpServletRequest request) {
        HttpStatus status = e.status() == HttpStatus.UNPROCESSABLE_CONTENT || e.status() == HttpStatus.UNSUPPORTED_MEDIA_TYPE
                ? HttpStatus.BAD_REQUEST : e.status();
        return format(request).error(status, e.getMessage());
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ResponseEntity<byte[]> tooLarge(Exception e, HttpServletRequest request) {
        return format(request).error(HttpStatus.CONTENT_TOO_LARGE, "The request is larger than allowed");
    }

    @ExceptionHandler({MultipartException.class, IllegalStateException.class, IllegalArgumentException.class})
    ResponseEntity<byte[]> unreadable(Exception e, HttpServletRequest request) {
        return format(request).error(HttpStatus.BAD_REQUEST, "The request could not be read");
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<byte[]> data(DataAccessException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return format(request).error(HttpStatus.BAD_REQUEST, "The request holds a value that cannot be stored");
            }
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework && !framework.getStatusCode().is5xxServerError()) {
            HttpStatusCode status = framework.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            return format(request).error(status, known == null ? "Bad request" : known.getReasonPhrase());
        }
        log.error("Unexpected error in the Open311 API", e);
        return format(request).error(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }

    private static Open311Format format(HttpServletRequest request) {
        return Open311Format.guess(request.getRequestURI());
    }
}
