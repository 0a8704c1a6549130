package fi.aspa.platform;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * RFC 9457 problem details for every API error: a stable {@code type} per error code, never a stack trace,
 * never a 500 for bad input.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        return Problems.of(status, code, detail);
    }

    static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(AspaException.class)
    ResponseEntity<Object> aspa(AspaException e) {
        return respond(problem(e.status(), e.code(), e.getMessage()));
    }

    /** 429 with {@code Retry-After}, and the seconds in the body too for clients that cannot read the header. */
    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<Object> tooMany(TooManyRequests e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        problem.setProperty("retryAfter", e.retryAfterSeconds());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "bad-parameter", "Parameter '" + e.getName() + "' has a wrong type or format"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error in API", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred; nothing you sent was lost"));
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> data(DataAccessException e) {
        String state = sqlState(e);
        if (state != null && state.startsWith("22")) {
            log.info("API input the database refused ({}): {}", state, e.getMostSpecificCause().getMessage());
            return respond(problem(HttpStatus.BAD_REQUEST, "invalid-data",
                    "The request holds a value the database cannot store (for example a control character)"));
        }
        if (e instanceof DuplicateKeyException) {
            return respond(problem(HttpStatus.CONFLICT, "conflict",
                    "A concurrent request changed the same data; repeat the request"));
        }
        return unexpected(e);
    }

    /** The SQLSTATE of the first {@link SQLException} in the chain, or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }

    /**
     * The body could not be read into the expected shape. A value of the wrong type or an unknown enum constant
     * names the field ({@code errors[].field}); a body over the size cap is 413; anything else is malformed.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        MismatchedInputException mismatch = null;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.TooLarge) {
                return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "The request body is too large"));
            }
            if (t instanceof MismatchedInputException m && mismatch == null) mismatch = m;
        }
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch.getPath());
            String message = expected(mismatch.getTargetType());
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "bad-field",
                    "Field '" + field + "' has a wrong type or value: " + message);
            problem.setProperty("errors", List.of(Map.of("field", field, "code", "type", "message", message)));
            return respond(problem);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is not valid JSON of the expected shape (UTF-8)"));
    }

    /** {@code customer.kind}, {@code tags[2]}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "unexpected value";
        if (type.isEnum()) {
            return "must be one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type == String.class) return "must be a string";
        if (type == UUID.class) return "must be a UUID";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "must be an array";
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) return "must be a number";
        if (type == Boolean.class || type == boolean.class) return "must be true or false";
        if (type.isRecord() || Map.class.isAssignableFrom(type)) return "must be an object";
        return "must be a " + type.getSimpleName();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "The request has invalid fields");
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(f -> errors.add(fieldError(f.getField(), f.getCode(), f.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(g -> errors.add(fieldError("", g.getCode(), g.getDefaultMessage())));
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "The request has invalid parameters");
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                errors.add(fieldError(name, codes == null || codes.length == 0 ? null : codes[codes.length - 1],
                        error.getDefaultMessage()));
            }
        }
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) return param.name();
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) return path.name();
        String name = parameter.getParameterName();
        return name == null ? "" : name;
    }

    /** One invalid field: where, a stable code (the constraint's name), and a message for a person. */
    private static Map<String, String> fieldError(String field, String code, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        if (code != null) error.put("code", code);
        error.put("message", message == null ? "is invalid" : message);
        return error;
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            String code = HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(Problems.TYPE_BASE + code));
            problem.setProperty("code", code);
            return ResponseEntity.status(statusCode).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }
}
