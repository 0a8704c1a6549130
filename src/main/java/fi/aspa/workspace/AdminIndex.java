package fi.aspa.workspace;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.PageModel;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /workspace/admin}: the administrators' way to the settings pages each module keeps under
 * {@code /workspace/admin/…}, with a line on what each is for; "Administration" in the workspace navigation, for
 * administrators only.
 */
@Controller
class AdminIndex {
    /** A settings page: its path and the key of its name ({@code key}) and of its description ({@code key.hint}). */
    record Section(String path, String key) {}

    static final List<Section> SECTIONS = List.of(
            new Section("/workspace/admin/catalogue", "workspace.admin.catalogue"),
            new Section("/workspace/admin/routing", "workspace.admin.routing"),
            new Section("/workspace/admin/sla", "workspace.admin.sla"),
            new Section("/workspace/admin/mailboxes", "workspace.admin.mailboxes"),
            new Section("/workspace/admin/open311", "workspace.admin.open311"),
            new Section("/workspace/admin/handover", "workspace.admin.handover"),
            new Section("/workspace/admin/network", "workspace.admin.network"),
            new Section("/workspace/admin/synonyms", "workspace.admin.synonyms"),
            new Section("/workspace/admin/language-model", "workspace.admin.language-model"),
            new Section("/workspace/admin/access-log", "workspace.admin.access-log"));

    @GetMapping("/workspace/admin")
    String page(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators change the settings");
        }
        model.addAttribute("sections", SECTIONS);
        return "workspace/admin";
    }

    /** Tells the workspace navigation whether to offer the administration (administrators only). */
    @Component
    static class Navigation implements PageModel {
        @Override
        public void addTo(Page page) {
            page.put("workspaceAdmin", page.principal() instanceof StaffPrincipal staff && staff.has(Role.ADMIN));
        }
    }
}
