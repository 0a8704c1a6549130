package fi.aspa.search;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Administrators edit their organization's synonyms per language: list, add, edit, delete, and "try it" (a query and
 * what the synonyms add to it). Every change takes effect at the next search.
 */
@Controller
@RequestMapping("/workspace/admin/synonyms")
class SynonymAdmin {
    static final int MAX_TRY = 200;
    private final SynonymStore store;
    private final SearchIndex index;
    private final MessageSource messages;

    SynonymAdmin(SynonymStore store, SearchIndex index, MessageSource messages) {
        this.store = store;
        this.index = index;
        this.messages = messages;
    }

    /** The form as typed; {@code targets} blank: the terms find each other. */
    record Form(String language, String terms, String targets) {
        static Form of(SynonymStore.Synonym s) {
            return new Form(s.language().code(), String.join(", ", s.terms()), String.join(", ", s.targets()));
        }
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q,
                @RequestParam(required = false) String qlang, Model model, Locale locale) {
        requireAdmin(me);
        model.addAttribute("synonyms", store.list(me.organizationId(), null));
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_TRY) text = text.substring(0, MAX_TRY);
        Language tryLanguage = qlang == null ? Language.of(locale) : Language.parse(qlang).orElse(Language.of(locale));
        model.addAttribute("q", text);
        model.addAttribute("qlang", tryLanguage.code());
        if (!text.isEmpty()) model.addAttribute("expansions", index.expandSynonyms(me.organizationId(), tryLanguage, text));
        model.addAttribute("languages", Language.values());
        return "search/synonyms";
    }

    @GetMapping("/new")
    String add(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        requireAdmin(me);
        return form(model, null, new Form(Language.of(locale).code(), "", ""), Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String language,
                  @RequestParam(required = false) String terms, @RequestParam(required = false) String targets,
                  Model model, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        Form form = new Form(language, terms, targets);
        Map<String, String> errors = check(form, locale);
        if (!errors.isEmpty()) return form(model, null, form, errors);
        store.add(me.organizationId(), Language.parse(language).orElseThrow(), SynonymStore.split(terms), SynonymStore.split(targets));
        index.synonymsChanged(me.organizationId());
        redirect.addFlashAttribute("saved", line(form));
        return "redirect:/workspace/admin/synonyms";
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Model model) {
        requireAdmin(me);
        SynonymStore.Synonym synonym = store.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Synonym"));
        return form(model, synonym, Form.of(synonym), Map.of());
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, @RequestParam(required = false) String language,
                  @RequestParam(required = false) String terms, @RequestParam(required = false) String targets,
                  Model model, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        SynonymStore.Synonym synonym = store.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Synonym"));
        Form form = new Form(language, terms, targets);
        Map<String, String> errors = check(form, locale);
        if (!errors.isEmpty()) return form(model, synonym, form, errors);
        store.update(me.organizationId(), id, Language.parse(language).orElseThrow(), SynonymStore.split(terms), SynonymStore.split(targets));
        index.synonymsChanged(me.organizationId());
        redirect.addFlashAttribute("saved", line(form));
        return "redirect:/workspace/admin/synonyms";
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, RedirectAttributes redirect) {
        requireAdmin(me);
        SynonymStore.Synonym synonym = store.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Synonym"));
        store.delete(me.organizationId(), id);
        index.synonymsChanged(me.organizationId());
        redirect.addFlashAttribute("deleted", synonym.line());
        return "redirect:/workspace/admin/synonyms";
    }

    private static String line(Form form) {
        List<String> targets = SynonymStore.split(form.targets());
        return String.join(", ", SynonymStore.split(form.terms())) + (targets.isEmpty() ? "" : " => " + String.join(", ", targets));
    }

    /** Errors by field id, in the order of the form. */
    Map<String, String> check(Form form, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.language() == null || Language.parse(form.language()).isEmpty()) {
            errors.put("language", msg("search.synonyms.error.language", locale));
        }
        String terms = form.terms() == null ? "" : form.terms();
        String targets = form.targets() == null ? "" : form.targets();
        List<String> termList = SynonymStore.split(terms);
        List<String> targetList = SynonymStore.split(targets);
        if (termList.isEmpty()) {
            errors.put("terms", msg("search.synonyms.error.terms-required", locale));
        } else if (terms.length() > SynonymStore.MAX_FIELD) {
            errors.put("terms", msg("search.synonyms.error.too-long", locale, SynonymStore.MAX_FIELD));
        } else if (bad(terms)) {
            errors.put("terms", msg("search.synonyms.error.characters", locale));
        } else if (targetList.isEmpty() && termList.size() < 2) {
            errors.put("terms", msg("search.synonyms.error.two-terms", locale));
        }
        if (targets.length() > SynonymStore.MAX_FIELD) {
            errors.put("targets", msg("search.synonyms.error.too-long", locale, SynonymStore.MAX_FIELD));
        } else if (bad(targets)) {
            errors.put("targets", msg("search.synonyms.error.characters", locale));
        }
        return errors;
    }

    /** Characters that would change the meaning of the stored line, or control characters. */
    private static boolean bad(String s) {
        return s.contains("=>") || s.contains("#") || s.chars().anyMatch(Character::isISOControl);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private String form(Model model, SynonymStore.Synonym synonym, Form form, Map<String, String> errors) {
        model.addAttribute("synonym", synonym);
        model.addAttribute("form", form);
        model.addAttribute("languages", Language.values());
        model.addAttribute("fieldErrors", errors);
        List<FieldMessage> list = new ArrayList<>();
        errors.forEach((field, message) -> list.add(new FieldMessage(field, message)));
        model.addAttribute("errors", list);
        return "search/synonym-form";
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators edit synonyms");
        }
    }
}
