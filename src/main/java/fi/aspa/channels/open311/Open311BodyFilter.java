package fi.aspa.channels.open311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open311 bodies are read here first, before the platform's body limits and Spring Security, so that a body that
 * is too large or cannot be parsed (a broken multipart, a form over the limit) gets the Open311 error list in the
 * requested format rather than a problem+json or an error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5) // after the character encoding filter, before BodySizeLimit and MultipartLimits
class Open311BodyFilter extends OncePerRequestFilter {
    private final long maxForm;

    Open311BodyFilter(@Value("${aspa.web.max-body-size:1MB}") DataSize maxForm) {
        this.maxForm = maxForm.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/open311/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/");
        if (!multipart && request.getContentLengthLong() > maxForm) {
            write(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + maxForm / 1024 + " kB");
            return;
        }
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            try {
                request.getParameterMap();
            } catch (RuntimeException e) {
                boolean size = isSizeLimit(e);
                write(request, response, size ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                        size ? "The request is larger than allowed" : "The request body could not be read");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String description)
            throws IOException {
        ResponseEntity<byte[]> error = Open311Format.guess(request.getRequestURI()).error(status, description);
        response.setStatus(status.value());
        response.setContentType(String.valueOf(error.getHeaders().getContentType()));
        byte[] body = error.getBody();
        response.setContentLength(body.length);
        response.setHeader("Connection", "close"); // the rest of the body is not read
        response.getOutputStream().write(body);
    }

    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || name.equals("SizeException")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
