package fi.aspa.organization;

import fi.aspa.platform.Language;
import fi.aspa.platform.AspaException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The organization whose public pages this deployment serves (its slug in {@code aspa.public.organization}).
 * The organization's name goes into every page's header.
 */
@Component
@ControllerAdvice
public class PublicOrganization {
    private final Organizations organizations;
    private final String slug;

    PublicOrganization(Organizations organizations, @Value("${aspa.public.organization:esimerkkila}") String slug) {
        this.organizations = organizations;
        this.slug = slug;
    }

    public Organization get() {
        return organizations.findBySlug(slug).orElseThrow(() -> AspaException.notFound("Organization"));
    }

    @ModelAttribute("organizationName")
    String organizationName() {
        Locale locale = LocaleContextHolder.getLocale();
        return organizations.findBySlug(slug).map(o -> o.name().in(Language.of(locale))).orElse(null);
    }
}
