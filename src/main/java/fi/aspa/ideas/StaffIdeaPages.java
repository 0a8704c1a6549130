package fi.aspa.ideas;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.identity.StaffUser;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Idea;
import fi.aspa.ideas.IdeaStore.Moderation;
import fi.aspa.ideas.IdeaStore.Round;
import fi.aspa.ideas.IdeaStore.RoundState;
import fi.aspa.ideas.IdeaStore.Status;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.transaction.annotation.Transactional;
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
 * Staff ideation at {@code /workspace/ideas}, for any signed-in staff member of the organization: the open STAFF
 * rounds and their ideas (by author, most supported first), a new idea (no pre-moderation: colleagues see it at
 * once), support once per staff account (a unique index; a second support changes nothing), and each idea's
 * comment thread at {@code /workspace/ideas/{id}}. Unit managers and administrators also set an idea's status and
 * response there, residents' published ideas included (which only they open here).
 */
@Controller
class StaffIdeaPages {
    private final IdeaStore store;
    private final Staff staff;
    private final MessageSource messages;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StaffIdeaPages(IdeaStore store, Staff staff, MessageSource messages, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    record RoundIdeas(PublicIdeaPages.RoundView round, List<Row> ideas) {}

    record Row(UUID id, String title, String author, String status, long supports, String at, String atIso) {}

    record CommentView(String author, String body, String at, String atIso) {}

    @GetMapping("/workspace/ideas")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        return render(me, new IdeaForm(), new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/ideas")
    ModelAndView submit(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute("form") IdeaForm form, Locale locale) {
        OrganizationId org = me.organizationId();
        FormErrors errors = new FormErrors(messages, locale);
        Round round = PublicIdeaPages.parse(form.getRound()).flatMap(id -> store.round(org, id))
                .filter(r -> r.audience() == Audience.STAFF).orElse(null);
        if (round == null) errors.add("round", "ideas.error.round");
        else if (round.state(clock.instant()) != RoundState.OPEN) {
            errors.add("round", PublicIdeaPages.notOpenKey(round, clock.instant()),
                    PublicIdeaPages.when(round, clock.instant(), locale));
        }
        String title = IdeaText.required(errors, "title", form.getTitle(), IdeaStore.MAX_TITLE);
        String body = IdeaText.required(errors, "description", form.getDescription(), IdeaStore.MAX_BODY);
        if (!errors.isEmpty()) {
            return render(me, form, errors, locale, round != null && round.state(clock.instant()) != RoundState.OPEN
                    ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Idea idea = store.submitStaff(org, round.id(), title, body, Language.of(locale), me.id());
        return new ModelAndView("redirect:/workspace/ideas/" + idea.id());
    }

    @GetMapping("/workspace/ideas/{id}")
    ModelAndView idea(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        return renderIdea(me, visible(me, id), new FormErrors(messages, locale), "", null, null, locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/ideas/{id}/support")
    String support(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        Idea idea = visible(me, id);
        Round round = store.round(me.organizationId(), idea.roundId()).orElseThrow();
        String message;
        if (round.state(clock.instant()) != RoundState.OPEN) message = "ideas.support.closed";
        else message = store.supportByStaff(me.organizationId(), idea.id(), me.id()) ? "ideas.support.thanks" : "ideas.support.already";
        redirect.addFlashAttribute("supportMessage", message);
        return "redirect:/workspace/ideas/" + idea.id();
    }

    @PostMapping("/workspace/ideas/{id}/comments")
    ModelAndView comment(@PathVariable String id, @RequestParam(required = false) String comment,
                         @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        Idea idea = visible(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        String text = IdeaText.required(errors, "comment", comment, IdeaStore.MAX_COMMENT);
        if (!errors.isEmpty()) return renderIdea(me, idea, errors, comment, null, null, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        store.comment(me.organizationId(), idea.id(), me.id(), text);
        return new ModelAndView("redirect:/workspace/ideas/" + idea.id() + "#comments");
    }

    @PostMapping("/workspace/ideas/{id}/status")
    @Transactional
    ModelAndView status(@PathVariable String id, @RequestParam(required = false) String status,
                        @RequestParam(required = false) String response, @AuthenticationPrincipal StaffPrincipal me,
                        Locale locale, RedirectAttributes redirect) {
        requireManager(me);
        Idea idea = visible(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        Status chosen = Status.parse(status).orElse(null);
        if (chosen == null) errors.add("status-select", "ideas.error.status");
        String text = IdeaText.optional(errors, "response-text", response, IdeaStore.MAX_RESPONSE);
        if (chosen != null && chosen.needsResponse() && text.isEmpty()) errors.add("response-text", "ideas.error.response-required");
        if (!errors.isEmpty()) return renderIdea(me, idea, errors, "", status, response, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        store.setStatus(me.organizationId(), idea.id(), me.id(), chosen, text.isEmpty() ? null : text);
        if (idea.customerId() != null) {
            // the resident who left a name or email hears of it (after commit)
            events.publishEvent(new IdeaEvents.ResidentIdeaUpdated(idea.organizationId(), idea.id(), idea.customerId(),
                    idea.language(), idea.title(), IdeaEvents.Change.STATUS, chosen.name(), text.isEmpty() ? null : text,
                    "/ideas/" + idea.id(), clock.instant()));
        }
        redirect.addFlashAttribute("statusSaved", true);
        return new ModelAndView("redirect:/workspace/ideas/" + idea.id());
    }

    static void requireManager(StaffPrincipal me) {
        if (me == null || !me.has(Role.UNIT_MANAGER)) {
            throw AspaException.forbidden("Only unit managers and administrators moderate ideas");
        }
    }

    /** A published idea of the staff member's organization: a STAFF round's for everyone, a resident's for managers. */
    private Idea visible(StaffPrincipal me, String id) {
        OrganizationId org = me.organizationId();
        return PublicIdeaPages.parse(id).flatMap(u -> store.idea(org, u))
                .filter(i -> i.moderation() == Moderation.PUBLISHED)
                .filter(i -> me.has(Role.UNIT_MANAGER)
                        || store.round(org, i.roundId()).map(r -> r.audience() == Audience.STAFF).orElse(false))
                .orElseThrow(() -> AspaException.notFound("Idea"));
    }

    private ModelAndView render(StaffPrincipal me, IdeaForm form, FormErrors errors, Locale locale, HttpStatus status) {
        OrganizationId org = me.organizationId();
        Map<UUID, String> names = names(org);
        List<Round> open = store.openRounds(org, Audience.STAFF);
        ModelAndView page = new ModelAndView("ideas/workspace", status);
        page.addObject("rounds", open.stream().map(r -> new RoundIdeas(roundView(r, locale),
                store.ofRound(org, r.id()).stream().map(i -> row(i, names, locale)).toList())).toList());
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("manager", me.has(Role.UNIT_MANAGER));
        return page;
    }

    private PublicIdeaPages.RoundView roundView(Round r, Locale locale) {
        Language language = Language.of(locale);
        return new PublicIdeaPages.RoundView(r.id(), r.title().in(language), r.description().in(language),
                r.state(clock.instant()).name(), DateTimes.dateTime(r.opensAt(), locale), DateTimes.dateTime(r.closesAt(), locale),
                DateTimes.iso(r.opensAt()), DateTimes.iso(r.closesAt()));
    }

    Map<UUID, String> names(OrganizationId org) {
        return names(staff, org);
    }

    /** The organization's staff names by id. */
    static Map<UUID, String> names(Staff staff, OrganizationId org) {
        return staff.inOrganization(org).stream().collect(Collectors.toMap(StaffUser::id, StaffUser::displayName, (a, b) -> a));
    }

    static Row row(Idea i, Map<UUID, String> names, Locale locale) {
        return new Row(i.id(), i.shownTitle(), i.authorStaffId() == null ? null : names.get(i.authorStaffId()),
                i.status().name(), i.supports(), DateTimes.dateTime(i.createdAt(), locale), DateTimes.iso(i.createdAt()));
    }

    private ModelAndView renderIdea(StaffPrincipal me, Idea idea, FormErrors errors, String comment, String status,
                                    String response, Locale locale, HttpStatus httpStatus) {
        OrganizationId org = me.organizationId();
        Map<UUID, String> names = names(org);
        Round round = store.round(org, idea.roundId()).orElseThrow();
        ModelAndView page = new ModelAndView("ideas/workspace-idea", httpStatus);
        page.addObject("idea", idea);
        page.addObject("author", idea.authorStaffId() == null ? null : names.get(idea.authorStaffId()));
        page.addObject("resident", round.audience() == Audience.PUBLIC);
        page.addObject("roundTitle", round.title().in(Language.of(locale)));
        page.addObject("open", round.state(clock.instant()) == RoundState.OPEN);
        page.addObject("at", DateTimes.dateTime(idea.createdAt(), locale));
        page.addObject("atIso", DateTimes.iso(idea.createdAt()));
        page.addObject("supported", store.supportedByStaff(org, idea.id(), me.id()));
        page.addObject("comments", store.comments(org, idea.id()).stream()
                .map(c -> new CommentView(names.get(c.authorStaffId()), c.body(), DateTimes.dateTime(c.createdAt(), locale),
                        DateTimes.iso(c.createdAt()))).toList());
        page.addObject("manager", me.has(Role.UNIT_MANAGER));
        page.addObject("statuses", Arrays.stream(Status.values()).map(Status::name).toList());
        page.addObject("chosenStatus", status != null ? status : idea.status().name());
        page.addObject("responseText", response != null ? response : idea.response());
        page.addObject("comment", comment);
        page.addObject("errors", errors);
        return page;
    }
}
