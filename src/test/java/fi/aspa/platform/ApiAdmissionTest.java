package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** API requests take turns: a bounded number at once, the rest in arrival order, 503 after the wait; pages never wait. */
class ApiAdmissionTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void atMostTheLimitRunAtOnce() throws Exception {
        Turns turns = sixRequests(2);
        assertThat(turns.most()).isEqualTo(2);
    }

    @Test
    void theOthersFollowInArrivalOrder() throws Exception {
        Turns turns = sixRequests(1); // one at a time, so that the order of turns is the order of the chain's calls
        assertThat(turns.order()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    record Turns(int most, List<Integer> order) {}

    /** Six requests arrive one after the other while the first ones hold their turn; then all are let go. */
    private Turns sixRequests(int limit) throws Exception {
        ApiAdmission admission = new ApiAdmission(limit, Duration.ofSeconds(30), meters);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            FilterChain chain = (req, res) -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
            };
            threads.add(Thread.ofVirtual().start(() -> call(admission, api(), chain)));
            // the next one arrives once this one is running or queued
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running.get() + waiting() < i + 1 && System.nanoTime() < until) Thread.sleep(1);
        }
        assertThat(running.get()).isEqualTo(limit);
        assertThat(waiting()).isEqualTo(6.0 - limit);
        release.countDown();
        for (Thread t : threads) t.join(Duration.ofSeconds(30));
        assertThat(order).hasSize(6);
        assertThat(waiting()).isZero();
        return new Turns(most.get(), List.copyOf(order));
    }

    @Test
    void aRequestThatWaitsTooLongIsAnswered503WithRetryAfterAndPagesDoNotWait() throws Exception {
        ApiAdmission admission = new ApiAdmission(1, Duration.ofMillis(50), meters);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> call(admission, api(), (req, res) -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicInteger reached = new AtomicInteger();
        MockHttpServletResponse refused = call(admission, api(), (req, res) -> reached.incrementAndGet());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(reached.get()).isZero();

        MockHttpServletResponse page = call(admission, new MockHttpServletRequest("GET", "/workspace"), (req, res) -> reached.incrementAndGet());
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(reached.get()).isEqualTo(1);

        release.countDown();
        first.join(Duration.ofSeconds(30));
        MockHttpServletResponse later = call(admission, api(), (req, res) -> reached.incrementAndGet());
        assertThat(later.getStatus()).isEqualTo(200);
        assertThat(reached.get()).isEqualTo(2);
    }

    private double waiting() {
        return meters.get("aspa.api.admission.waiting").gauge().value();
    }

    private static MockHttpServletRequest api() {
        return new MockHttpServletRequest("POST", "/api/v1/cases");
    }

    private static MockHttpServletResponse call(ApiAdmission admission, MockHttpServletRequest request, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            admission.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
