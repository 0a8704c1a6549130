package fi.aspa.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One injectable clock; business time is Europe/Helsinki. Tests replace it. */
@Configuration(proxyBeanMethods = false)
class Clocks {
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(HELSINKI);
    }
}
