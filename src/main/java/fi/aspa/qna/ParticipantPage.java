package fi.aspa.qna;

import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.Tokens;
import fi.aspa.qna.QnaStore.Audience;
import fi.aspa.qna.QnaStore.Event;
import fi.aspa.qna.QnaStore.Question;
import fi.aspa.qna.QnaStore.Status;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The participants' page of an event: a PUBLIC event at {@code /events/{code}} (the public organization's, anyone),
 * a STAFF event at {@code /workspace/events/{code}/ask} (the signed-in staff of its organization; its code under
 * {@code /events} is the plain 404, so a staff event is never readable without signing in). Questions are taken
 * until the event ends (before its start as advance questions, then as live ones); after the end the page is
 * read-only. A question's text is published with personal data stripped (the asker's own name too, when given);
 * the name itself is shown to moderators only. Questions are limited per client address ({@code qna}, 429); a
 * filled honeypot pretends success and stores nothing. Votes: once per browser (a random cookie, only its SHA-256
 * stored) on public events, once per staff account on staff events; a second vote changes nothing. The list of
 * questions refreshes itself (htmx polling every 5 s; an unchanged list answers 204 and nothing moves) inside an
 * {@code aria-live="polite"} region, outside the form, so typing is never disturbed.
 */
@Controller
class ParticipantPage {
    private static final Logger log = LoggerFactory.getLogger(ParticipantPage.class);
    static final String VOTER_COOKIE = "aspa_qna_voter";
    static final long QUESTIONS_PER_ADDRESS = 10;
    static final long VOTES_PER_ADDRESS = 200;
    static final int SCREEN_TOP = 5;
    private static final List<Status> PUBLISHED = List.of(Status.VISIBLE, Status.ANSWERED);

    private final QnaStore store;
    private final PublicOrganization publicOrganization;
    private final Customers customers;
    private final PublicRateLimits limits;
    private final MessageSource messages;

    ParticipantPage(QnaStore store, PublicOrganization publicOrganization, Customers customers, PublicRateLimits limits,
                    MessageSource messages) {
        this.store = store;
        this.publicOrganization = publicOrganization;
        this.customers = customers;
        this.limits = limits;
        this.messages = messages;
    }

    /** The event a path names and where its pages are. */
    record Context(Event event, String base, String screen, String voter) {}

    record Row(UUID id, String text, long votes, boolean answered, String answer, boolean voted, String phaseKey,
               Instant createdAt) {}

    @GetMapping({"/events/{code}", "/workspace/events/{code}/ask"})
    ModelAndView show(@PathVariable String code, @RequestParam(required = false) String sort,
                      @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, Locale locale) {
        if (me != null && request.getRequestURI().startsWith(request.getContextPath() + "/workspace/")) {
            // a staff link to one of the organization's public events (a training's pre-assignment, say): to its public page
            var residents = store.byCode(me.organizationId(), code).filter(e -> e.audience() == Audience.PUBLIC);
            if (residents.isPresent()) {
                return new ModelAndView("redirect:" + publicOrganization.baseUrl(me.organizationId()) + "/events/" + residents.get().code());
            }
        }
        Context context = context(code, me, request);
        return page(context, sort, new QuestionForm(), new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping({"/events/{code}", "/workspace/events/{code}/ask"})
    ModelAndView ask(@PathVariable String code, @RequestParam(required = false) String sort,
                     @ModelAttribute("form") QuestionForm form, @AuthenticationPrincipal StaffPrincipal me,
                     HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
        Context context = context(code, me, request);
        Event event = context.event();
        FormErrors errors = new FormErrors(messages, locale);
        if (!event.open(store.now())) return refused(context, sort, locale);
        if (form.getWebsite() != null && !form.getWebsite().isEmpty()) {
            log.info("Event question honeypot was filled in; pretending success and storing nothing");
            redirect.addFlashAttribute("asked", event.premoderated() ? "PENDING" : "VISIBLE");
            return new ModelAndView("redirect:" + context.base());
        }
        String text = form.getText() == null ? "" : form.getText().strip();
        String name = form.getName() == null ? "" : form.getName().strip();
        if (unreadable(text)) errors.add("text", "qna.error.encoding");
        else if (text.isEmpty()) errors.add("text", "qna.error.text-required");
        else if (text.length() > QnaStore.MAX_QUESTION) {
            errors.add("text", "qna.error.too-long", String.valueOf(QnaStore.MAX_QUESTION), String.valueOf(text.length()));
        }
        if (unreadable(name)) errors.add("name", "qna.error.encoding");
        else if (name.length() > QnaStore.MAX_NAME) {
            errors.add("name", "qna.error.too-long", String.valueOf(QnaStore.MAX_NAME), String.valueOf(name.length()));
        }
        if (!errors.isEmpty()) return page(context, sort, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("qna", request.getRemoteAddr(), QUESTIONS_PER_ADDRESS)) {
            errors.add("send", "error.rate-limited");
            return page(context, sort, form, errors, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        Language language = Language.of(locale);
        OrganizationId org = event.organizationId();
        UUID asker = null;
        String published;
        if (name.isEmpty()) {
            published = PersonalDataFilter.strip(text, language);
        } else {
            asker = customers.resolve(org, ContactDetails.resident(name, null, null, language));
            Customer customer = customers.find(org, asker).orElse(null);
            published = customer == null ? PersonalDataFilter.strip(text, language) : PersonalDataFilter.strip(text, customer, language);
        }
        if (published.length() > 2000) published = published.substring(0, 2000);
        Question question = store.ask(event, published, asker);
        redirect.addFlashAttribute("asked", question.status().name());
        return new ModelAndView("redirect:" + context.base() + (sort == null ? "" : "?sort=" + sortParam(sort)));
    }

    /** The polled update: 204 while the list is as the page shows it ({@code v}), else the changed parts. */
    @GetMapping({"/events/{code}/questions", "/workspace/events/{code}/ask/questions"})
    ModelAndView poll(@PathVariable String code, @RequestParam(required = false) String sort,
                      @RequestParam(required = false) String v, @AuthenticationPrincipal StaffPrincipal me,
                      HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Context context = context(code, me, request);
        ModelAndView update = new ModelAndView("qna/event-update :: update");
        addList(update, context, sort, locale);
        if (update.getModel().get("version").equals(v)) return unchanged(response);
        return update;
    }

    @PostMapping({"/events/{code}/questions/{id}/vote", "/workspace/events/{code}/ask/questions/{id}/vote"})
    ModelAndView vote(@PathVariable String code, @PathVariable String id, @RequestParam(required = false) String sort,
                      @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, HttpServletResponse response,
                      Locale locale) {
        Context context = context(code, me, request);
        Event event = context.event();
        UUID questionId = uuid(id);
        if (questionId == null || store.question(event, questionId).filter(q -> PUBLISHED.contains(q.status())).isEmpty()) {
            throw AspaException.notFound("Question");
        }
        if (!event.open(store.now())) return refused(context, sort, locale);
        if (!limits.tryAcquire("qna-vote", request.getRemoteAddr(), VOTES_PER_ADDRESS)) {
            FormErrors errors = new FormErrors(messages, locale).add("send", "error.rate-limited");
            return page(context, sort, new QuestionForm(), errors, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        String voter = context.voter();
        if (voter == null) {
            String browser = Tokens.random();
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(VOTER_COOKIE, browser).path("/events")
                    .httpOnly(true).secure(request.isSecure()).sameSite("Lax").maxAge(Duration.ofDays(365)).build().toString());
            voter = "browser:" + browser;
            context = new Context(event, context.base(), context.screen(), voter);
        }
        store.vote(event, questionId, voter);
        if ("true".equals(request.getHeader("HX-Request"))) {
            ModelAndView update = new ModelAndView("qna/event-update :: update");
            addList(update, context, sort, locale);
            return update;
        }
        return new ModelAndView("redirect:" + context.base() + (sort == null ? "" : "?sort=" + sortParam(sort)));
    }

    @GetMapping({"/events/{code}/screen", "/workspace/events/{code}/screen"})
    ModelAndView screen(@PathVariable String code, @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request,
                        Locale locale) {
        Context context = context(code, me, request);
        ModelAndView page = new ModelAndView("qna/screen");
        addScreen(page, context, locale);
        page.addObject("noindex", true);
        return page;
    }

    @GetMapping({"/events/{code}/screen/update", "/workspace/events/{code}/screen/update"})
    ModelAndView screenUpdate(@PathVariable String code, @RequestParam(required = false) String v,
                              @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request,
                              HttpServletResponse response, Locale locale) {
        Context context = context(code, me, request);
        ModelAndView update = new ModelAndView("qna/screen-update :: update");
        addScreen(update, context, locale);
        if (update.getModel().get("version").equals(v)) return unchanged(response);
        return update;
    }

    private Context context(String code, StaffPrincipal me, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/workspace/")) {
            if (me == null) throw AspaException.notFound("Event");
            Event event = store.byCode(me.organizationId(), code).filter(e -> e.audience() == Audience.STAFF)
                    .orElseThrow(() -> AspaException.notFound("Event"));
            return new Context(event, "/workspace/events/" + event.code() + "/ask", "/workspace/events/" + event.code() + "/screen",
                    "staff:" + me.id());
        }
        Event event = store.byCode(publicOrganization.get().id(), code).filter(e -> e.audience() == Audience.PUBLIC)
                .orElseThrow(() -> AspaException.notFound("Event"));
        return new Context(event, "/events/" + event.code(), "/events/" + event.code() + "/screen", browserVoter(request));
    }

    private static String browserVoter(HttpServletRequest request) {
        if (request.getCookies() == null) return null;
        for (Cookie cookie : request.getCookies()) {
            if (VOTER_COOKIE.equals(cookie.getName()) && cookie.getValue() != null
                    && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return "browser:" + cookie.getValue();
            }
        }
        return null;
    }

    /** A question or a vote after the end: the read-only page, its notice said at once (role alert); nothing stored. */
    private ModelAndView refused(Context context, String sort, Locale locale) {
        ModelAndView page = page(context, sort, new QuestionForm(), new FormErrors(messages, locale), locale, HttpStatus.CONFLICT);
        page.addObject("refused", true);
        return page;
    }

    private ModelAndView page(Context context, String sort, QuestionForm form, FormErrors errors, Locale locale,
                              HttpStatus status) {
        Event event = context.event();
        Language language = Language.of(locale);
        Instant now = store.now();
        ModelAndView page = new ModelAndView("qna/event", status);
        page.addObject("title", event.title().in(language));
        page.addObject("description", event.description().in(language));
        page.addObject("startsAt", event.startsAt());
        page.addObject("endsAt", event.endsAt());
        page.addObject("open", event.open(now));
        page.addObject("stateKey", EventsPage.stateKey(event, now));
        page.addObject("premoderated", event.premoderated());
        page.addObject("staffEvent", event.audience() == Audience.STAFF);
        page.addObject("screenPath", context.screen());
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("maxQuestion", QnaStore.MAX_QUESTION);
        page.addObject("noindex", true);
        addList(page, context, sort, locale);
        return page;
    }

    private void addList(ModelAndView page, Context context, String sort, Locale locale) {
        Event event = context.event();
        boolean newest = "new".equals(sort);
        List<Question> questions = store.questions(event, PUBLISHED, newest);
        Set<UUID> voted = context.voter() == null ? Set.of() : new HashSet<>(store.votedBy(event, context.voter()));
        boolean open = event.open(store.now());
        List<Row> rows = questions.stream()
                .map(q -> new Row(q.id(), q.text(), q.votes(), q.status() == Status.ANSWERED, q.answer(), voted.contains(q.id()),
                        "qna.phase." + q.phase().name(), q.createdAt()))
                .toList();
        StringBuilder fingerprint = new StringBuilder(newest ? "new" : "votes").append(open);
        for (Row r : rows) {
            fingerprint.append('|').append(r.id()).append(r.votes()).append(r.answered()).append(r.voted())
                    .append(r.answer() == null ? 0 : r.answer().hashCode());
        }
        String version = Tokens.sha256(fingerprint.toString()).substring(0, 16);
        page.addObject("questions", rows);
        page.addObject("voting", open);
        page.addObject("sort", newest ? "new" : "votes");
        page.addObject("base", context.base());
        page.addObject("version", version);
        page.addObject("pollUrl", context.base() + "/questions?sort=" + (newest ? "new" : "votes") + "&v=" + version);
    }

    private void addScreen(ModelAndView page, Context context, Locale locale) {
        Event event = context.event();
        Language language = Language.of(locale);
        List<Question> top = store.questions(event, List.of(Status.VISIBLE), false);
        Question highlighted = event.highlightedQuestionId() == null ? null
                : store.question(event, event.highlightedQuestionId()).filter(q -> PUBLISHED.contains(q.status())).orElse(null);
        List<Question> shown = top.stream().filter(q -> highlighted == null || !q.id().equals(highlighted.id()))
                .limit(SCREEN_TOP).toList();
        StringBuilder fingerprint = new StringBuilder(highlighted == null ? "-" : highlighted.id() + String.valueOf(highlighted.votes()));
        for (Question q : shown) fingerprint.append('|').append(q.id()).append(q.votes());
        String version = Tokens.sha256(fingerprint.toString()).substring(0, 16);
        page.addObject("title", event.title().in(language));
        page.addObject("code", event.code());
        page.addObject("participantUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path(context.base()).toUriString());
        page.addObject("highlighted", highlighted);
        page.addObject("top", shown);
        page.addObject("version", version);
        page.addObject("pollUrl", context.screen() + "/update?v=" + version);
    }

    /** Nothing to swap: htmx leaves the page as it is on 204. A null view means the response is complete. */
    private static ModelAndView unchanged(HttpServletResponse response) {
        response.setStatus(HttpStatus.NO_CONTENT.value());
        return null;
    }

    private static String sortParam(String sort) {
        return "new".equals(sort) ? "new" : "votes";
    }

    static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** U+FFFD is what bytes that are not UTF-8 become when decoded; NUL never belongs in text. */
    static boolean unreadable(String value) {
        return value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0;
    }
}
