package fi.aspa.insights;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.TargetStore.Change;
import fi.aspa.insights.TargetStore.Draft;
import fi.aspa.insights.TargetStore.Figure;
import fi.aspa.insights.TargetStore.Status;
import fi.aspa.insights.TargetStore.Target;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A unit's improvement targets, named from what its figures showed, followed and reviewed: the list
 * {@code /workspace/insights/targets} (by status, overdue ones said in words) with a form to add one, and a page per
 * target ({@code /workspace/insights/targets/{id}}) to edit it, change its status, write the review and read its
 * history. The dashboard's rule: unit managers their own unit's (another unit's list is 403, another unit's target
 * 404), administrators any unit of their organization, chosen as on the dashboard; agents 403. Another
 * organization's target is 404. Bad input is a field error in the reader's language with the form kept (400 for the
 * list's filter, 422 for a form), never a guess. No resident's personal data is here, so nothing goes to the access
 * log; the owner is a staff member.
 */
@Controller
class TargetPages {
    static final int MAX_DATE = 40;

    private final TargetStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final MessageSource messages;

    TargetPages(TargetStore store, Organizations organizations, Staff staff, MessageSource messages) {
        this.store = store;
        this.organizations = organizations;
        this.staff = staff;
        this.messages = messages;
    }

    private static final int TITLE_PREFILL = 200;

    record Row(UUID id, String title, String unit, String figure, String owner, String due, String dueIso,
               boolean overdue, String status) {}

    record ChangeView(String by, String at, String atIso, String what) {}

    record Option(String value, String label, boolean selected) {}

    /** The targets in view: one unit's, or (an administrator's choice) the whole organization's ({@code unitId} null). */
    private record Scope(UUID unitId, String unitName, List<Unit> units) {}

    @GetMapping("/workspace/insights/targets")
    ModelAndView list(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String unit,
                      @RequestParam(required = false) String status, @RequestParam(required = false) String title,
                      Locale locale) {
        InsightsPage.requireManager(me);
        FormErrors errors = new FormErrors(messages, locale);
        Scope scope = scope(me, unit, "unit", errors, locale);
        Status filter = null;
        if (!blank(status)) {
            filter = Status.parse(status).orElse(null);
            if (filter == null) errors.add("status", "insights.targets.error.status");
        }
        TargetForm form = new TargetForm();
        if (scope.unitId() != null) form.setUnit(scope.unitId().toString());
        // a target named from elsewhere (a unit's answer to a reflection task) starts with that one's title
        if (!blank(title)) form.setTitle(title.strip().substring(0, Math.min(title.strip().length(), TITLE_PREFILL)));
        return render(me, scope, filter, form, errors, locale, errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
    }

    @PostMapping("/workspace/insights/targets")
    ModelAndView add(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute("form") TargetForm form, Locale locale) {
        InsightsPage.requireManager(me);
        FormErrors errors = new FormErrors(messages, locale);
        OrganizationId org = me.organizationId();
        List<Unit> units = units(org, locale);
        UUID unitId;
        if (me.has(Role.ADMIN)) {
            UUID chosen = InsightsPage.parseUuid(clean(form.getUnit()));
            unitId = chosen != null && units.stream().anyMatch(u -> u.id().equals(chosen)) ? chosen : null;
            if (unitId == null) errors.add("target-unit", "insights.targets.error.unit");
        } else {
            if (!blank(form.getUnit()) && !me.unitId().toString().equals(clean(form.getUnit()))) throw othersUnit();
            unitId = me.unitId();
        }
        Draft draft = draft(me, form, unitId, Status.PLANNED, "", errors, locale);
        if (!errors.isEmpty()) {
            Scope scope = new Scope(unitId, unitName(units, unitId, locale), units);
            if (!me.has(Role.ADMIN)) scope = scope(me, null, "unit", errors, locale);
            return render(me, scope, null, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Target target = store.create(org, me.id(), draft);
        return new ModelAndView("redirect:/workspace/insights/targets/" + target.id());
    }

    @GetMapping("/workspace/insights/targets/{id}")
    ModelAndView target(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        InsightsPage.requireManager(me);
        Target target = visible(me, id);
        TargetForm form = new TargetForm();
        form.setTitle(target.title());
        form.setDescription(target.description());
        form.setFigure(target.figure() == null ? "" : target.figure().code);
        form.setOwner(target.ownerId() == null ? "" : target.ownerId().toString());
        form.setDue(DateTimes.date(target.due(), locale));
        form.setStatus(target.status().name());
        form.setReview(target.review());
        return renderTarget(me, target, form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/insights/targets/{id}")
    ModelAndView save(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me,
                      @ModelAttribute("form") TargetForm form, Locale locale, RedirectAttributes redirect) {
        InsightsPage.requireManager(me);
        Target target = visible(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        Status status = Status.parse(clean(form.getStatus())).orElse(null);
        String review = text(errors, "review", form.getReview(), TargetStore.MAX_TEXT, false);
        Draft draft = draft(me, form, target.unitId(), status, review, errors, locale);
        if (status == null) errors.add("status", "insights.targets.error.status");
        if (!errors.isEmpty()) return renderTarget(me, target, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        List<String> changed = store.update(me.organizationId(), target.id(), me.id(), draft)
                .orElseThrow(() -> AspaException.notFound("Improvement target"));
        redirect.addFlashAttribute("saved", changed.isEmpty() ? "insights.targets.unchanged" : "insights.targets.saved");
        return new ModelAndView("redirect:/workspace/insights/targets/" + target.id());
    }

    // --- checks

    /**
     * The unit in view: a manager's own (asking for another's is 403), or for an administrator the unit chosen (none:
     * the whole organization; one not of the organization: an error on {@code field}).
     */
    private Scope scope(StaffPrincipal me, String unit, String field, FormErrors errors, Locale locale) {
        List<Unit> units = units(me.organizationId(), locale);
        UUID unitId;
        if (me.has(Role.ADMIN)) {
            unitId = null;
            if (!blank(unit)) {
                UUID chosen = InsightsPage.parseUuid(clean(unit));
                if (chosen == null || units.stream().noneMatch(u -> u.id().equals(chosen))) errors.add(field, "insights.error.unit");
                else unitId = chosen;
            }
        } else {
            if (!blank(unit) && !me.unitId().toString().equals(clean(unit))) throw othersUnit();
            unitId = me.unitId();
        }
        return new Scope(unitId, unitName(units, unitId, locale), units);
    }

    private static AspaException othersUnit() {
        return AspaException.forbidden("Unit managers see their own unit's improvement targets only");
    }

    /** A target of the signed-in person's organization that they may see: any for an administrator, their unit's for a manager. */
    private Target visible(StaffPrincipal me, String id) {
        UUID uuid = InsightsPage.parseUuid(id);
        return (uuid == null ? java.util.Optional.<Target>empty() : store.find(me.organizationId(), uuid))
                .filter(t -> me.has(Role.ADMIN) || t.unitId().equals(me.unitId()))
                .orElseThrow(() -> AspaException.notFound("Improvement target"));
    }

    /** The form's fields checked (each error beside its field); {@code status} null when it was not one. */
    private Draft draft(StaffPrincipal me, TargetForm form, UUID unitId, Status status, String review, FormErrors errors,
                        Locale locale) {
        String title = text(errors, "title", form.getTitle(), TargetStore.MAX_TITLE, true);
        String description = text(errors, "description", form.getDescription(), TargetStore.MAX_TEXT, false);
        Figure figure = null;
        if (!blank(form.getFigure())) {
            figure = Figure.parse(clean(form.getFigure())).orElse(null);
            if (figure == null) errors.add("figure", "insights.targets.error.figure");
        }
        UUID owner = null;
        if (!blank(form.getOwner())) {
            UUID chosen = InsightsPage.parseUuid(clean(form.getOwner()));
            owner = chosen == null ? null : staff.find(me.organizationId(), chosen).map(StaffUser::id).orElse(null);
            if (owner == null) errors.add("owner", "insights.targets.error.owner");
        }
        LocalDate due = null;
        if (!blank(form.getDue())) {
            String typed = clean(form.getDue());
            due = typed.length() > MAX_DATE ? null : DateTimes.parseDate(typed, locale);
            if (due == null || due.getYear() < 2000 || due.getYear() > 2100) {
                errors.add("due", "insights.targets.error.due", DateTimes.date(store.today(), locale));
                due = null;
            }
        }
        return new Draft(unitId, title, description, figure, owner, due, status, review);
    }

    /** Free text, stripped: required or not, at most {@code max} characters, and readable (bytes that were not UTF-8 become U+FFFD). */
    private static String text(FormErrors errors, String field, String value, int max, boolean required) {
        String text = clean(value);
        if (text.isEmpty()) {
            if (required) errors.add(field, "insights.targets.error.required");
        } else if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\u0000') >= 0) {
            errors.add(field, "insights.targets.error.encoding");
        } else if (text.length() > max) {
            errors.add(field, "insights.targets.error.too-long", String.valueOf(max), String.valueOf(text.length()));
        }
        return text;
    }

    // --- pages

    private ModelAndView render(StaffPrincipal me, Scope scope, Status filter, TargetForm form, FormErrors errors,
                                Locale locale, HttpStatus httpStatus) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        boolean admin = me.has(Role.ADMIN);
        ModelAndView page = new ModelAndView("insights/targets", httpStatus);
        page.addObject("errors", errors);
        page.addObject("admin", admin);
        page.addObject("unitName", scope.unitName());
        page.addObject("unitParam", scope.unitId() == null ? "" : scope.unitId().toString());
        List<Option> unitOptions = new ArrayList<>();
        unitOptions.add(new Option("", text("insights.whole-organization", locale), scope.unitId() == null));
        scope.units().forEach(u -> unitOptions.add(new Option(u.id().toString(), u.name().in(language), u.id().equals(scope.unitId()))));
        page.addObject("units", unitOptions);
        page.addObject("statusFilter", filter == null ? "" : filter.name());
        page.addObject("statuses", Arrays.stream(Status.values()).map(Status::name).toList());

        Map<UUID, String> unitNames = scope.units().stream().collect(Collectors.toMap(Unit::id, u -> u.name().in(language)));
        Map<UUID, String> names = names(org);
        LocalDate today = store.today();
        List<Target> targets = store.list(org, scope.unitId(), filter);
        page.addObject("rows", targets.stream().map(t -> new Row(t.id(), t.title(), unitNames.get(t.unitId()),
                figureLabel(t.figure(), locale), names.get(t.ownerId()), DateTimes.date(t.due(), locale),
                DateTimes.iso(t.due()), t.overdue(today), t.status().name())).toList());
        page.addObject("counts", store.counts(org, scope.unitId()));
        page.addObject("wholeOrganization", scope.unitId() == null);

        page.addObject("form", form);
        String chosenUnit = clean(form.getUnit());
        page.addObject("formUnits", scope.units().stream()
                .map(u -> new Option(u.id().toString(), u.name().in(language), u.id().toString().equals(chosenUnit))).toList());
        page.addObject("owners", owners(org, scope.unitId(), null, clean(form.getOwner())));
        page.addObject("figures", figures(clean(form.getFigure()), locale));
        page.addObject("dateExample", DateTimes.date(today.plusMonths(3), locale));
        return page;
    }

    private ModelAndView renderTarget(StaffPrincipal me, Target target, TargetForm form, FormErrors errors, Locale locale,
                                      HttpStatus httpStatus) {
        OrganizationId org = me.organizationId();
        Map<UUID, String> names = names(org);
        ModelAndView page = new ModelAndView("insights/target", httpStatus);
        page.addObject("errors", errors);
        page.addObject("target", target);
        page.addObject("unitName", unitName(units(org, locale), target.unitId(), locale));
        page.addObject("unitParam", me.has(Role.ADMIN) ? target.unitId().toString() : "");
        page.addObject("figure", figureLabel(target.figure(), locale));
        page.addObject("owner", names.get(target.ownerId()));
        page.addObject("due", DateTimes.date(target.due(), locale));
        page.addObject("dueIso", DateTimes.iso(target.due()));
        page.addObject("overdue", target.overdue(store.today()));
        page.addObject("createdBy", names.get(target.createdBy()));
        page.addObject("form", form);
        String chosenStatus = clean(form.getStatus());
        page.addObject("statuses", Arrays.stream(Status.values())
                .map(s -> new Option(s.name(), text("insights.targets.status." + s.name(), locale), s.name().equals(chosenStatus)))
                .toList());
        page.addObject("owners", owners(org, target.unitId(), target.ownerId(), clean(form.getOwner())));
        page.addObject("figures", figures(clean(form.getFigure()), locale));
        page.addObject("dateExample", DateTimes.date(store.today().plusMonths(3), locale));
        List<ChangeView> history = new ArrayList<>();
        for (Change c : store.changes(org, target.id())) {
            history.add(new ChangeView(names.getOrDefault(c.changedBy(), ""), DateTimes.dateTime(c.changedAt(), locale),
                    DateTimes.iso(c.changedAt()), what(c, locale)));
        }
        page.addObject("history", history.reversed());
        return page;
    }

    /** A change said in words: created in a status, or the status from → to, and the other fields changed. */
    private String what(Change c, Locale locale) {
        List<String> parts = new ArrayList<>();
        String to = text("insights.targets.status." + c.to().name(), locale);
        if (c.created()) parts.add(messages.getMessage("insights.targets.history.created", new Object[] {to}, locale));
        else if (c.statusChanged()) {
            parts.add(messages.getMessage("insights.targets.history.status",
                    new Object[] {text("insights.targets.status." + c.from().name(), locale), to}, locale));
        }
        if (!c.fields().isEmpty()) {
            String fields = c.fields().stream().filter(TargetStore.FIELDS::contains)
                    .map(f -> text("insights.targets.changed." + f, locale)).collect(Collectors.joining(", "));
            parts.add(messages.getMessage("insights.targets.history.fields", new Object[] {fields}, locale));
        }
        return String.join(" ", parts);
    }

    private List<Unit> units(OrganizationId org, Locale locale) {
        Language language = Language.of(locale);
        return organizations.units(org).stream().sorted(Comparator.comparing(u -> u.name().in(language))).toList();
    }

    private static String unitName(List<Unit> units, UUID unitId, Locale locale) {
        if (unitId == null) return null;
        Language language = Language.of(locale);
        return units.stream().filter(u -> u.id().equals(unitId)).findFirst().map(u -> u.name().in(language)).orElse(null);
    }

    private Map<UUID, String> names(OrganizationId org) {
        return staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a));
    }

    /**
     * Who can own a target: the unit's staff (the organization's when no unit is in view), and the current owner
     * wherever they work now; by name.
     */
    private List<Option> owners(OrganizationId org, UUID unitId, UUID current, String chosen) {
        return staff.inOrganization(org).stream()
                .filter(s -> unitId == null || unitId.equals(s.unitId()) || s.id().equals(current))
                .sorted(Comparator.comparing(StaffUser::displayName).thenComparing(StaffUser::username))
                .map(s -> new Option(s.id().toString(), s.displayName(), s.id().toString().equals(chosen))).toList();
    }

    private List<Option> figures(String chosen, Locale locale) {
        return Arrays.stream(Figure.values())
                .map(f -> new Option(f.code, figureLabel(f, locale), f.code.equals(chosen))).toList();
    }

    private String figureLabel(Figure figure, Locale locale) {
        return figure == null ? null : text("insights.targets.figure." + figure.code, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
