package fi.aspa.assignments;

import fi.aspa.assignments.AssignmentStore.Answer;
import fi.aspa.assignments.AssignmentStore.Change;
import fi.aspa.assignments.AssignmentStore.Draft;
import fi.aspa.assignments.AssignmentStore.Kind;
import fi.aspa.assignments.AssignmentStore.Question;
import fi.aspa.assignments.AssignmentStore.Task;
import fi.aspa.assignments.AssignmentStore.UnitState;
import fi.aspa.assignments.TaskForm.QuestionInput;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sender's side: administrators write a task ({@code /workspace/assignments/new}), edit it while it is a draft,
 * send it, and follow it ({@code /workspace/assignments/{id}}): each unit's state (not started, draft, submitted, and
 * overdue by the injected clock's Helsinki date), the counts, the submitted answers question by question side by side,
 * the history, and the answers as CSV. After sending only the title, the instructions and the due date change. Anyone
 * else is 403; another organization's task is 404. The list of tasks ({@code /workspace/assignments}) is
 * {@link AnswerPages}'.
 */
@Controller
class TaskPages {
    static final int MAX_DATE = 40;
    static final int MAX_EVENT = 40;
    static final Pattern EVENT_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{2,38}[a-z0-9]");
    static final List<String> TEXT_FIELDS = List.of("titleFi", "titleSv", "titleEn", "instructionsFi", "instructionsSv",
            "instructionsEn");

    private final AssignmentStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final MessageSource messages;

    TaskPages(AssignmentStore store, Organizations organizations, Staff staff, MessageSource messages) {
        this.store = store;
        this.organizations = organizations;
        this.staff = staff;
        this.messages = messages;
    }

    record Option(String value, String label, boolean selected) {}

    record QuestionSlot(int number, String fi, String sv, String en) {}

    record UnitRow(UUID unitId, String unit, UnitState state, boolean overdue, String by, String at, String atIso) {}

    record AnswerCell(String unit, String text) {}

    record QuestionAnswers(int number, String question, List<AnswerCell> answers) {}

    record ChangeView(String by, String at, String atIso, String what) {}

    /**
     * Only the form's own fields bind: an indexed name a browser never sends ({@code units[100000]}) is ignored instead
     * of growing the list (and failing the request).
     */
    @InitBinder("form")
    void fields(WebDataBinder binder) {
        binder.setAllowedFields("kind", "titleFi", "titleSv", "titleEn", "instructionsFi", "instructionsSv",
                "instructionsEn", "audience", "units", "opens", "due", "event");
    }

    @GetMapping("/workspace/assignments/new")
    ModelAndView create(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        requireAdmin(me);
        TaskForm form = new TaskForm();
        form.setKind(Kind.REFLECTION.name());
        form.setAudience("all");
        LocalDate today = store.today();
        form.setOpens(DateTimes.date(today, locale));
        form.setDue(DateTimes.date(today.plusDays(14), locale));
        return renderNew(me, form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/assignments")
    ModelAndView add(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute("form") TaskForm form,
                     HttpServletRequest request, Locale locale) {
        requireAdmin(me);
        form.questions(questionsFrom(request));
        FormErrors errors = new FormErrors(messages, locale);
        Draft draft = draft(me, form, null, errors, locale);
        if (!errors.isEmpty()) return renderNew(me, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        Task task = store.create(me.organizationId(), me.id(), draft);
        return new ModelAndView("redirect:/workspace/assignments/" + task.id());
    }

    @GetMapping("/workspace/assignments/{id}")
    ModelAndView task(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        requireAdmin(me);
        Task task = find(me, id);
        return renderTask(me, task, formOf(me.organizationId(), task, locale), new FormErrors(messages, locale), locale,
                HttpStatus.OK);
    }

    @PostMapping("/workspace/assignments/{id}")
    ModelAndView save(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me,
                      @ModelAttribute("form") TaskForm form, HttpServletRequest request, Locale locale,
                      RedirectAttributes redirect) {
        requireAdmin(me);
        Task task = find(me, id);
        form.questions(questionsFrom(request));
        FormErrors errors = new FormErrors(messages, locale);
        Draft draft = draft(me, form, task, errors, locale);
        if (!errors.isEmpty()) return renderTask(me, task, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        List<String> changed = store.update(me.organizationId(), task.id(), me.id(), draft)
                .orElseThrow(() -> AspaException.notFound("Assignment"));
        redirect.addFlashAttribute("saved", changed.isEmpty() ? "assignments.unchanged" : "assignments.saved");
        return new ModelAndView("redirect:/workspace/assignments/" + task.id());
    }

    @PostMapping("/workspace/assignments/{id}/send")
    ModelAndView send(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale,
                      RedirectAttributes redirect) {
        requireAdmin(me);
        Task task = find(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        if (task.sent()) errors.add("send", "assignments.error.already-sent");
        else if (task.pastDue(store.today())) errors.add("send", "assignments.error.send-past-due");
        else if (!task.allUnits() && store.units(me.organizationId(), task.id()).isEmpty()) {
            errors.add("send", "assignments.error.units");
        }
        if (!errors.isEmpty()) {
            return renderTask(me, task, formOf(me.organizationId(), task, locale), errors, locale, HttpStatus.CONFLICT);
        }
        if (!store.send(me.organizationId(), task.id(), me.id())) throw AspaException.notFound("Assignment");
        redirect.addFlashAttribute("saved", "assignments.sent");
        return new ModelAndView("redirect:/workspace/assignments/" + task.id());
    }

    /** The submitted answers, one row per unit and question (formula-safe through {@link Csv}). */
    @GetMapping("/workspace/assignments/{id}/answers.csv")
    ResponseEntity<byte[]> csv(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        requireAdmin(me);
        Task task = find(me, id);
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Map<UUID, String> unitNames = unitNames(org, language);
        Map<UUID, String> names = names(org);
        List<Question> questions = store.questions(org, task.id());
        Map<UUID, Answer> answers = store.answers(org, task.id());
        List<List<?>> rows = new ArrayList<>();
        answers.values().stream().filter(a -> a.state() == UnitState.SUBMITTED)
                .sorted(Comparator.comparing((Answer a) -> unitNames.getOrDefault(a.unitId(), "")))
                .forEach(a -> questions.forEach(q -> rows.add(List.of(unitNames.getOrDefault(a.unitId(), ""),
                        q.position() + 1, q.text().in(language), a.text(q.position()),
                        names.getOrDefault(a.submittedBy(), ""), DateTimes.iso(a.submittedAt())))));
        List<String> header = Stream.of("unit", "number", "question", "answer", "submitted-by", "submitted-at")
                .map(k -> text("assignments.csv." + k, locale)).toList();
        return Csv.download("assignment-" + task.id() + ".csv", header, rows.stream());
    }

    // --- checks

    static void requireAdmin(StaffPrincipal me) {
        if (me == null || !me.has(Role.ADMIN)) throw AspaException.forbidden("Only administrators send and follow tasks");
    }

    private Task find(StaffPrincipal me, String id) {
        UUID uuid = parseUuid(id);
        return (uuid == null ? java.util.Optional.<Task>empty() : store.find(me.organizationId(), uuid))
                .orElseThrow(() -> AspaException.notFound("Assignment"));
    }

    /** The form's fields checked, each error beside its field; for a sent task only the title, instructions and due date. */
    private Draft draft(StaffPrincipal me, TaskForm form, Task existing, FormErrors errors, Locale locale) {
        boolean sent = existing != null && existing.sent();
        LocalizedText title = new LocalizedText(
                text(errors, "titleFi", form.getTitleFi(), AssignmentStore.MAX_TITLE, true),
                text(errors, "titleSv", form.getTitleSv(), AssignmentStore.MAX_TITLE, true),
                text(errors, "titleEn", form.getTitleEn(), AssignmentStore.MAX_TITLE, false));
        LocalizedText instructions = new LocalizedText(
                text(errors, "instructionsFi", form.getInstructionsFi(), AssignmentStore.MAX_INSTRUCTIONS, true),
                text(errors, "instructionsSv", form.getInstructionsSv(), AssignmentStore.MAX_INSTRUCTIONS, true),
                text(errors, "instructionsEn", form.getInstructionsEn(), AssignmentStore.MAX_INSTRUCTIONS, false));
        String example = DateTimes.date(store.today().plusDays(14), locale);
        LocalDate due = date(errors, "due", form.getDue(), example, locale);
        if (sent) {
            if (due != null && due.isBefore(existing.opens())) {
                errors.add("due", "assignments.error.due-before-opens", DateTimes.date(existing.opens(), locale));
            }
            return new Draft(existing.kind(), title, instructions, List.of(), existing.allUnits(), List.of(),
                    existing.opens(), due, existing.eventCode());
        }
        Kind kind = Kind.parse(clean(form.getKind())).orElse(null);
        if (kind == null) errors.add("kind-" + Kind.PRE_ASSIGNMENT.name(), "assignments.error.kind");

        List<LocalizedText> questions = new ArrayList<>();
        List<QuestionInput> inputs = form.questions();
        for (int i = 0; i < inputs.size(); i++) {
            QuestionInput q = inputs.get(i);
            if (q.blank()) continue;
            String prefix = "question-" + (i + 1) + "-";
            questions.add(new LocalizedText(text(errors, prefix + "fi", q.fi(), AssignmentStore.MAX_QUESTION, true),
                    text(errors, prefix + "sv", q.sv(), AssignmentStore.MAX_QUESTION, true),
                    text(errors, prefix + "en", q.en(), AssignmentStore.MAX_QUESTION, false)));
        }
        if (questions.isEmpty()) errors.add("question-1-fi", "assignments.error.questions");

        boolean all = !"chosen".equals(clean(form.getAudience()));
        List<UUID> units = new ArrayList<>();
        if (!all) {
            Set<UUID> ours = organizations.units(me.organizationId()).stream().map(Unit::id).collect(Collectors.toSet());
            Set<UUID> chosen = new LinkedHashSet<>();
            boolean unknown = false;
            for (String value : form.getUnits()) {
                UUID unit = parseUuid(clean(value));
                if (unit == null || !ours.contains(unit)) unknown = true;
                else chosen.add(unit);
            }
            if (unknown || chosen.isEmpty()) errors.add("audience-chosen", "assignments.error.units");
            units.addAll(chosen);
        } else if (!"all".equals(clean(form.getAudience()))) {
            errors.add("audience-all", "assignments.error.audience");
        }
        LocalDate opens = date(errors, "opens", form.getOpens(), DateTimes.date(store.today(), locale), locale);
        if (opens != null && due != null && due.isBefore(opens)) {
            errors.add("due", "assignments.error.due-before-opens", DateTimes.date(opens, locale));
        }
        String event = clean(form.getEvent()).toLowerCase(Locale.ROOT);
        if (event.isEmpty()) event = null;
        else if (event.length() > MAX_EVENT || !EVENT_CODE.matcher(event).matches()) {
            errors.add("event", "assignments.error.event");
            event = null;
        }
        return new Draft(kind, title, instructions, questions, all, units, opens, due, event);
    }

    private LocalDate date(FormErrors errors, String field, String value, String example, Locale locale) {
        String typed = clean(value);
        LocalDate day = typed.isEmpty() || typed.length() > MAX_DATE ? null : DateTimes.parseDate(typed, locale);
        if (day == null || day.getYear() < 2000 || day.getYear() > 2100) {
            errors.add(field, "assignments.error.date", example);
            return null;
        }
        return day;
    }

    /** Free text, stripped: required or not, at most {@code max} characters, and readable (bytes that were not UTF-8 become U+FFFD). */
    static String text(FormErrors errors, String field, String value, int max, boolean required) {
        String text = clean(value);
        if (text.isEmpty()) {
            if (required) errors.add(field, "assignments.error.required");
        } else if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\u0000') >= 0) {
            errors.add(field, "assignments.error.encoding");
        } else if (text.length() > max) {
            errors.add(field, "assignments.error.too-long", String.valueOf(max), String.valueOf(text.length()));
        }
        return text;
    }

    private static List<QuestionInput> questionsFrom(HttpServletRequest request) {
        List<QuestionInput> questions = new ArrayList<>();
        for (int i = 1; i <= AssignmentStore.MAX_QUESTIONS; i++) {
            String prefix = "question-" + i + "-";
            questions.add(new QuestionInput(request.getParameter(prefix + "fi"), request.getParameter(prefix + "sv"),
                    request.getParameter(prefix + "en")));
        }
        return questions;
    }

    private TaskForm formOf(OrganizationId org, Task task, Locale locale) {
        TaskForm form = new TaskForm();
        form.setKind(task.kind().name());
        form.setTitleFi(task.title().fi());
        form.setTitleSv(task.title().sv());
        form.setTitleEn(task.title().en() == null ? "" : task.title().en());
        form.setInstructionsFi(task.instructions().fi());
        form.setInstructionsSv(task.instructions().sv());
        form.setInstructionsEn(task.instructions().en() == null ? "" : task.instructions().en());
        form.setAudience(task.allUnits() ? "all" : "chosen");
        form.setUnits(store.units(org, task.id()).stream().map(UUID::toString).collect(Collectors.toCollection(ArrayList::new)));
        form.setOpens(DateTimes.date(task.opens(), locale));
        form.setDue(DateTimes.date(task.due(), locale));
        form.setEvent(task.eventCode() == null ? "" : task.eventCode());
        form.questions(store.questions(org, task.id()).stream()
                .map(q -> new QuestionInput(q.text().fi(), q.text().sv(), q.text().en() == null ? "" : q.text().en()))
                .collect(Collectors.toCollection(ArrayList::new)));
        return form;
    }

    // --- pages

    private ModelAndView renderNew(StaffPrincipal me, TaskForm form, FormErrors errors, Locale locale, HttpStatus status) {
        ModelAndView page = new ModelAndView("assignments/new", status);
        page.addObject("errors", errors);
        page.addObject("limited", false);
        formModel(page, me, form, locale);
        return page;
    }

    private void formModel(ModelAndView page, StaffPrincipal me, TaskForm form, Locale locale) {
        Language language = Language.of(locale);
        page.addObject("form", form);
        page.addObject("kinds", Stream.of(Kind.values()).map(Kind::name).toList());
        Set<String> chosen = form.getUnits().stream().map(TaskPages::clean).collect(Collectors.toSet());
        page.addObject("unitOptions", units(me.organizationId(), language).stream()
                .map(u -> new Option(u.id().toString(), u.name().in(language), chosen.contains(u.id().toString()))).toList());
        // the questions written, and empty slots for two more (all ten at most); saving a draft gives more
        // (where they were typed, so that an error stays beside its question)
        List<QuestionInput> written = form.questions();
        int last = -1;
        for (int i = 0; i < written.size(); i++) if (!written.get(i).blank()) last = i;
        int slots = Math.min(AssignmentStore.MAX_QUESTIONS, Math.max(3, last + 3));
        List<QuestionSlot> questionSlots = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            QuestionInput q = i < written.size() ? written.get(i) : new QuestionInput("", "", "");
            questionSlots.add(new QuestionSlot(i + 1, nullToEmpty(q.fi()), nullToEmpty(q.sv()), nullToEmpty(q.en())));
        }
        page.addObject("questionSlots", questionSlots);
        page.addObject("dateExample", DateTimes.date(store.today().plusDays(14), locale));
        page.addObject("textFields", TEXT_FIELDS);
    }

    private ModelAndView renderTask(StaffPrincipal me, Task task, TaskForm form, FormErrors errors, Locale locale,
                                    HttpStatus status) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        LocalDate today = store.today();
        Map<UUID, String> names = names(org);
        Map<UUID, String> unitNames = unitNames(org, language);
        ModelAndView page = new ModelAndView("assignments/task", status);
        page.addObject("errors", errors);
        page.addObject("task", task);
        page.addObject("title", task.title().in(language));
        page.addObject("instructions", task.instructions().in(language));
        page.addObject("opens", DateTimes.date(task.opens(), locale));
        page.addObject("opensIso", DateTimes.iso(task.opens()));
        page.addObject("due", DateTimes.date(task.due(), locale));
        page.addObject("dueIso", DateTimes.iso(task.due()));
        page.addObject("pastDue", task.pastDue(today));
        page.addObject("notOpenYet", task.sent() && !task.open(today));
        page.addObject("createdBy", names.getOrDefault(task.createdBy(), ""));
        page.addObject("sentBy", task.sentBy() == null ? "" : names.getOrDefault(task.sentBy(), ""));
        List<Question> questions = store.questions(org, task.id());
        page.addObject("questions", questions.stream().map(q -> q.text().in(language)).toList());

        List<UUID> units = store.units(org, task.id());
        Map<UUID, Answer> answers = store.answers(org, task.id());
        List<UnitRow> rows = units.stream().map(u -> {
            Answer a = answers.get(u);
            UnitState state = a == null ? UnitState.NOT_STARTED : a.state();
            String by = a == null ? "" : names.getOrDefault(state == UnitState.SUBMITTED ? a.submittedBy() : a.updatedBy(), "");
            java.time.Instant at = a == null ? null : state == UnitState.SUBMITTED ? a.submittedAt() : a.updatedAt();
            return new UnitRow(u, unitNames.getOrDefault(u, ""), state, state != UnitState.SUBMITTED && task.pastDue(today),
                    by, at == null ? "" : DateTimes.dateTime(at, locale), at == null ? "" : DateTimes.iso(at));
        }).sorted(Comparator.comparing(UnitRow::unit)).toList();
        page.addObject("unitRows", rows);
        page.addObject("allUnitsDraft", !task.sent() && task.allUnits());
        page.addObject("countUnits", rows.size());
        page.addObject("countSubmitted", rows.stream().filter(r -> r.state() == UnitState.SUBMITTED).count());
        page.addObject("countDraft", rows.stream().filter(r -> r.state() == UnitState.DRAFT).count());
        page.addObject("countNotStarted", rows.stream().filter(r -> r.state() == UnitState.NOT_STARTED).count());
        page.addObject("countOverdue", rows.stream().filter(UnitRow::overdue).count());

        List<UnitRow> submitted = rows.stream().filter(r -> r.state() == UnitState.SUBMITTED).toList();
        page.addObject("answersByQuestion", questions.stream().map(q -> new QuestionAnswers(q.position() + 1,
                q.text().in(language), submitted.stream()
                .map(r -> new AnswerCell(r.unit(), answers.get(r.unitId()).text(q.position()))).toList())).toList());

        List<ChangeView> history = new ArrayList<>();
        for (Change c : store.changes(org, task.id())) {
            history.add(new ChangeView(names.getOrDefault(c.changedBy(), ""), DateTimes.dateTime(c.changedAt(), locale),
                    DateTimes.iso(c.changedAt()), what(c, locale)));
        }
        page.addObject("history", history.reversed());
        page.addObject("limited", task.sent());
        page.addObject("eventPath", task.eventCode() == null ? null : "/workspace/events/" + task.eventCode() + "/ask");
        formModel(page, me, form, locale);
        return page;
    }

    private String what(Change c, Locale locale) {
        if (!"EDITED".equals(c.action())) return text("assignments.history." + c.action(), locale);
        String fields = c.fields().stream().map(f -> text("assignments.changed." + f, locale)).collect(Collectors.joining(", "));
        String said = messages.getMessage("assignments.history.EDITED", new Object[] {fields}, locale);
        if (c.dueBefore() != null) {
            said += " " + messages.getMessage("assignments.history.due-before", new Object[] {DateTimes.date(c.dueBefore(), locale)}, locale);
        }
        return said;
    }

    private List<Unit> units(OrganizationId org, Language language) {
        return organizations.units(org).stream().sorted(Comparator.comparing(u -> u.name().in(language))).toList();
    }

    private Map<UUID, String> unitNames(OrganizationId org, Language language) {
        return organizations.units(org).stream().collect(Collectors.toMap(Unit::id, u -> u.name().in(language)));
    }

    private Map<UUID, String> names(OrganizationId org) {
        return staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    static UUID parseUuid(String text) {
        if (text == null || text.length() != 36) return null;
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
