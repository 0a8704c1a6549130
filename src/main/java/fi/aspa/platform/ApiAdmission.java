package fi.aspa.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code aspa.api.max-concurrent} API and Open311 requests are processed at once on a node (six per CPU core
 * by default); the others wait for their turn in arrival order, and answer 503 (problem+json, {@code Retry-After})
 * after {@code aspa.api.admission-wait}. With every request let in at once, a burst of machine clients queued for the
 * two cores everywhere at the same time (for a carrier thread, a database connection, the CPU inside PostgreSQL), each
 * queue out of order, and a few unlucky contacts waited several times over: measured at 32 clients in a closed loop,
 * the p99 fell from 82–110 to 64–69 ms and the throughput rose by a tenth (BENCHMARKS.md, session 8). Pages for
 * people are not gated.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ApiAdmission extends OncePerRequestFilter {
    private final Semaphore turns;
    private final long waitNanos;

    ApiAdmission(@Value("${aspa.api.max-concurrent:0}") int maxConcurrent,
                 @Value("${aspa.api.admission-wait:10s}") Duration wait, MeterRegistry meters) {
        int permits = maxConcurrent > 0 ? maxConcurrent : 6 * Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
        Gauge.builder("aspa.api.admission.waiting", turns, Semaphore::getQueueLength)
                .description("API requests waiting for their turn").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !Web.isApiRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }
}
