package fi.aspa.organization;

import fi.aspa.platform.Language;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.PageModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organization whose public pages this deployment serves (its slug in {@code aspa.public.organization}).
 * The organization's name goes into every page's header.
 */
@Component
public class PublicOrganization implements PageModel {
    private final Organizations organizations;
    private final String slug;

    PublicOrganization(Organizations organizations, @Value("${aspa.public.organization:esimerkkila}") String slug) {
        this.organizations = organizations;
        this.slug = slug;
    }

    public Organization get() {
        return organizations.findBySlug(slug).orElseThrow(() -> AspaException.notFound("Organization"));
    }

    @Override
    public void addTo(Page page) {
        page.put("organizationName", organizations.findBySlug(slug).map(o -> o.name().in(Language.of(page.locale()))).orElse(null));
    }
}
