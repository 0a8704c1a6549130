package fi.aspa.knowledge;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.ConceptKind;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The editors' pages under {@code /workspace/knowledge}: the list with filters, the editor with the workflow
 * buttons the staff member may use, the version history with diffs and rollback, the fi/sv parity report, and
 * the staff reading view (internal articles too).
 */
@Controller
class EditorPages {
    private final Knowledge knowledge;
    private final Catalogue catalogue;
    private final Staff staff;
    private final MessageSource messages;
    private final Clock clock;

    EditorPages(Knowledge knowledge, Catalogue catalogue, Staff staff, MessageSource messages, Clock clock) {
        this.knowledge = knowledge;
        this.catalogue = catalogue;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * A line of the list. {@code visibility} says who may read it now (the published version's visibility for a live
     * article, else the current version's) and what publishing the current version would change that to, if anything.
     */
    record Row(UUID id, String title, String lang, ArticleStatus status, String visibility, boolean live, boolean stale,
               List<String> missing, String owner, LocalDate reviewDate) {}

    record Option(String value, String label, boolean selected) {}

    @GetMapping("/workspace/knowledge")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String stale,
                @RequestParam(required = false) String missing, @AuthenticationPrincipal StaffPrincipal me, Locale locale,
                Model model) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        ArticleStatus statusFilter = parse(ArticleStatus.class, status);
        Language missingFilter = Language.parse(missing).orElse(null);
        boolean staleOnly = "true".equals(stale);
        Map<UUID, String> names = staffNames(org);
        LocalDate today = LocalDate.now(clock);
        List<Row> rows = knowledge.list(org, new ArticleFilter(statusFilter, staleOnly, missingFilter)).stream()
                .map(a -> new Row(a.id(), a.current().title(language), titleLanguage(a.current(), language), a.status(),
                        visibility(a, locale), a.live(), a.stale(today), a.current().missingLanguages().stream().map(Language::code).toList(),
                        names.get(a.ownerId()), a.reviewDate()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("statuses", Arrays.stream(ArticleStatus.values())
                .map(s -> new Option(s.name(), msg("knowledge.status." + s.name(), locale), s == statusFilter)).toList());
        model.addAttribute("languages", Arrays.stream(Language.values())
                .map(l -> new Option(l.code(), msg("knowledge.language." + l.code(), locale), l == missingFilter)).toList());
        model.addAttribute("staleOnly", staleOnly);
        model.addAttribute("canReview", Editor.of(me).reviewer());
        return "knowledge/list";
    }

    @GetMapping("/workspace/knowledge/parity")
    String parity(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("gaps", knowledge.parity(me.organizationId()));
        return "knowledge/parity";
    }

    @GetMapping("/workspace/knowledge/new")
    String newArticle(@AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        ArticleDraft empty = new ArticleDraft(Map.of(), ArticleVisibility.PUBLIC, me.id(), LocalDate.now(clock).plusYears(1),
                List.of(), List.of(), null);
        return editor(me, null, Form.of(empty), new FormErrors(messages, locale), locale, model);
    }

    @PostMapping("/workspace/knowledge")
    String create(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal StaffPrincipal me,
                  Locale locale, Model model) {
        Form form = Form.from(params);
        FormErrors errors = validate(me.organizationId(), form, locale);
        if (!errors.isEmpty()) return editor(me, null, form, errors, locale, model);
        Article article = knowledge.create(me.organizationId(), Editor.of(me), form.draft());
        return "redirect:/workspace/knowledge/" + article.id() + "?saved";
    }

    @GetMapping("/workspace/knowledge/{id}")
    String edit(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        Article article = article(me, id);
        return editor(me, article, Form.of(article), new FormErrors(messages, locale), locale, model);
    }

    @PostMapping("/workspace/knowledge/{id}")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
                @AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        Article article = article(me, id);
        Form form = Form.from(params);
        FormErrors errors = validate(me.organizationId(), form, locale);
        if (!errors.isEmpty()) return editor(me, article, form, errors, locale, model);
        knowledge.save(me.organizationId(), id, Editor.of(me), form.draft());
        return "redirect:/workspace/knowledge/" + id + "?saved";
    }

    @PostMapping("/workspace/knowledge/{id}/transition")
    String transition(@PathVariable UUID id, @RequestParam String action, @AuthenticationPrincipal StaffPrincipal me) {
        Transition transition = parse(Transition.class, action);
        if (transition == null) throw new IllegalArgumentException("unknown action");
        knowledge.transition(me.organizationId(), id, Editor.of(me), transition);
        return "redirect:/workspace/knowledge/" + id + "?done=" + transition.name();
    }

    @GetMapping("/workspace/knowledge/{id}/history")
    String history(@PathVariable UUID id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
                   @RequestParam(name = "in", required = false) String lang, @AuthenticationPrincipal StaffPrincipal me,
                   Locale locale, Model model) {
        Article article = article(me, id);
        List<ArticleVersion> versions = knowledge.versions(me.organizationId(), id);
        int newest = versions.getFirst().number();
        int toVersion = to == null ? newest : to;
        int fromVersion = from == null ? Math.max(1, toVersion - 1) : from;
        Language pageLanguage = Language.of(locale);
        Language language = Language.parse(lang).orElseGet(() -> article.current().texts().containsKey(pageLanguage)
                ? pageLanguage : article.current().texts().keySet().stream().findFirst().orElse(pageLanguage));
        Map<UUID, String> names = staffNames(me.organizationId());
        model.addAttribute("article", article);
        model.addAttribute("title", article.current().title(Language.of(locale)));
        model.addAttribute("versions", versions);
        model.addAttribute("savedAt", versions.stream().collect(Collectors.toMap(ArticleVersion::number,
                v -> DateTimes.dateTime(v.createdAt(), locale))));
        model.addAttribute("authors", names);
        model.addAttribute("from", fromVersion);
        model.addAttribute("to", toVersion);
        model.addAttribute("diffLang", language.code());
        model.addAttribute("languages", Arrays.stream(Language.values())
                .map(l -> new Option(l.code(), msg("knowledge.language." + l.code(), locale), l == language)).toList());
        model.addAttribute("diff", fromVersion == toVersion ? List.of()
                : knowledge.diff(me.organizationId(), id, fromVersion, toVersion, language));
        ArticleVersion fromV = versions.stream().filter(v -> v.number() == fromVersion).findFirst().orElse(null);
        ArticleVersion toV = versions.stream().filter(v -> v.number() == toVersion).findFirst().orElse(null);
        boolean both = fromV != null && toV != null;
        model.addAttribute("visibilityChange", both && fromV.visibility() != toV.visibility()
                ? msg("knowledge.history.visibility-change", locale, label(fromV.visibility(), locale), label(toV.visibility(), locale)) : null);
        model.addAttribute("servicesChange", both && toV.servicesDiffer(fromV) ? msg("knowledge.history.services-change", locale,
                changes(fromV.serviceIds(), toV.serviceIds(), serviceNames(me.organizationId(), Language.of(locale)), locale)) : null);
        model.addAttribute("lifeEventsChange", both && toV.lifeEventsDiffer(fromV) ? msg("knowledge.history.life-events-change", locale,
                changes(fromV.lifeEvents(), toV.lifeEvents(), lifeEventNames(me.organizationId(), Language.of(locale)), locale)) : null);
        return "knowledge/history";
    }

    @PostMapping("/workspace/knowledge/{id}/rollback")
    String rollback(@PathVariable UUID id, @RequestParam int version, @AuthenticationPrincipal StaffPrincipal me) {
        knowledge.rollback(me.organizationId(), id, Editor.of(me), version);
        return "redirect:/workspace/knowledge/" + id + "?rolledBack=" + version;
    }

    @GetMapping("/workspace/knowledge/read/{id}")
    String read(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal me, Locale locale, Model model) {
        PublishedArticle article = knowledge.published(me.organizationId(), id, java.util.Set.of(ArticleVisibility.values()))
                .orElseThrow(() -> AspaException.notFound("Article"));
        Language language = Language.of(locale);
        HelpPages.readingModel(knowledge, article, language, model);
        model.addAttribute("internal", article.visibility() == ArticleVisibility.INTERNAL);
        return "knowledge/read";
    }

    // ---- the editor

    private String editor(StaffPrincipal me, Article article, Form form, FormErrors errors, Locale locale, Model model) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Editor editor = Editor.of(me);
        model.addAttribute("article", article);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.getSummary());
        model.addAttribute("fieldErrors", errors.getSummary().stream()
                .collect(Collectors.toMap(fi.aspa.platform.FieldMessage::field, fi.aspa.platform.FieldMessage::message, (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("languageCodes", Arrays.stream(Language.values()).map(Language::code).toList());
        model.addAttribute("languageNames", Arrays.stream(Language.values())
                .collect(Collectors.toMap(Language::code, l -> msg("knowledge.language." + l.code(), locale))));
        model.addAttribute("owners", staff.inOrganization(org).stream().sorted(Comparator.comparing(StaffUser::displayName))
                .map(s -> new Option(s.id().toString(), s.displayName(), s.id().toString().equals(form.owner()))).toList());
        List<CatalogueService> services = catalogue.list(org);
        model.addAttribute("services", services.stream()
                .map(s -> new Option(s.id().toString(), s.name().in(language), form.services().contains(s.id().toString())))
                .sorted(Comparator.comparing(Option::label)).toList());
        model.addAttribute("lifeEvents", catalogue.concepts(org, ConceptKind.LIFE_EVENT).stream()
                .map(c -> new Option(c.concept().uri(), c.concept().label().in(language), form.lifeEvents().contains(c.concept().uri())))
                .sorted(Comparator.comparing(Option::label)).toList());
        if (article != null) {
            model.addAttribute("title", article.current().title(language));
            model.addAttribute("missing", article.current().missingLanguages().stream()
                    .map(l -> msg("knowledge.language." + l.code(), locale)).toList());
            model.addAttribute("stale", article.stale(LocalDate.now(clock)));
            List<Option> actions = new ArrayList<>();
            for (Transition t : Transition.values()) {
                if (t.allowedFrom(article.status()) && (!t.reviewerOnly() || editor.reviewer())) {
                    actions.add(new Option(t.name(), msg("knowledge.action." + t.name(), locale), false));
                }
            }
            model.addAttribute("actions", actions);
            model.addAttribute("visibilityChange", article.visibilityChangePending()
                    ? msg("knowledge.edit.visibility-change", locale, label(article.publishedVisibility(), locale),
                            label(article.visibility(), locale)) : null);
            // the links the reviewer's publication would change (what the help pages, search and chatbot show it under)
            model.addAttribute("servicesChange", article.servicesChangePending() ? msg("knowledge.edit.services-change", locale,
                    changes(article.published().serviceIds(), article.serviceIds(), serviceNames(org, language), locale)) : null);
            model.addAttribute("lifeEventsChange", article.lifeEventsChangePending() ? msg("knowledge.edit.life-events-change", locale,
                    changes(article.published().lifeEvents(), article.lifeEvents(), lifeEventNames(org, language), locale)) : null);
            model.addAttribute("awaitsReviewer", article.status() == ArticleStatus.IN_REVIEW && !editor.reviewer());
            model.addAttribute("ownerName", staffNames(org).get(article.ownerId()));
        }
        return "knowledge/edit";
    }

    private FormErrors validate(OrganizationId org, Form form, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        if (form.visibilityValue() == null) errors.add("visibility", "knowledge.error.visibility");
        if (form.reviewDateInvalid()) errors.add("reviewDate", "knowledge.error.review-date");
        if (form.owner() != null && !form.owner().isBlank()) {
            Optional<UUID> owner = uuid(form.owner());
            if (owner.isEmpty() || staff.find(org, owner.get()).isEmpty()) errors.add("owner", "knowledge.error.owner");
        }
        for (String s : form.services()) {
            if (uuid(s).flatMap(id -> catalogue.find(org, id)).isEmpty()) errors.add("services", "knowledge.error.service");
        }
        java.util.Set<String> knownEvents = catalogue.concepts(org, ConceptKind.LIFE_EVENT).stream()
                .map(c -> c.concept().uri()).collect(Collectors.toSet());
        if (!knownEvents.containsAll(form.lifeEvents())) errors.add("lifeEvents", "knowledge.error.life-event");
        KnowledgeStore.problems(form.draftUnchecked()).forEach(errors::add);
        return errors;
    }

    private Article article(StaffPrincipal me, UUID id) {
        return knowledge.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Article"));
    }

    private Map<UUID, String> staffNames(OrganizationId org) {
        return staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName));
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /** "adds A, B; removes C": what changes from one list of links to another, by name (a name unknown here by its id). */
    private <T> String changes(List<T> before, List<T> after, Map<T, String> names, Locale locale) {
        Function<List<T>, String> named = links -> links.stream().map(l -> names.getOrDefault(l, String.valueOf(l))).sorted()
                .collect(Collectors.joining(", "));
        List<T> added = after.stream().filter(l -> !before.contains(l)).toList();
        List<T> removed = before.stream().filter(l -> !after.contains(l)).toList();
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) parts.add(msg("knowledge.change.added", locale, named.apply(added)));
        if (!removed.isEmpty()) parts.add(msg("knowledge.change.removed", locale, named.apply(removed)));
        return String.join("; ", parts);
    }

    private Map<UUID, String> serviceNames(OrganizationId org, Language language) {
        return catalogue.list(org).stream().collect(Collectors.toMap(CatalogueService::id, s -> s.name().in(language), (a, b) -> a));
    }

    private Map<String, String> lifeEventNames(OrganizationId org, Language language) {
        return catalogue.concepts(org, ConceptKind.LIFE_EVENT).stream()
                .collect(Collectors.toMap(c -> c.concept().uri(), c -> c.concept().label().in(language), (a, b) -> a));
    }

    private String visibility(Article article, Locale locale) {
        if (!article.live()) return label(article.visibility(), locale);
        if (!article.visibilityChangePending()) return label(article.publishedVisibility(), locale);
        return msg("knowledge.list.visibility-change", locale, label(article.publishedVisibility(), locale),
                label(article.visibility(), locale));
    }

    private String label(ArticleVisibility visibility, Locale locale) {
        return msg("knowledge.visibility." + visibility.name(), locale);
    }

    static String titleLanguage(ArticleVersion version, Language language) {
        if (version.text(language).isComplete()) return language.code();
        for (Language l : Language.values()) if (!version.text(l).title().isEmpty()) return l.code();
        return language.code();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The editor form as typed, so that it can be shown again with its errors. */
    record Form(Map<String, String> titles, Map<String, String> bodies, String visibility, String reviewDate, String owner,
                List<String> services, List<String> lifeEvents, String note) {

        static Form of(ArticleDraft draft) {
            Map<String, String> titles = new LinkedHashMap<>();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (Language l : Language.values()) {
                ArticleText t = draft.texts().getOrDefault(l, new ArticleText("", ""));
                titles.put(l.code(), t.title());
                bodies.put(l.code(), t.body());
            }
            return new Form(titles, bodies, draft.visibility().name(), draft.reviewDate() == null ? "" : draft.reviewDate().toString(),
                    draft.ownerId() == null ? "" : draft.ownerId().toString(),
                    draft.serviceIds().stream().map(UUID::toString).toList(), draft.lifeEvents(), "");
        }

        static Form of(Article article) {
            return of(new ArticleDraft(article.current().texts(), article.visibility(), article.ownerId(), article.reviewDate(),
                    article.serviceIds(), article.lifeEvents(), null));
        }

        static Form from(MultiValueMap<String, String> params) {
            Function<String, String> one = name -> Optional.ofNullable(params.getFirst(name)).orElse("");
            Map<String, String> titles = new LinkedHashMap<>();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (Language l : Language.values()) {
                titles.put(l.code(), one.apply("title-" + l.code()));
                bodies.put(l.code(), one.apply("body-" + l.code()));
            }
            return new Form(titles, bodies, one.apply("visibility"), one.apply("reviewDate"), one.apply("owner"),
                    Optional.ofNullable(params.get("services")).orElse(List.of()).stream().filter(s -> !s.isBlank()).distinct().toList(),
                    Optional.ofNullable(params.get("lifeEvents")).orElse(List.of()).stream().filter(s -> !s.isBlank()).distinct().toList(),
                    one.apply("note"));
        }

        ArticleVisibility visibilityValue() {
            return parse(ArticleVisibility.class, visibility);
        }

        boolean reviewDateInvalid() {
            if (reviewDate == null || reviewDate.isBlank()) return false;
            try {
                LocalDate.parse(reviewDate.trim());
                return false;
            } catch (DateTimeParseException e) {
                return true;
            }
        }

        ArticleDraft draftUnchecked() {
            Map<Language, ArticleText> texts = new EnumMap<>(Language.class);
            for (Language l : Language.values()) texts.put(l, new ArticleText(titles.get(l.code()), bodies.get(l.code())));
            LocalDate review = reviewDate == null || reviewDate.isBlank() || reviewDateInvalid() ? null : LocalDate.parse(reviewDate.trim());
            return new ArticleDraft(texts, visibilityValue(), owner == null || owner.isBlank() ? null : uuid(owner).orElse(null), review,
                    services.stream().map(EditorPages::uuid).flatMap(Optional::stream).toList(), lifeEvents, note);
        }

        ArticleDraft draft() {
            return draftUnchecked();
        }
    }
}
