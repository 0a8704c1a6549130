package fi.aspa.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors on pages: a page in the person's language that says what happened and what to do next. Errors on API
 * paths that never reached an API controller (unknown path, oversized upload) are forwarded to
 * {@link ErrorPage}, which answers them as problem+json.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(AspaException.class)
    ModelAndView aspa(AspaException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, e.status(), "error." + e.code());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, HttpStatus.NOT_FOUND, "error.not-found");
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, HttpStatus.CONTENT_TOO_LARGE, "error.too-large");
    }

    @ExceptionHandler({MultipartException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, IllegalArgumentException.class})
    ModelAndView badRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, HttpStatus.BAD_REQUEST, "error.bad-request");
    }

    /**
     * A value the database refuses as data (SQLSTATE class 22, e.g. a NUL in a text) is the request's fault: 400, as
     * the API answers it. Pages check their input before it gets here; this is the net under a check that was missed.
     */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ModelAndView data(org.springframework.dao.DataAccessException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String state = ApiErrors.sqlState(e);
        if (state != null && state.startsWith("22")) {
            log.info("Page input the database refused ({}) on {}: {}", state, Web.loggablePath(request.getRequestURI()),
                    e.getMostSpecificCause().getMessage());
            return page(request, response, HttpStatus.BAD_REQUEST, "error.bad-request");
        }
        return unexpected(e, request, response);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView method(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, HttpStatus.METHOD_NOT_ALLOWED, "error.method");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ModelAndView mediaType(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return page(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.bad-request");
    }

    /**
     * Anything else is unexpected, except the framework's own client errors (e.g. 406 when a client accepts no
     * representation we have): they keep their 4xx status.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(framework.getStatusCode().value());
            return page(request, response, status == null ? HttpStatus.BAD_REQUEST : status, "error.bad-request");
        }
        log.error("Unexpected error on {}", Web.loggablePath(request.getRequestURI()), e);
        return page(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "error.internal");
    }

    private static ModelAndView page(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                     String messageKey) throws IOException {
        if (Web.isApiRequest(request)) {
            response.sendError(status.value());
            return new ModelAndView();
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("messageKey", messageKey);
        return page;
    }
}
