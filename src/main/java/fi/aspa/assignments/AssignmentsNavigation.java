package fi.aspa.assignments;

import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.PageModel;
import fi.aspa.platform.Web;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The count beside "Tasks" in the workspace navigation: the signed-in person's unit's opened tasks that it has not
 * submitted, with one query ({@link AssignmentStore#openCount}); nothing outside the workspace, for htmx partials
 * (which have no navigation), or when the count is zero.
 */
@Component
class AssignmentsNavigation implements PageModel {
    private final AssignmentStore store;

    AssignmentsNavigation(AssignmentStore store) {
        this.store = store;
    }

    @Override
    public void addTo(Page page) {
        if (!(page.principal() instanceof StaffPrincipal me)) return;
        page.put("assignmentsOpen", count(me, page.request()));
    }

    Integer count(StaffPrincipal me, HttpServletRequest request) {
        if (me.unitId() == null || !Web.path(request).startsWith("/workspace")) return null;
        if ("true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"))) return null;
        int count = store.openCount(me.organizationId(), me.unitId());
        return count > 0 ? count : null;
    }
}
