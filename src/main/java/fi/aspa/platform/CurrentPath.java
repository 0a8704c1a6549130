package fi.aspa.platform;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What every page's layout needs for the language switch: the current path (on error pages, the one that failed) and
 * {@code languageLinks}, the same page in fi, sv and en. A page read with a query keeps it (a search, a period, the
 * customer a merge is from), so switching the language shows the same page; a page shown for a form's post, and an
 * error page, switch on the path alone. (A page an exception handler renders gets no page model: its links are
 * {@code ?lang=…}, the same path.)
 */
@Component
class CurrentPath implements PageModel {
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    @Override
    public void addTo(Page page) {
        String failed = Web.failedPath(page.request());
        String path = failed != null ? failed : Web.path(page.request());
        if (path.isEmpty()) path = "/";
        page.put("currentPath", path);
        MultiValueMap<String, String> query = failed == null && "GET".equals(page.request().getMethod())
                ? query(page.request().getQueryString()) : new LinkedMultiValueMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            // the path as requested (still encoded); the parameters encoded here
            links.put(language, page.request().getContextPath() + path + "?" + UriComponentsBuilder.newInstance()
                    .queryParams(query).replaceQueryParam("lang", language).build().encode().getQuery());
        }
        page.put("languageLinks", links);
    }

    /** The query's parameters but {@code lang}, decoded; none when it is not well-formed (a hostile or broken link). */
    private static MultiValueMap<String, String> query(String raw) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        if (raw == null || raw.isEmpty() || raw.length() > 2_000) return params;
        try {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = UriUtils.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : UriUtils.decode(pair.substring(eq + 1).replace('+', ' '), StandardCharsets.UTF_8);
                if (!name.equals("lang")) params.add(name, value);
            }
            return params;
        } catch (IllegalArgumentException e) {
            return new LinkedMultiValueMap<>();
        }
    }
}
