package fi.aspa.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen outside any controller (security filters, the servlet container, unknown API paths):
 * problem+json for API paths and machine clients, a localized page for people.
 */
@Controller
class ErrorPage implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    Object html(HttpServletRequest request) {
        if (Web.isApiPath(Web.failedPath(request))) return problem(request);
        HttpStatus status = status(request);
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("messageKey", switch (status) {
            case NOT_FOUND -> "error.not-found";
            case FORBIDDEN -> "error.forbidden";
            case UNAUTHORIZED -> "error.unauthorized";
            case CONTENT_TOO_LARGE -> "error.too-large";
            case TOO_MANY_REQUESTS -> "error.rate-limited";
            case METHOD_NOT_ALLOWED -> "error.method";
            case BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE -> "error.bad-request";
            default -> "error.internal";
        });
        return page;
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        String code = status.name().toLowerCase().replace('_', '-');
        ProblemDetail problem = Problems.of(status, code, status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
