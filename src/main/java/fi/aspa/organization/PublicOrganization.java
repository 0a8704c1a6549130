package fi.aspa.organization;

import fi.aspa.platform.Language;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.PageModel;
import java.util.Optional;
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
        return find().orElseThrow(() -> AspaException.notFound("Organization"));
    }

    /** The organization, when it exists yet (start-up work such as the demo data's, which has nothing to do without it). */
    public Optional<Organization> find() {
        return organizations.findBySlug(slug);
    }

    @Override
    public void addTo(Page page) {
        page.put("organizationName", organizations.findBySlug(slug).map(o -> o.name().in(Language.of(page.locale()))).orElse(null));
    }
}
