package fi.aspa.ideas;

import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Idea;
import fi.aspa.ideas.IdeaStore.Moderation;
import fi.aspa.ideas.IdeaStore.Round;
import fi.aspa.ideas.IdeaStore.RoundState;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.Tokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The residents' ideas, public: {@code /ideas} (open PUBLIC rounds and published ideas, newest or most supported),
 * {@code /ideas/new?round=} (the form: title, description, optional name and email; honeypot; per-address allowance
 * {@code idea}), the private follow link {@code /ideas/follow/{token}} shown once after sending (only its SHA-256 is
 * stored), and {@code /ideas/{id}} with its support button (one per browser: a random cookie id whose SHA-256 is
 * stored under a unique index; per-address allowance {@code idea-support}). Nothing a resident sends is public before
 * a moderator publishes it, and then with personal data stripped.
 */
@Controller
class PublicIdeaPages {
    static final String SUPPORTER_COOKIE = "aspa-idea-supporter";
    static final int SUPPORTS_PER_PERIOD = 30;
    static final int LIST_LIMIT = 100;
    private static final Logger log = LoggerFactory.getLogger(PublicIdeaPages.class);

    private final IdeaStore store;
    private final PublicOrganization publicOrganization;
    private final Customers customers;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final Clock clock;

    PublicIdeaPages(IdeaStore store, PublicOrganization publicOrganization, Customers customers, PublicRateLimits limits,
                    MessageSource messages, Clock clock) {
        this.store = store;
        this.publicOrganization = publicOrganization;
        this.customers = customers;
        this.limits = limits;
        this.messages = messages;
        this.clock = clock;
    }

    record RoundView(UUID id, String title, String description, String state, String opens, String closes,
                     String opensIso, String closesIso) {}

    record IdeaView(UUID id, String title, String body, String status, String response, long supports, String at,
                    String atIso, String round) {}

    @GetMapping("/ideas")
    ModelAndView list(@RequestParam(required = false) String sort, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        boolean bySupport = "support".equals(sort);
        Map<UUID, Round> rounds = store.rounds(org, Audience.PUBLIC).stream().collect(Collectors.toMap(Round::id, Function.identity()));
        ModelAndView page = new ModelAndView("ideas/list");
        page.addObject("rounds", store.openRounds(org, Audience.PUBLIC).stream().map(r -> roundView(r, locale)).toList());
        page.addObject("ideas", store.published(org, Audience.PUBLIC, bySupport, LIST_LIMIT).stream()
                .map(i -> ideaView(i, rounds.get(i.roundId()), locale)).toList());
        page.addObject("sort", bySupport ? "support" : "newest");
        return page;
    }

    @GetMapping("/ideas/new")
    ModelAndView form(@RequestParam(required = false) String round, Locale locale) {
        Round r = publicRound(publicOrganization.get().id(), round);
        IdeaForm form = new IdeaForm();
        form.setRound(r.id().toString());
        return page(r, form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/ideas/new")
    @Transactional
    ModelAndView submit(@ModelAttribute("form") IdeaForm form, HttpServletRequest request, Locale locale,
                        RedirectAttributes redirect) {
        Organization organization = publicOrganization.get();
        Round round = publicRound(organization.id(), form.getRound());
        FormErrors errors = new FormErrors(messages, locale);
        if (round.state(clock.instant()) != RoundState.OPEN) {
            return page(round, form, errors, locale, HttpStatus.CONFLICT);
        }
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            log.info("Idea form honeypot was filled in; pretending success and storing nothing");
            return new ModelAndView("redirect:/ideas/sent");
        }
        String title = IdeaText.required(errors, "title", form.getTitle(), IdeaStore.MAX_TITLE);
        String body = IdeaText.required(errors, "description", form.getDescription(), IdeaStore.MAX_BODY);
        String name = IdeaText.optional(errors, "name", form.getName(), IdeaStore.MAX_NAME);
        String email = IdeaText.optional(errors, "email", form.getEmail(), IdeaStore.MAX_EMAIL);
        if (!email.isEmpty() && !errors.has("email") && !IdeaText.validEmail(email)) errors.add("email", "ideas.error.email");
        if (!errors.isEmpty()) return page(round, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("idea", request.getRemoteAddr())) {
            errors.add("send", "error.rate-limited");
            return page(round, form, errors, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        Language language = Language.of(locale);
        UUID customer = name.isEmpty() && email.isEmpty() ? null
                : customers.resolve(organization.id(), ContactDetails.resident(name, email.isEmpty() ? null : email, null, language));
        IdeaStore.Submitted submitted = store.submitPublic(organization.id(), round.id(), title, body, language, customer);
        redirect.addFlashAttribute("followUrl", ServletUriComponentsBuilder.fromContextPath(request)
                .path("/ideas/follow/{token}").buildAndExpand(submitted.followToken()).toUriString());
        return new ModelAndView("redirect:/ideas/sent");
    }

    /** The thank-you page; the follow link comes only once, as a flash attribute of the redirect. */
    @GetMapping("/ideas/sent")
    ModelAndView sent() {
        ModelAndView page = new ModelAndView("ideas/sent");
        page.addObject("noindex", true);
        return page;
    }

    @GetMapping("/ideas/follow/{token}")
    ModelAndView follow(@PathVariable String token, Locale locale) {
        Idea idea = store.byFollowToken(token).orElseThrow(() -> AspaException.notFound("Idea"));
        Round round = store.round(idea.organizationId(), idea.roundId()).orElseThrow(() -> AspaException.notFound("Idea"));
        ModelAndView page = new ModelAndView("ideas/follow");
        page.addObject("idea", idea);
        page.addObject("roundTitle", round.title().in(Language.of(locale)));
        page.addObject("at", DateTimes.dateTime(idea.createdAt(), locale));
        page.addObject("atIso", DateTimes.iso(idea.createdAt()));
        page.addObject("noindex", true);
        return page;
    }

    @GetMapping("/ideas/{id}")
    ModelAndView show(@PathVariable String id, HttpServletRequest request, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        Idea idea = publishedIdea(org, id);
        Round round = store.round(org, idea.roundId()).orElseThrow();
        ModelAndView page = new ModelAndView("ideas/idea");
        page.addObject("idea", ideaView(idea, round, locale));
        page.addObject("open", round.state(clock.instant()) == RoundState.OPEN);
        page.addObject("supported", store.supportedByBrowser(idea.id(), browserId(request).orElse(null)));
        return page;
    }

    @PostMapping("/ideas/{id}/support")
    ModelAndView support(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Locale locale,
                         RedirectAttributes redirect) {
        OrganizationId org = publicOrganization.get().id();
        Idea idea = publishedIdea(org, id);
        Round round = store.round(org, idea.roundId()).orElseThrow();
        if (round.state(clock.instant()) != RoundState.OPEN) {
            redirect.addFlashAttribute("supportMessage", "ideas.support.closed");
            return new ModelAndView("redirect:/ideas/" + idea.id());
        }
        if (!limits.tryAcquire("idea-support", request.getRemoteAddr(), SUPPORTS_PER_PERIOD)) {
            ModelAndView page = show(id, request, locale);
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            page.addObject("supportMessage", "error.rate-limited");
            return page;
        }
        String browser = browserId(request).orElseGet(() -> {
            String fresh = Tokens.random();
            Cookie cookie = new Cookie(SUPPORTER_COOKIE, fresh);
            cookie.setPath("/ideas");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            return fresh;
        });
        boolean counted = store.supportByBrowser(org, idea.id(), browser);
        redirect.addFlashAttribute("supportMessage", counted ? "ideas.support.thanks" : "ideas.support.already");
        return new ModelAndView("redirect:/ideas/" + idea.id());
    }

    private static Optional<String> browserId(HttpServletRequest request) {
        if (request.getCookies() == null) return Optional.empty();
        for (Cookie c : request.getCookies()) {
            if (SUPPORTER_COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private Idea publishedIdea(OrganizationId org, String id) {
        return parse(id).flatMap(u -> store.idea(org, u))
                .filter(i -> i.moderation() == Moderation.PUBLISHED)
                .filter(i -> store.round(org, i.roundId()).map(r -> r.audience() == Audience.PUBLIC).orElse(false))
                .orElseThrow(() -> AspaException.notFound("Idea"));
    }

    private Round publicRound(OrganizationId org, String id) {
        return parse(id).flatMap(u -> store.round(org, u)).filter(r -> r.audience() == Audience.PUBLIC)
                .orElseThrow(() -> AspaException.notFound("Round"));
    }

    static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why a round takes no ideas now: not open yet, or closed. */
    static String notOpenKey(Round round, java.time.Instant now) {
        return round.state(now) == RoundState.UPCOMING ? "ideas.round.not-yet-open" : "ideas.round.closed";
    }

    /** When it opens (not open yet) or closed. */
    static String when(Round round, java.time.Instant now, Locale locale) {
        return DateTimes.dateTime(round.state(now) == RoundState.UPCOMING ? round.opensAt() : round.closesAt(), locale);
    }

    RoundView roundView(Round r, Locale locale) {
        Language language = Language.of(locale);
        return new RoundView(r.id(), r.title().in(language), r.description().in(language), r.state(clock.instant()).name(),
                DateTimes.dateTime(r.opensAt(), locale), DateTimes.dateTime(r.closesAt(), locale),
                DateTimes.iso(r.opensAt()), DateTimes.iso(r.closesAt()));
    }

    static IdeaView ideaView(Idea i, Round round, Locale locale) {
        return new IdeaView(i.id(), i.shownTitle(), i.shownBody(), i.status().name(), i.response(), i.supports(),
                DateTimes.dateTime(i.createdAt(), locale), DateTimes.iso(i.createdAt()),
                round == null ? "" : round.title().in(Language.of(locale)));
    }

    private ModelAndView page(Round round, IdeaForm form, FormErrors errors, Locale locale, HttpStatus status) {
        form.setWebsite(null);
        ModelAndView page = new ModelAndView("ideas/new", status);
        page.addObject("round", roundView(round, locale));
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("notOpenMessage", round.state(clock.instant()) == RoundState.OPEN ? null
                : messages.getMessage(notOpenKey(round, clock.instant()), new Object[] {when(round, clock.instant(), locale)}, locale));
        return page;
    }
}
