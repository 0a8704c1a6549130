package fi.aspa.channels.email;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators manage their organization's mailboxes: list, add, edit, disable. Passwords are write-only:
 * the form never shows a stored one, and a blank password field on an edit keeps it.
 */
@Controller
@RequestMapping("/workspace/admin/mailboxes")
class MailboxAdmin {
    private final MailboxStore mailboxes;
    private final Organizations organizations;
    private final MessageSource messages;

    MailboxAdmin(MailboxStore mailboxes, Organizations organizations, MessageSource messages) {
        this.mailboxes = mailboxes;
        this.organizations = organizations;
        this.messages = messages;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        List<Mailbox> list = mailboxes.list(me.organizationId());
        model.addAttribute("mailboxes", list);
        model.addAttribute("unitNames", unitNames(me, locale));
        return "email/mailboxes";
    }

    @GetMapping("/new")
    String add(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        return form(me, model, locale, null, MailboxForm.defaults(), Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute MailboxForm form, Model model, Locale locale,
                  RedirectAttributes redirect) {
        requireAdmin(me);
        MailboxForm.Checked checked = form.check(true, unitIds(me), (key, args) -> messages.getMessage(key, args, locale));
        if (!checked.errors().isEmpty()) return form(me, model, locale, null, form.withoutPasswords(), checked.byField());
        try {
            mailboxes.create(me.organizationId(), checked.input());
        } catch (DuplicateKeyException e) {
            return form(me, model, locale, null, form.withoutPasswords(),
                    Map.of("fromAddress", messages.getMessage("email.admin.error.address-taken", null, locale)));
        }
        redirect.addFlashAttribute("saved", checked.input().name());
        return "redirect:/workspace/admin/mailboxes";
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Model model, Locale locale) {
        requireAdmin(me);
        Mailbox mailbox = mailboxes.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Mailbox"));
        return form(me, model, locale, mailbox, MailboxForm.of(mailbox), Map.of());
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, @ModelAttribute MailboxForm form,
                  Model model, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        Mailbox mailbox = mailboxes.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Mailbox"));
        MailboxForm.Checked checked = form.check(false, unitIds(me), (key, args) -> messages.getMessage(key, args, locale));
        if (!checked.errors().isEmpty()) return form(me, model, locale, mailbox, form.withoutPasswords(), checked.byField());
        try {
            mailboxes.update(me.organizationId(), id, checked.input());
        } catch (DuplicateKeyException e) {
            return form(me, model, locale, mailbox, form.withoutPasswords(),
                    Map.of("fromAddress", messages.getMessage("email.admin.error.address-taken", null, locale)));
        }
        redirect.addFlashAttribute("saved", checked.input().name());
        return "redirect:/workspace/admin/mailboxes";
    }

    @PostMapping("/{id}/enabled")
    String enable(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, @RequestParam boolean enabled,
                  RedirectAttributes redirect) {
        requireAdmin(me);
        Mailbox mailbox = mailboxes.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Mailbox"));
        mailboxes.setEnabled(me.organizationId(), id, enabled);
        redirect.addFlashAttribute(enabled ? "enabled" : "disabled", mailbox.name());
        return "redirect:/workspace/admin/mailboxes";
    }

    private String form(StaffPrincipal me, Model model, Locale locale, Mailbox mailbox, MailboxForm form,
                        Map<String, String> errors) {
        model.addAttribute("mailbox", mailbox);
        model.addAttribute("form", form);
        model.addAttribute("units", unitNames(me, locale));
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("errors", errors.entrySet().stream()
                .map(e -> new fi.aspa.platform.FieldMessage(e.getKey(), e.getValue())).toList());
        return "email/mailbox-form";
    }

    private Map<UUID, String> unitNames(StaffPrincipal me, Locale locale) {
        Language language = Language.of(locale);
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Unit unit : organizations.units(me.organizationId())) names.put(unit.id(), unit.name().in(language));
        return names;
    }

    private List<UUID> unitIds(StaffPrincipal me) {
        return organizations.units(me.organizationId()).stream().map(Unit::id).toList();
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators manage mailboxes");
        }
    }
}
