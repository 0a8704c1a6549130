package fi.aspa.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * UI texts: every module keeps its own bundle {@code i18n/<area>_{fi,sv,en}.properties} beside an empty base
 * {@code i18n/<area>.properties}; every base file on the classpath is picked up, so a new module adds a bundle
 * without touching shared configuration. A missing key is never masked by a fallback language.
 */
@Configuration(proxyBeanMethods = false)
public class MessagesConfig {

    /** The bundles' base names, e.g. {@code i18n/common}. */
    public static List<String> bundleNames() {
        try {
            Resource[] bases = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties");
            return Arrays.stream(bases).map(Resource::getFilename).filter(Objects::nonNull)
                    .filter(name -> !name.matches(".*_[a-z]{2}\\.properties"))
                    .map(name -> "i18n/" + name.substring(0, name.length() - ".properties".length()))
                    .sorted().distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(bundleNames().toArray(String[]::new));
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        return source;
    }
}
