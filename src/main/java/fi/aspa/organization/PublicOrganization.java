package fi.aspa.organization;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageModel;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Whose public pages a request is for. One platform serves several organizations (municipalities sharing it, a
 * wellbeing services county beside them): each may have a public site of its own, an address whose host is the
 * organization's ({@code aspa.public.sites}, {@code slug=https://host} pairs separated by commas), and a request to
 * that host gets that organization's front page, services, help, contact form, ideas, events and bookings. Any other
 * host, and work outside a request (the demo data at start-up), gets the default organization
 * ({@code aspa.public.organization}). The organization's name goes into every page's header.
 *
 * <p>Links to an organization's public pages from elsewhere (a mail to a resident, the workspace's link to an
 * event's page) begin with {@link #baseUrl}: the organization's site, or the deployment's own address
 * ({@code aspa.base-url}) for the default organization and any organization without a site of its own.
 */
@Component
public class PublicOrganization implements PageModel {
    private final Organizations organizations;
    private final String slug;
    private final String defaultBaseUrl;
    /** slug → the site's address without a trailing slash; host → slug. */
    private final Map<String, String> sites = new LinkedHashMap<>();
    private final Map<String, String> hosts = new HashMap<>();

    PublicOrganization(Organizations organizations, @Value("${aspa.public.organization:esimerkkila}") String slug,
                       @Value("${aspa.public.sites:}") String sites, @Value("${aspa.base-url:}") String baseUrl) {
        this.organizations = organizations;
        this.slug = slug;
        this.defaultBaseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        for (String entry : (sites == null ? "" : sites).split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            URI address = eq < 1 ? null : URI.create(entry.substring(eq + 1).strip());
            if (address == null || address.getHost() == null || address.getScheme() == null) {
                throw new IllegalArgumentException("aspa.public.sites: '" + entry.strip()
                        + "' is not slug=https://host (for example kuusamo=https://palvelu.kuusamo.fi)");
            }
            String siteSlug = entry.substring(0, eq).strip();
            this.sites.put(siteSlug, address.toString().replaceAll("/+$", ""));
            this.hosts.put(address.getHost().toLowerCase(Locale.ROOT), siteSlug);
        }
    }

    /** The organization whose public pages the current request is for: 404 when it does not exist (yet). */
    public Organization get() {
        return find().orElseThrow(() -> AspaException.notFound("Organization"));
    }

    /** The organization the current request's host is the site of, else the default one, when it exists. */
    public Optional<Organization> find() {
        return organizations.findBySlug(currentSlug());
    }

    private String currentSlug() {
        if (!hosts.isEmpty() && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String host = request.getRequest().getServerName();
            if (host != null) return hosts.getOrDefault(host.toLowerCase(Locale.ROOT), slug);
        }
        return slug;
    }

    /**
     * Where the organization's public pages are, for links from elsewhere: its site's address, else the
     * deployment's own ({@code aspa.base-url}, which may be empty: links relative to the current host).
     */
    public String baseUrl(OrganizationId organization) {
        if (sites.isEmpty()) return defaultBaseUrl;
        return organizations.find(organization).map(o -> sites.get(o.slug())).orElse(defaultBaseUrl);
    }

    /**
     * {@code publicSite}: what a staff page puts before a link to its organization's public pages: nothing when this
     * host serves them, else their site's address.
     */
    @Override
    public void addTo(Page page) {
        String current = currentSlug();
        page.put("organizationName", organizations.findBySlug(current).map(o -> o.name().in(Language.of(page.locale()))).orElse(null));
        if (page.principal() instanceof OrganizationMember member) {
            // one deployment, one site (the usual case): the links stay on this host, without asking the database
            String site = sites.isEmpty() ? null : organizations.find(member.organizationId())
                    .filter(o -> !o.slug().equals(current)).map(o -> sites.get(o.slug())).orElse(null);
            page.put("publicSite", site == null ? "" : site);
        }
    }
}
