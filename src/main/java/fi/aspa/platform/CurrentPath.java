package fi.aspa.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** What every page's layout needs: the current path (on error pages, the one that failed), for the language switch. */
@Component
class CurrentPath implements PageModel {

    @Override
    public void addTo(Page page) {
        HttpServletRequest request = page.request();
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original != null ? original.toString() : request.getRequestURI();
        String path = uri.substring(request.getContextPath().length());
        page.put("currentPath", path.isEmpty() ? "/" : path);
    }
}
