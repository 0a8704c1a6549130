package fi.aspa.catalogue;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.Collator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators keep their organization's catalogue: the list of services, a PTV import (a JSON-lines file, with
 * the report of what was imported, updated and skipped and why) and export, and the edit of a service's names,
 * descriptions, keywords, responsible unit and Open311 code. The keywords matter beyond the page: the routing
 * classifier and the search learn from them, and both follow an edit after commit ({@link CatalogueChanged}).
 */
@Controller
@RequestMapping("/workspace/admin/catalogue")
class CatalogueAdmin {
    static final String JSON_LINES = "application/x-ndjson; charset=UTF-8";
    static final int MAX_QUERY = 200;
    static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    /** Also {@code Catalogue}: the store is needed for {@link CatalogueStore#stored}, what an edit starts from. */
    private final CatalogueStore catalogue;
    private final Organizations organizations;
    private final MessageSource messages;
    private final Clock clock;
    private final DataSize maxFile;

    CatalogueAdmin(CatalogueStore catalogue, Organizations organizations, MessageSource messages, Clock clock,
                   @Value("${spring.servlet.multipart.max-file-size:10MB}") DataSize maxFile) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.messages = messages;
        this.clock = clock;
        this.maxFile = maxFile;
    }

    /** A service in the list. */
    record Row(UUID id, ServicePages.Text name, String open311Code, ServicePages.Text unit, int keywords, boolean internal) {}

    /** A skipped line of an import: the reason in the page's language and the import's own words (English). */
    record SkippedLine(int line, String ptvId, String reason, String detail) {}

    /** One field of the edit form: its id (the error summary links to it), its parameter name, what it holds, its error. */
    record Field(String id, String name, String value, String error) {}

    /** The fields of one language. */
    record LanguageFields(String code, String label, Field name, Field summary, Field description) {}

    record Option(String value, String label, String lang) {}

    // ------------------------------------------------------------------ the list, import and export

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String q, Model model, Locale locale) {
        requireAdmin(me);
        return render(me, q, null, new FormErrors(messages, locale), model, locale);
    }

    @PostMapping("/import")
    String upload(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) MultipartFile file, Model model,
                  Locale locale) throws IOException {
        requireAdmin(me);
        FormErrors errors = new FormErrors(messages, locale);
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
            errors.add("file", "catalogue.admin.import.error.no-file");
            return render(me, null, null, errors, model, locale);
        }
        PtvUpload.Result result = PtvUpload.importFile(catalogue, me.organizationId(), file.getBytes());
        if (result.refused()) {
            switch (result.refusal()) {
                case EMPTY -> errors.add("file", "catalogue.admin.import.error.empty");
                case NOT_UTF_8 -> errors.add("file", "catalogue.admin.import.error.not-utf-8", result.line());
                case NOT_JSON_LINES -> errors.add("file", "catalogue.admin.import.error.not-json-lines");
            }
            return render(me, null, null, errors, model, locale);
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        return render(me, null, result.report(), errors, model, locale);
    }

    /** The report's page asked for again (its language switch, a reload): the list; the report was for the post. */
    @GetMapping("/import")
    String afterImport(@AuthenticationPrincipal StaffPrincipal me) {
        requireAdmin(me);
        return "redirect:/workspace/admin/catalogue";
    }

    /** Every public service in the PTV shape, as a file to download (what the import reads back). */
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffPrincipal me) {
        requireAdmin(me);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        catalogue.exportPtv(me.organizationId(), out);
        return Downloads.attachment(exportName(organizations, me.organizationId(), clock), JSON_LINES, out.toByteArray());
    }

    static String exportName(Organizations organizations, OrganizationId organization, Clock clock) {
        String slug = organizations.find(organization).map(o -> o.slug()).orElse("catalogue");
        return "ptv-" + slug + "-" + LocalDate.now(clock) + ".jsonl";
    }

    private String render(StaffPrincipal me, String q, PtvImportReport report, FormErrors errors, Model model, Locale locale) {
        Language language = Language.of(locale);
        OrganizationId org = me.organizationId();
        Map<UUID, ServicePages.Text> units = new HashMap<>();
        for (Unit u : organizations.units(org)) units.put(u.id(), ServicePages.Text.of(u.name(), language));
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) query = query.substring(0, MAX_QUERY);
        String needle = query.toLowerCase(locale);
        Collator collator = Collator.getInstance(locale);
        List<CatalogueService> all = catalogue.list(org);
        List<Row> rows = all.stream()
                .filter(s -> needle.isEmpty() || matches(s, needle, locale))
                .map(s -> new Row(s.id(), ServicePages.Text.of(s.name(), language), s.open311Code(),
                        s.unitId() == null ? null : units.get(s.unitId()), s.keywords().size(), s.internal()))
                .sorted(Comparator.comparing((Row r) -> r.name().text(), collator))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", all.size());
        model.addAttribute("q", query);
        model.addAttribute("report", report);
        if (report != null) {
            model.addAttribute("skipped", report.skipped().stream().map(s -> new SkippedLine(s.line(), s.ptvId(),
                    messages.getMessage("catalogue.admin.skip." + s.code(), null, s.code(), locale), s.reason())).toList());
        }
        model.addAttribute("errors", errors);
        model.addAttribute("maxFileMegabytes", maxFile.toMegabytes());
        return "catalogue/admin";
    }

    private static boolean matches(CatalogueService s, String needle, Locale locale) {
        for (String text : new String[]{s.name().fi(), s.name().sv(), s.name().en(), s.open311Code()}) {
            if (text != null && text.toLowerCase(locale).contains(needle)) return true;
        }
        return s.keywords().stream().anyMatch(k -> k.toLowerCase(locale).contains(needle));
    }

    // ------------------------------------------------------------------ one service

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, Model model, Locale locale) {
        requireAdmin(me);
        CatalogueService service = stored(me, id);
        return form(me, service, ServiceForm.of(service), new FormErrors(messages, locale), model, locale);
    }

    @PostMapping("/{id}")
    String save(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID id, @ModelAttribute ServiceForm form,
                Model model, Locale locale, RedirectAttributes redirect) {
        requireAdmin(me);
        OrganizationId org = me.organizationId();
        CatalogueService service = stored(me, id);
        FormErrors errors = form.check(new FormErrors(messages, locale), unit -> organizations.unit(org, unit).isPresent(),
                code -> catalogue.byOpen311Code(org, code).map(CatalogueService::id), id);
        if (!errors.isEmpty()) return form(me, service, form, errors, model, locale);
        CatalogueService saved;
        try {
            saved = catalogue.update(org, id, form.applyTo(ServiceDraft.of(service)));
        } catch (DuplicateKeyException e) { // another administrator gave the code to another service a moment ago
            errors.add("open311Code", "catalogue.admin.error.open311-taken", form.code());
            return form(me, service, form, errors, model, locale);
        }
        redirect.addFlashAttribute("saved", ServicePages.Text.of(saved.name(), Language.of(locale)).text());
        return "redirect:/workspace/admin/catalogue";
    }

    private CatalogueService stored(StaffPrincipal me, UUID id) {
        return catalogue.stored(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Service"));
    }

    private String form(StaffPrincipal me, CatalogueService service, ServiceForm form, FormErrors errors, Model model, Locale locale) {
        Language language = Language.of(locale);
        List<LanguageFields> languages = LANGUAGES.stream().map(l -> new LanguageFields(l,
                messages.getMessage("catalogue.admin.language." + l, null, locale),
                new Field("name-" + l, "name" + capital(l), form.name(l), errors.get("name-" + l)),
                new Field("summary-" + l, "summary" + capital(l), form.summary(l), errors.get("summary-" + l)),
                new Field("description-" + l, "description" + capital(l), form.description(l), errors.get("description-" + l))))
                .toList();
        model.addAttribute("service", service);
        model.addAttribute("title", ServicePages.Text.of(service.name(), language));
        model.addAttribute("languages", languages);
        model.addAttribute("keywords", new Field("keywords", "keywords", form.keywords(), errors.get("keywords")));
        model.addAttribute("unit", new Field("unitId", "unitId", form.unitId(), errors.get("unitId")));
        model.addAttribute("open311", new Field("open311Code", "open311Code", form.open311Code(), errors.get("open311Code")));
        model.addAttribute("units", organizations.units(me.organizationId()).stream().map(u -> {
            ServicePages.Text name = ServicePages.Text.of(u.name(), language);
            return new Option(u.id().toString(), name.text(), name.lang());
        }).toList());
        model.addAttribute("maxKeywords", CatalogueStore.MAX_KEYWORDS);
        model.addAttribute("maxKeyword", ServiceForm.MAX_KEYWORD);
        model.addAttribute("errors", errors);
        return "catalogue/admin-service";
    }

    private static String capital(String language) {
        return Character.toUpperCase(language.charAt(0)) + language.substring(1);
    }

    private static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) {
            throw AspaException.forbidden("Only administrators edit the service catalogue");
        }
    }
}
