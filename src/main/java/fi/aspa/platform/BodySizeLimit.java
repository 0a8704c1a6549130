package fi.aspa.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps non-multipart request bodies (JSON, forms). A declared length over the cap is refused before reading
 * (413); a chunked body is cut off where it crosses the cap with {@link TooLarge}, which the API answers as 413
 * too. Multipart uploads have their own limits ({@code spring.servlet.multipart.*}); an endpoint a module declares
 * as a {@link LargerBody} has its own cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit extends OncePerRequestFilter {
    private final long maxBytes;
    private final Map<String, Long> larger = new HashMap<>();

    BodySizeLimit(@Value("${aspa.web.max-body-size:1MB}") DataSize maxBody, ObjectProvider<LargerBody> largerBodies) {
        this.maxBytes = maxBody.toBytes();
        largerBodies.orderedStream().forEach(b -> larger.put(b.method().toUpperCase(Locale.ROOT) + " " + b.path(), b.max().toBytes()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long max = larger.isEmpty() ? maxBytes : larger.getOrDefault(request.getMethod() + " " + Web.path(request), maxBytes);
        if (request.getContentLengthLong() > max) {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        chain.doFilter(new Capped(request, max), response);
    }

    /** The body crossed the cap while it was being read. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("Request body exceeds " + max + " bytes");
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CappedStream(super.getInputStream(), max);
            return stream;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        CappedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) throw new TooLarge(max);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
