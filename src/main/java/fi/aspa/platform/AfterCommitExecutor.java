package fi.aspa.platform;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads on which modules react to each other's events after commit ({@code @ApplicationModuleListener} is
 * asynchronous): a fixed pool ({@code spring.task.execution.pool.*}, four threads) with a queue. With virtual threads
 * on, Spring would otherwise start a thread per event, and under heavy intake hundreds of listeners (routing,
 * indexing, acknowledgements) waited for database connections that the requests then could not get — measured: 375
 * waiting, intake at 5 cases/s. Queued events are safe: the event publication registry holds each one until its
 * listener completes and republishes the incomplete ones at restart.
 */
@Configuration(proxyBeanMethods = false)
class AfterCommitExecutor {

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }
}
