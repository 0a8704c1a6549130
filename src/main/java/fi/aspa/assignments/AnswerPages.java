package fi.aspa.assignments;

import fi.aspa.assignments.AssignmentStore.Answer;
import fi.aspa.assignments.AssignmentStore.Kind;
import fi.aspa.assignments.AssignmentStore.Question;
import fi.aspa.assignments.AssignmentStore.Saved;
import fi.aspa.assignments.AssignmentStore.Summary;
import fi.aspa.assignments.AssignmentStore.Task;
import fi.aspa.assignments.AssignmentStore.UnitState;
import fi.aspa.assignments.AssignmentStore.UnitTask;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The units' side: {@code /workspace/assignments} lists the signed-in person's unit's tasks that have opened (not
 * submitted first, each with its due date and state, overdue said in words by the injected clock's Helsinki date) and,
 * for administrators, every task of the organization. A unit answers as a group at
 * {@code /workspace/assignments/{id}/answer}: anyone of the unit edits the draft (one text per question; who last
 * edited it and when is shown), the unit manager (or an administrator, for any unit the task went to: {@code ?unit=})
 * submits it, and may reopen it until the due date. A save names the version it was edited from: when a colleague saved
 * in between, nothing is overwritten, the page says who saved and shows their text beside the one kept in the form.
 * Another unit's staff and another organization get 404, a task not yet sent or opened too; submitting or reopening
 * without being the unit's manager is 403.
 */
@Controller
class AnswerPages {
    private final AssignmentStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final MessageSource messages;

    AnswerPages(AssignmentStore store, Organizations organizations, Staff staff, MessageSource messages) {
        this.store = store;
        this.organizations = organizations;
        this.staff = staff;
        this.messages = messages;
    }

    record MineRow(UUID id, String title, Kind kind, String due, String dueIso, boolean overdue, UnitState state) {}

    record AllRow(UUID id, String title, Kind kind, boolean sent, String due, String dueIso, int units, int submitted) {}

    /**
     * A question on the answer page: its text, the text in the form, (after a conflict) the text saved meanwhile, and
     * the text as stored (what a submitted answer shows).
     */
    record Field(int number, String question, String text, String saved, String stored) {}

    @GetMapping("/workspace/assignments")
    ModelAndView list(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        if (me == null) throw AspaException.forbidden("Staff only");
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        LocalDate today = store.today();
        ModelAndView page = new ModelAndView("assignments/list");
        page.addObject("admin", me.has(Role.ADMIN));
        List<MineRow> mine = new ArrayList<>();
        if (me.unitId() != null) {
            page.addObject("unitName", organizations.unit(org, me.unitId()).map(u -> u.name().in(language)).orElse(""));
            for (UnitTask t : store.forUnit(org, me.unitId())) {
                mine.add(new MineRow(t.task().id(), t.task().title().in(language), t.task().kind(),
                        DateTimes.date(t.task().due(), locale), DateTimes.iso(t.task().due()),
                        t.state() != UnitState.SUBMITTED && t.task().pastDue(today), t.state()));
            }
        }
        page.addObject("mine", mine);
        page.addObject("hasUnit", me.unitId() != null);
        if (me.has(Role.ADMIN)) {
            List<AllRow> all = new ArrayList<>();
            for (Summary s : store.all(org)) {
                all.add(new AllRow(s.task().id(), s.task().title().in(language), s.task().kind(), s.task().sent(),
                        DateTimes.date(s.task().due(), locale), DateTimes.iso(s.task().due()), s.units(), s.submitted()));
            }
            page.addObject("all", all);
        }
        return page;
    }

    @GetMapping("/workspace/assignments/{id}/answer")
    ModelAndView answer(@PathVariable String id, @RequestParam(required = false) String unit,
                        @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        Target target = target(me, id, unit);
        Optional<Answer> answer = store.answer(me.organizationId(), target.task().id(), target.unitId());
        List<String> texts = new ArrayList<>();
        for (Question q : target.questions()) texts.add(answer.map(a -> a.text(q.position())).orElse(""));
        return render(me, target, answer.orElse(null), texts, answer.map(Answer::version).orElse(0), null,
                new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/assignments/{id}/answer")
    ModelAndView save(@PathVariable String id, @RequestParam(required = false) String unit,
                      @RequestParam(required = false) String version, @RequestParam(required = false) String action,
                      @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, Locale locale,
                      RedirectAttributes redirect) {
        Target target = target(me, id, unit);
        boolean submit = "submit".equals(action);
        if (submit && !target.manager()) throw AspaException.forbidden("Only the unit manager submits the unit's answer");
        OrganizationId org = me.organizationId();
        FormErrors errors = new FormErrors(messages, locale);
        List<String> texts = new ArrayList<>();
        for (Question q : target.questions()) {
            String field = "answer-" + (q.position() + 1);
            String text = TaskPages.text(errors, field, request.getParameter(field), AssignmentStore.MAX_ANSWER, false);
            if (submit && text.isEmpty()) errors.add(field, "assignments.error.answer-required");
            texts.add(text);
        }
        Optional<Answer> current = store.answer(org, target.task().id(), target.unitId());
        // no answer yet: whatever version a broken or forged form says, this is the first one (nothing to overwrite)
        int from = current.isEmpty() ? 0 : parseVersion(version);
        if (!errors.isEmpty()) {
            return render(me, target, current.orElse(null), texts, from, null, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Saved saved = store.save(org, target.task().id(), target.unitId(), me.id(), from, texts, submit);
        if (saved instanceof Saved.Conflict conflict) {
            Answer now = conflict.current();
            String who = name(org, now.state() == UnitState.SUBMITTED ? now.submittedBy() : now.updatedBy());
            String when = DateTimes.dateTime(now.state() == UnitState.SUBMITTED ? now.submittedAt() : now.updatedAt(), locale);
            errors.add("conflict", now.state() == UnitState.SUBMITTED ? "assignments.error.submitted-meanwhile"
                    : "assignments.error.conflict", who, when);
            return render(me, target, now, texts, now.version(), now, errors, locale, HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("saved", submit ? "assignments.answer.submitted" : "assignments.answer.saved");
        return new ModelAndView("redirect:" + path(me, target));
    }

    @PostMapping("/workspace/assignments/{id}/answer/reopen")
    ModelAndView reopen(@PathVariable String id, @RequestParam(required = false) String unit,
                        @RequestParam(required = false) String version, @AuthenticationPrincipal StaffPrincipal me,
                        Locale locale, RedirectAttributes redirect) {
        Target target = target(me, id, unit);
        if (!target.manager()) throw AspaException.forbidden("Only the unit manager reopens the unit's answer");
        OrganizationId org = me.organizationId();
        Optional<Answer> current = store.answer(org, target.task().id(), target.unitId());
        FormErrors errors = new FormErrors(messages, locale);
        if (target.task().pastDue(store.today())) errors.add("reopen", "assignments.error.reopen-past-due");
        else if (!store.reopen(org, target.task().id(), target.unitId(), me.id(), parseVersion(version))) {
            errors.add("reopen", "assignments.error.reopen");
        }
        if (!errors.isEmpty()) {
            Answer answer = store.answer(org, target.task().id(), target.unitId()).orElse(current.orElse(null));
            List<String> texts = new ArrayList<>();
            for (Question q : target.questions()) texts.add(answer == null ? "" : answer.text(q.position()));
            return render(me, target, answer, texts, answer == null ? 0 : answer.version(), null, errors, locale,
                    HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("saved", "assignments.answer.reopened");
        return new ModelAndView("redirect:" + path(me, target));
    }

    // --- checks

    /** A sent, opened task of the organization and the unit whose answer is in view, with what the person may do. */
    private record Target(Task task, UUID unitId, List<Question> questions, boolean manager) {}

    /**
     * The task and the unit: for staff their own unit (another unit is 404), for an administrator the unit named (or
     * their own); the unit must be one the task was sent to, and the task open (sent, its opening date reached).
     */
    private Target target(StaffPrincipal me, String id, String unit) {
        if (me == null) throw AspaException.forbidden("Staff only");
        OrganizationId org = me.organizationId();
        UUID taskId = TaskPages.parseUuid(id);
        Task task = (taskId == null ? Optional.<Task>empty() : store.find(org, taskId))
                .filter(t -> t.open(store.today()) || (me.has(Role.ADMIN) && t.sent()))
                .orElseThrow(() -> AspaException.notFound("Assignment"));
        UUID unitId;
        if (TaskPages.blank(unit)) unitId = me.unitId();
        else {
            unitId = TaskPages.parseUuid(TaskPages.clean(unit));
            if (!me.has(Role.ADMIN) && !java.util.Objects.equals(unitId, me.unitId())) unitId = null;
        }
        UUID chosen = unitId;
        if (chosen == null || !store.units(org, task.id()).contains(chosen)) throw AspaException.notFound("Assignment");
        boolean manager = me.has(Role.ADMIN) || (me.has(Role.UNIT_MANAGER) && chosen.equals(me.unitId()));
        return new Target(task, chosen, store.questions(org, task.id()), manager);
    }

    private static int parseVersion(String version) {
        if (version == null || version.isBlank() || version.length() > 9) return -1;
        try {
            return Integer.parseInt(version.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String path(StaffPrincipal me, Target target) {
        String path = "/workspace/assignments/" + target.task().id() + "/answer";
        return target.unitId().equals(me.unitId()) ? path : path + "?unit=" + target.unitId();
    }

    // --- page

    private ModelAndView render(StaffPrincipal me, Target target, Answer answer, List<String> texts, int version,
                                Answer conflict, FormErrors errors, Locale locale, HttpStatus status) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        Task task = target.task();
        LocalDate today = store.today();
        UnitState state = answer == null ? UnitState.NOT_STARTED : answer.state();
        ModelAndView page = new ModelAndView("assignments/answer", status);
        page.addObject("errors", errors);
        page.addObject("task", task);
        page.addObject("title", task.title().in(language));
        page.addObject("instructions", task.instructions().in(language));
        page.addObject("unitName", organizations.unit(org, target.unitId()).map(u -> u.name().in(language)).orElse(""));
        page.addObject("unitParam", target.unitId().equals(me.unitId()) ? "" : target.unitId().toString());
        page.addObject("due", DateTimes.date(task.due(), locale));
        page.addObject("dueIso", DateTimes.iso(task.due()));
        page.addObject("overdue", state != UnitState.SUBMITTED && task.pastDue(today));
        page.addObject("state", state);
        page.addObject("manager", target.manager());
        page.addObject("canReopen", target.manager() && state == UnitState.SUBMITTED && !task.pastDue(today));
        // the dashboard and the survey's results are for those who lead the unit (agents get 403 there)
        page.addObject("leads", me.has(Role.UNIT_MANAGER));
        page.addObject("admin", me.has(Role.ADMIN));
        // the dashboard and the targets pages take an administrator's unit as a parameter, a manager's is their own
        page.addObject("unitOfAdmin", me.has(Role.ADMIN) ? target.unitId().toString() : "");
        page.addObject("version", version);
        if (answer != null) {
            page.addObject("updatedBy", name(org, answer.updatedBy()));
            page.addObject("updatedAt", DateTimes.dateTime(answer.updatedAt(), locale));
            page.addObject("updatedAtIso", DateTimes.iso(answer.updatedAt()));
            if (answer.submittedAt() != null) {
                page.addObject("submittedBy", name(org, answer.submittedBy()));
                page.addObject("submittedAt", DateTimes.dateTime(answer.submittedAt(), locale));
                page.addObject("submittedAtIso", DateTimes.iso(answer.submittedAt()));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < target.questions().size(); i++) {
            Question q = target.questions().get(i);
            fields.add(new Field(q.position() + 1, q.text().in(language), i < texts.size() ? texts.get(i) : "",
                    conflict == null ? null : conflict.text(q.position()), answer == null ? "" : answer.text(q.position())));
        }
        page.addObject("fields", fields);
        page.addObject("conflict", conflict != null);
        return page;
    }

    private String name(OrganizationId org, UUID staffId) {
        return staffId == null ? "" : staff.find(org, staffId).map(StaffUser::displayName).orElse("");
    }
}
