package fi.aspa.platform;

import org.springframework.stereotype.Component;

/** What every page's layout needs: the current path (on error pages, the one that failed), for the language switch. */
@Component
class CurrentPath implements PageModel {

    @Override
    public void addTo(Page page) {
        String failed = Web.failedPath(page.request());
        String path = failed != null ? failed : Web.path(page.request());
        page.put("currentPath", path.isEmpty() ? "/" : path);
    }
}
