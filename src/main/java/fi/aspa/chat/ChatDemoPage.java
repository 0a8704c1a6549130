package fi.aspa.chat;

import fi.aspa.organization.PublicOrganization;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /chat/demo}: a stand-in for a municipal web page that embeds the widget with its one script tag. */
@Controller
class ChatDemoPage {
    private final PublicOrganization publicOrganization;

    ChatDemoPage(PublicOrganization publicOrganization) {
        this.publicOrganization = publicOrganization;
    }

    @GetMapping("/chat/demo")
    String demo(Model model) {
        model.addAttribute("organizationSlug", publicOrganization.get().slug());
        return "chat/demo";
    }
}
