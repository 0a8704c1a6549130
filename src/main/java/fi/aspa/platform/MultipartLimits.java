package fi.aspa.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Multipart posts over the upload limits ({@code spring.servlet.multipart.*}) get a 413 in the person's language
 * (problem+json on API paths) instead of a 500 or a 403.
 * <p>
 * Why a filter before Spring Security: the CSRF filter reads the token with {@code getParameter}, which makes the
 * container parse the whole multipart body. When a file is over the limit the container throws there (and again
 * on every later {@code getParameter}, including the error page's), before Spring MVC could turn it into a
 * {@code MaxUploadSizeExceededException}. This filter parses first, and on failure renders the error page
 * through a forward with a request that no longer carries the broken body: a plain GET of {@code /error}.
 */
@Component
@Order(-110) // before Spring Security's filter chain (spring.security.filter.order, -100)
class MultipartLimits extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) {
            refuse(request, response, isSizeLimit(e) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status)
            throws ServletException, IOException {
        if (Web.isApiRequest(request)) {
            Problems.write(response, status, status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    status == HttpStatus.CONTENT_TOO_LARGE ? "The upload is larger than allowed" : "The multipart body could not be read");
            return;
        }
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        response.setStatus(status.value());
        request.getRequestDispatcher("/error").forward(new WithoutBody(request), response);
    }

    /** The container's size exceptions (Tomcat: FileSizeLimitExceededException, SizeLimitExceededException). */
    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || name.equals("SizeException")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** The failed request as a bodiless GET: only its query string is left to read. */
    private static final class WithoutBody extends HttpServletRequestWrapper {
        private final Map<String, String[]> query;

        WithoutBody(HttpServletRequest request) {
            super(request);
            MultiValueMap<String, String> params = UriComponentsBuilder.newInstance().query(request.getQueryString())
                    .build().getQueryParams();
            Map<String, String[]> map = new LinkedHashMap<>();
            params.forEach((k, v) -> map.put(UriUtils.decode(k, StandardCharsets.UTF_8),
                    v.stream().map(s -> s == null ? "" : UriUtils.decode(s, StandardCharsets.UTF_8)).toArray(String[]::new)));
            this.query = Collections.unmodifiableMap(map);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return empty.read();
                }

                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public String getParameter(String name) {
            String[] values = query.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return query;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = query.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public Part getPart(String name) {
            return null;
        }
    }
}
