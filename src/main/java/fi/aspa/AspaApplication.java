package fi.aspa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Aspa: one case for every contact, whatever the channel. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Aspa", sharedModules = "platform")
public class AspaApplication {

    public static void main(String[] args) {
        SpringApplication.run(AspaApplication.class, args);
    }
}
