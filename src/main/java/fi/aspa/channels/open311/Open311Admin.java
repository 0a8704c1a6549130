package fi.aspa.channels.open311;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FieldMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Administrators create and revoke their organization's Open311 API keys; a new key is shown once. */
@Controller
@RequestMapping("/workspace/admin/open311")
class Open311Admin {
    static final int MAX_NAME = 100;

    private final Open311Keys keys;
    private final MessageSource messages;

    Open311Admin(Open311Keys keys, MessageSource messages) {
        this.keys = keys;
        this.messages = messages;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletRequest request) {
        requireAdmin(me);
        return render(me, model, request, "", Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(defaultValue = "") String name, Model model,
                  Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
        requireAdmin(me);
        String n = name.strip();
        String error = n.isEmpty() ? "open311.admin.error.name-required"
                : n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl) ? "open311.admin.error.name-too-long" : null;
        if (error != null) {
            return render(me, model, request, name, Map.of("name", messages.getMessage(error, null, locale)));
        }
        String key = keys.issue(me.organizationId(), n);
        redirect.addFlashAttribute("createdName", n);
        redirect.addFlashAttribute("createdKey", key);
        return "redirect:/workspace/admin/open311";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, RedirectAttributes redirect) {
        requireAdmin(me);
        Open311Keys.Key key = keys.list(me.organizationId()).stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> AspaException.notFound("Key"));
        keys.revoke(me.organizationId(), id);
        redirect.addFlashAttribute("revokedName", key.name());
        return "redirect:/workspace/admin/open311";
    }

    private String render(StaffPrincipal me, Model model, HttpServletRequest request, String name, Map<String, String> errors) {
        List<Open311Keys.Key> list = keys.list(me.organizationId());
        model.addAttribute("keys", list);
        model.addAttribute("name", name);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("errors", errors.entrySet().stream().map(e -> new FieldMessage(e.getKey(), e.getValue())).toList());
        model.addAttribute("endpoint", ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + "/open311/v2/");
        return "open311/keys";
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators manage Open311 keys");
        }
    }
}
