package fi.aspa.identity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The signed-in staff member's name for the page header. */
@ControllerAdvice
class StaffLayoutAdvice {

    @ModelAttribute("staffName")
    String staffName(@AuthenticationPrincipal Object principal) {
        return principal instanceof StaffPrincipal staff ? staff.user().displayName() : null;
    }
}
