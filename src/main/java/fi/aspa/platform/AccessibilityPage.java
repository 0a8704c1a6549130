package fi.aspa.platform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The accessibility statement required of Finnish public services (Act on the Provision of Digital Services). */
@Controller
class AccessibilityPage {

    @GetMapping("/accessibility")
    String statement() {
        return "accessibility";
    }
}
