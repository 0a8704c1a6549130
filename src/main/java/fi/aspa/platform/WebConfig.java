package fi.aspa.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: a first visit follows the browser's Accept-Language (fi, sv, en; Finnish otherwise); the switch
 * ({@code ?lang=sv}) is remembered in a cookie.
 *
 * <p>Static files are served from their own folders only ({@code spring.web.resources.add-mappings} is off). With
 * the default {@code /**} mapping, the resource chain (on because of the version-free webjar paths) tried to
 * resolve every link of every page as a file in four classpath locations: three quarters of a queue page's CPU.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
    static final List<Locale> SUPPORTED = List.of(Language.FI.locale(), Language.SV.locale(), Language.EN.locale());

    private final ObjectProvider<PageModel> pageModels;

    WebConfig(ObjectProvider<PageModel> pageModels) {
        this.pageModels = pageModels;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("aspa-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> {
            Locale best = request.getHeader("Accept-Language") == null ? null
                    : Locale.lookup(Locale.LanguageRange.parse(safeRanges(request.getHeader("Accept-Language"))), SUPPORTED);
            return best == null ? Language.FI.locale() : best;
        });
        return resolver;
    }

    private static String safeRanges(String header) {
        try {
            Locale.LanguageRange.parse(header);
            return header;
        } catch (IllegalArgumentException malformed) {
            return "fi";
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
        registry.addResourceHandler("/chat/*.js", "/chat/*.css").addResourceLocations("classpath:/static/chat/").resourceChain(true);
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/").resourceChain(true);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLocaleOnly(change));
        registry.addInterceptor(new PageModels(pageModels.orderedStream().toList()));
    }
}
