package fi.aspa.identity;

import fi.aspa.platform.PageModel;
import org.springframework.stereotype.Component;

/** The signed-in staff member's name for the page header. */
@Component
class StaffHeader implements PageModel {

    @Override
    public void addTo(Page page) {
        if (page.principal() instanceof StaffPrincipal staff) page.put("staffName", staff.user().displayName());
    }
}
