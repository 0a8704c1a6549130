package fi.aspa.channels.webform;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The residents' front page: who serves them, how to get in touch, how a case is followed. */
@Controller
class FrontPage {

    @GetMapping("/")
    String index() {
        return "index";
    }
}
