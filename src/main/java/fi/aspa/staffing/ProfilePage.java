package fi.aspa.staffing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My profile": the signed-in staff member keeps their own profile current ({@code /workspace/profile}). A unit manager
 * edits the profiles of the staff of their own unit, an administrator anyone's in the organization
 * ({@code /workspace/people/{id}/profile}, the same page and forms); every change made by someone other than the owner
 * is written to the profile's change log ({@code staff_profile_change}) and shown on the page, and only the owner
 * confirms that the profile is current. Every form posts and redirects back with a notice; a form filled in wrongly
 * shows the page again with an error summary.
 */
@Controller
class ProfilePage {
    static final int MAX_JOB = 1000;
    static final int MAX_OTHER_LANGUAGES = 10;
    static final int MAX_ABSENCE_DAYS = 366;
    static final int MAX_QUERY = 200;
    static final List<String> OFFICIAL = List.of("fi", "sv", "en");
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:.](\\d{2})");

    private final StaffingStore store;
    private final StaffingViews views;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final Staff staff;

    ProfilePage(StaffingStore store, StaffingViews views, Catalogue catalogue, MessageSource messages, Staff staff) {
        this.store = store;
        this.views = views;
        this.catalogue = catalogue;
        this.messages = messages;
        this.staff = staff;
    }

    /** Whose profile a request changes: the signed-in member's own, or one they may edit; else 403 (404 elsewhere). */
    private StaffUser subject(StaffPrincipal me, UUID id) {
        if (id == null || id.equals(me.id())) return me.user();
        StaffUser user = staff.find(me.organizationId(), id).orElseThrow(() -> AspaException.notFound("Staff member"));
        if (!mayEdit(me, user)) {
            throw AspaException.forbidden("Only the unit's manager or an administrator edits this profile");
        }
        return user;
    }

    /** The owner, an administrator, or a unit manager of the same unit. */
    static boolean mayEdit(StaffPrincipal me, StaffUser user) {
        if (me.id().equals(user.id()) || me.has(Role.ADMIN)) return true;
        return me.has(Role.UNIT_MANAGER) && me.unitId() != null && me.unitId().equals(user.unitId());
    }

    private static String base(StaffPrincipal me, StaffUser subject) {
        return subject.id().equals(me.id()) ? "/workspace/profile" : "/workspace/people/" + subject.id() + "/profile";
    }

    /** Someone else changed the profile: the change log says who, what and when. */
    private void audit(StaffPrincipal me, StaffUser subject, String what, String detail) {
        if (!subject.id().equals(me.id())) store.recordChange(me.organizationId(), subject.id(), me.id(), what, detail, views.now());
    }

    /** What the details form holds: the saved profile, or what was posted when it had errors. */
    record Form(String job, Set<String> languages, String otherLanguages, Set<String> days, String start, String end) {}

    record AbsenceForm(String first, String last) {}

    record ServiceHit(UUID id, StaffingViews.Text name, String level) {}

    @GetMapping({"/workspace/profile", "/workspace/people/{id}/profile"})
    String page(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                @RequestParam(required = false) String service, Locale locale, Model model) {
        return render(me, subject(me, id), locale, model, null, null, service, new FormErrors(messages, locale));
    }

    @Transactional // the change and its entry in the change log together
    @PostMapping({"/workspace/profile", "/workspace/people/{id}/profile"})
    String save(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                @RequestParam(required = false) String job,
                @RequestParam(name = "language", required = false) List<String> languages,
                @RequestParam(required = false) String otherLanguages,
                @RequestParam(name = "day", required = false) List<String> days,
                @RequestParam(required = false) String start, @RequestParam(required = false) String end,
                Locale locale, Model model, RedirectAttributes redirect) {
        StaffUser subject = subject(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        Form form = new Form(job == null ? "" : job, new LinkedHashSet<>(languages == null ? List.of() : languages),
                otherLanguages == null ? "" : otherLanguages, new LinkedHashSet<>(days == null ? List.of() : days),
                start == null ? "" : start, end == null ? "" : end);
        String checkedJob = form.job().strip();
        if (checkedJob.length() > MAX_JOB) errors.add("job", "staffing.error.job-too-long", MAX_JOB);
        if (checkedJob.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add("job", "error.invalid-text");
        }
        List<String> spoken = new ArrayList<>();
        for (String code : OFFICIAL) if (form.languages().contains(code)) spoken.add(code);
        if (!OFFICIAL.containsAll(form.languages())) errors.add("language-fi", "staffing.error.languages");
        for (String other : form.otherLanguages().toLowerCase(Locale.ROOT).split("[,;\\s]+")) {
            if (other.isEmpty() || spoken.contains(other)) continue;
            if (!ISO_LANGUAGES.contains(other)) {
                errors.add("other-languages", "staffing.error.other-language", other.length() > 20 ? other.substring(0, 20) : other);
            } else {
                spoken.add(other);
            }
        }
        if (spoken.size() > OFFICIAL.size() + MAX_OTHER_LANGUAGES) errors.add("other-languages", "staffing.error.too-many-languages", MAX_OTHER_LANGUAGES);
        if (spoken.isEmpty()) errors.add("language-fi", "staffing.error.languages");
        Set<DayOfWeek> workDays = EnumSet.noneOf(DayOfWeek.class);
        for (String d : form.days()) {
            try {
                workDays.add(DayOfWeek.of(Integer.parseInt(d)));
            } catch (RuntimeException e) {
                errors.add("day-1", "staffing.error.days");
            }
        }
        if (workDays.isEmpty()) errors.add("day-1", "staffing.error.days");
        Integer from = minutes(form.start(), false);
        Integer to = minutes(form.end(), true);
        if (from == null) errors.add("work-start", "staffing.error.time");
        if (to == null) errors.add("work-end", "staffing.error.time");
        if (from != null && to != null && to <= from) errors.add("work-end", "staffing.error.end-before-start");
        if (!errors.isEmpty()) return render(me, subject, locale, model, form, null, null, errors);
        WorkingHours hours = new WorkingHours(workDays, from, to);
        store.save(me.organizationId(), subject.id(), checkedJob, spoken, hours, views.now(), subject.id().equals(me.id()));
        audit(me, subject, "DETAILS", "languages " + String.join(",", spoken) + "; days " + hours.sortedDays().stream()
                .map(d -> String.valueOf(d.getValue())).collect(java.util.stream.Collectors.joining(",")) + " " + form.start().strip()
                + "-" + form.end().strip());
        redirect.addFlashAttribute("notice", "staffing.notice.saved");
        return "redirect:" + base(me, subject);
    }

    @PostMapping("/workspace/profile/confirm")
    String confirm(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        store.confirm(me.organizationId(), me.id(), me.user().language().code(), views.now());
        redirect.addFlashAttribute("notice", "staffing.notice.confirmed");
        return "redirect:/workspace/profile";
    }

    @Transactional // the change and its entry in the change log together
    @PostMapping({"/workspace/profile/expertise", "/workspace/people/{id}/profile/expertise"})
    String addExpertise(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                        @RequestParam UUID service, @RequestParam String level, RedirectAttributes redirect) {
        StaffUser subject = subject(me, id);
        OrganizationId org = me.organizationId();
        Level checked = level(level);
        catalogue.find(org, service).orElseThrow(() -> AspaException.invalid("unknown-service", "No such service"));
        store.ensure(org, subject.id(), subject.language().code(), views.now());
        store.setExpertise(org, subject.id(), service, checked);
        audit(me, subject, "EXPERTISE_SET", service + " " + checked.name());
        redirect.addFlashAttribute("notice", "staffing.notice.expertise-saved");
        return "redirect:" + base(me, subject) + "#expertise";
    }

    @Transactional // the change and its entry in the change log together
    @PostMapping({"/workspace/profile/expertise/{service}/delete", "/workspace/people/{id}/profile/expertise/{service}/delete"})
    String removeExpertise(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                           @PathVariable UUID service, RedirectAttributes redirect) {
        StaffUser subject = subject(me, id);
        if (!store.removeExpertise(me.organizationId(), subject.id(), service)) {
            // not theirs (another organization's service, or removed already): nothing to note in the change log
            throw AspaException.notFound("Expertise");
        }
        audit(me, subject, "EXPERTISE_REMOVED", service.toString());
        redirect.addFlashAttribute("notice", "staffing.notice.expertise-removed");
        return "redirect:" + base(me, subject) + "#expertise";
    }

    @Transactional // the change and its entry in the change log together
    @PostMapping({"/workspace/profile/absences", "/workspace/people/{id}/profile/absences"})
    String addAbsence(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                      @RequestParam(required = false) String first,
                      @RequestParam(required = false) String last, Locale locale, Model model, RedirectAttributes redirect) {
        StaffUser subject = subject(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        AbsenceForm form = new AbsenceForm(first == null ? "" : first.strip(), last == null ? "" : last.strip());
        LocalDate from = DateTimes.parseDate(form.first(), locale);
        LocalDate to = form.last().isEmpty() ? from : DateTimes.parseDate(form.last(), locale);
        String example = DateTimes.date(views.today(), locale);
        if (from == null) {
            if (form.first().isEmpty()) errors.add("absence-first", "staffing.error.date-required");
            else errors.add("absence-first", "staffing.error.date", example);
        }
        if (to == null) errors.add("absence-last", "staffing.error.date", example);
        if (from != null && to != null) {
            if (to.isBefore(from)) errors.add("absence-last", "staffing.error.last-before-first");
            else if (to.isBefore(views.today())) errors.add("absence-last", "staffing.error.absence-past");
            else if (from.plusDays(MAX_ABSENCE_DAYS).isBefore(to)) errors.add("absence-last", "staffing.error.absence-too-long", MAX_ABSENCE_DAYS);
        }
        if (!errors.isEmpty()) return render(me, subject, locale, model, null, form, null, errors);
        store.ensure(me.organizationId(), subject.id(), subject.language().code(), views.now());
        store.addAbsence(me.organizationId(), subject.id(), from, to, views.now());
        audit(me, subject, "ABSENCE_ADDED", from + ".." + to);
        redirect.addFlashAttribute("notice", "staffing.notice.absence-added");
        return "redirect:" + base(me, subject) + "#absences";
    }

    @Transactional // the change and its entry in the change log together
    @PostMapping({"/workspace/profile/absences/{absence}/delete", "/workspace/people/{id}/profile/absences/{absence}/delete"})
    String removeAbsence(@AuthenticationPrincipal StaffPrincipal me, @PathVariable(required = false) UUID id,
                         @PathVariable UUID absence, RedirectAttributes redirect) {
        StaffUser subject = subject(me, id);
        if (!store.removeAbsence(me.organizationId(), subject.id(), absence)) throw AspaException.notFound("Absence");
        audit(me, subject, "ABSENCE_REMOVED", absence.toString());
        redirect.addFlashAttribute("notice", "staffing.notice.absence-removed");
        return "redirect:" + base(me, subject) + "#absences";
    }

    // ------------------------------------------------------------------ rendering

    private String render(StaffPrincipal me, StaffUser subject, Locale locale, Model model, Form form, AbsenceForm absence,
                          String query, FormErrors errors) {
        Language language = Language.of(locale);
        StaffingViews.Person person = views.person(me.organizationId(), subject, language);
        if (form == null) {
            List<String> others = person.languageCodes().stream().filter(c -> !OFFICIAL.contains(c)).toList();
            Profile profile = store.profile(me.organizationId(), subject.id(), subject.language().code());
            form = new Form(person.job(), new LinkedHashSet<>(person.languageCodes()), String.join(", ", others),
                    profile.hours().sortedDays().stream().map(d -> String.valueOf(d.getValue()))
                            .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)),
                    profile.hours().startText(), profile.hours().endText());
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) q = q.substring(0, MAX_QUERY);
        List<ServiceHit> hits = List.of();
        if (!q.isEmpty()) {
            var mine = store.profile(me.organizationId(), subject.id(), subject.language().code()).expertise();
            hits = catalogue.search(me.organizationId(), q, 20).stream()
                    .map((CatalogueService s) -> new ServiceHit(s.id(), StaffingViews.Text.of(s.name(), language),
                            mine.containsKey(s.id()) ? mine.get(s.id()).name() : null))
                    .toList();
        }
        model.addAttribute("person", person);
        model.addAttribute("form", form);
        model.addAttribute("absence", absence == null ? new AbsenceForm("", "") : absence);
        model.addAttribute("q", q);
        model.addAttribute("searched", !q.isEmpty());
        model.addAttribute("hits", hits);
        model.addAttribute("errors", errors);
        model.addAttribute("officialLanguages", OFFICIAL.stream()
                .map(c -> new Option(c, StaffingViews.languageName(c, locale))).toList());
        model.addAttribute("weekDays", Arrays.stream(DayOfWeek.values())
                .map(d -> new Option(String.valueOf(d.getValue()), StaffingViews.dayName(d, locale))).toList());
        model.addAttribute("levels", Arrays.stream(Level.values()).map(Enum::name).toList());
        model.addAttribute("confirmEvery", views.confirmEveryMonths());
        model.addAttribute("own", subject.id().equals(me.id()));
        model.addAttribute("base", base(me, subject));
        model.addAttribute("changes", store.changes(me.organizationId(), subject.id(), 10).stream()
                .map(c -> new Change(staff.find(me.organizationId(), c.changedBy()).map(StaffUser::displayName).orElse("?"),
                        "staffing.change." + c.what(), DateTimes.dateTime(c.at(), locale)))
                .toList());
        return "staffing/profile";
    }

    record Option(String value, String label) {}

    record Change(String by, String whatKey, String at) {}

    static Level level(String value) {
        try {
            return Level.valueOf(value);
        } catch (RuntimeException e) {
            throw AspaException.invalid("invalid-level", "No such level");
        }
    }

    /** "8:00", "08.00", "24:00" (only as the end) to minutes from midnight; null when not a time. */
    static Integer minutes(String value, boolean end) {
        Matcher m = TIME.matcher(value == null ? "" : value.strip());
        if (!m.matches()) return null;
        int hours = Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        if (minutes > 59) return null;
        if (hours == 24 && minutes == 0 && end) return 1440;
        if (hours > 23) return null;
        return hours * 60 + minutes;
    }
}
