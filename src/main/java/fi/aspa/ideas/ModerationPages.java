package fi.aspa.ideas;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Idea;
import fi.aspa.ideas.IdeaStore.Round;
import fi.aspa.ideas.IdeaStore.Status;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For unit managers and administrators: the rounds ({@code /workspace/ideas/rounds}: list and a new round), the
 * moderation of residents' ideas ({@code /workspace/ideas/moderation}: publish with personal data stripped, or
 * reject with a reason; the submitter's name and email are personal data and every view of the list is written to
 * the access log), and a round's results ({@code /workspace/ideas/rounds/{id}}: ideas ranked by support, counts by
 * status, and the same as CSV).
 */
@Controller
class ModerationPages {
    static final String PURPOSE = "idea-moderation";

    private final IdeaStore store;
    private final Customers customers;
    private final PersonalDataLog accessLog;
    private final Catalogue catalogue;
    private final Staff staff;
    private final MessageSource messages;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ModerationPages(IdeaStore store, Customers customers, PersonalDataLog accessLog, Catalogue catalogue,
                    Staff staff, MessageSource messages, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.customers = customers;
        this.accessLog = accessLog;
        this.catalogue = catalogue;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    record Pending(UUID id, String round, String title, String body, String name, String email, String at, String atIso) {}

    record RoundRow(UUID id, String title, String audience, String state, String opens, String closes, String opensIso,
                    String closesIso) {}

    record Option(String value, String label) {}

    record StatusCount(String status, long count) {}

    // --- moderation

    @GetMapping("/workspace/ideas/moderation")
    @Transactional
    ModelAndView moderation(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        return renderModeration(me, new FormErrors(messages, locale), null, null, locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/ideas/{id}/moderate")
    @Transactional
    ModelAndView moderate(@PathVariable String id, @RequestParam(required = false) String action,
                          @RequestParam(required = false) String reason, @AuthenticationPrincipal StaffPrincipal me,
                          Locale locale, RedirectAttributes redirect) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        Idea idea = PublicIdeaPages.parse(id).flatMap(u -> store.idea(org, u))
                .filter(i -> i.moderation() == IdeaStore.Moderation.PENDING)
                .orElseThrow(() -> AspaException.notFound("Idea"));
        if ("publish".equals(action)) {
            Customer customer = idea.customerId() == null ? null : customers.find(org, idea.customerId()).orElse(null);
            store.publish(org, idea.id(), me.id(), stripped(idea.title(), customer, idea.language(), IdeaStore.MAX_TITLE),
                    stripped(idea.body(), customer, idea.language(), IdeaStore.MAX_BODY));
            tell(idea, IdeaEvents.Change.PUBLISHED, null, null, "/ideas/" + idea.id());
            redirect.addFlashAttribute("moderated", "ideas.moderation.published");
        } else if ("reject".equals(action)) {
            FormErrors errors = new FormErrors(messages, locale);
            String text = IdeaText.required(errors, "reason-" + idea.id(), reason, IdeaStore.MAX_REASON);
            if (!errors.isEmpty()) return renderModeration(me, errors, idea.id(), reason, locale, HttpStatus.UNPROCESSABLE_CONTENT);
            store.reject(org, idea.id(), me.id(), text);
            tell(idea, IdeaEvents.Change.REJECTED, null, text, null);
            redirect.addFlashAttribute("moderated", "ideas.moderation.rejected");
        } else {
            throw AspaException.invalid("invalid-action", "Publish or reject");
        }
        return new ModelAndView("redirect:/workspace/ideas/moderation");
    }

    /** The sender who gave a name or email hears of it (after commit). */
    private void tell(Idea idea, IdeaEvents.Change change, String status, String text, String path) {
        if (idea.customerId() == null) return;
        events.publishEvent(new IdeaEvents.ResidentIdeaUpdated(idea.organizationId(), idea.id(), idea.customerId(),
                idea.language(), idea.title(), change, status, text, path, clock.instant()));
    }

    private static String stripped(String text, Customer customer, Language language, int max) {
        String out = customer == null ? PersonalDataFilter.strip(text, language) : PersonalDataFilter.strip(text, customer, language);
        return out.length() > max ? out.substring(0, max) : out;
    }

    private ModelAndView renderModeration(StaffPrincipal me, FormErrors errors, UUID failed, String reason, Locale locale,
                                          HttpStatus status) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        List<Idea> pending = store.pending(org);
        Map<UUID, String> roundTitles = new LinkedHashMap<>();
        store.rounds(org, null).forEach(r -> roundTitles.put(r.id(), r.title().in(language)));
        Map<UUID, String> logged = new LinkedHashMap<>();
        List<Pending> rows = pending.stream().map(i -> {
            Customer c = i.customerId() == null ? null : customers.find(org, i.customerId()).orElse(null);
            if (c != null) logged.put(c.id(), "idea " + i.id());
            return new Pending(i.id(), roundTitles.getOrDefault(i.roundId(), ""), i.title(), i.body(),
                    c == null || c.name().isBlank() ? null : c.name(), c == null ? null : c.email(),
                    DateTimes.dateTime(i.createdAt(), locale), DateTimes.iso(i.createdAt()));
        }).toList();
        // the submitters' names and emails are on the page: each view is written to the access log
        accessLog.recordAll(org, me.id(), PURPOSE, logged);
        ModelAndView page = new ModelAndView("ideas/moderation", status);
        page.addObject("pending", rows);
        page.addObject("errors", errors);
        page.addObject("failed", failed);
        page.addObject("reason", reason);
        return page;
    }

    // --- rounds

    @GetMapping("/workspace/ideas/rounds")
    ModelAndView rounds(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        RoundForm form = new RoundForm();
        form.setAudience(Audience.PUBLIC.name());
        return renderRounds(me, form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/ideas/rounds")
    ModelAndView createRound(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute("form") RoundForm form, Locale locale,
                             RedirectAttributes redirect) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        FormErrors errors = new FormErrors(messages, locale);
        Audience audience = Audience.PUBLIC.name().equals(form.getAudience()) ? Audience.PUBLIC
                : Audience.STAFF.name().equals(form.getAudience()) ? Audience.STAFF : null;
        if (audience == null) errors.add("audience-PUBLIC", "ideas.error.audience");
        String titleFi = IdeaText.required(errors, "titleFi", form.getTitleFi(), IdeaStore.MAX_TITLE);
        String titleSv = IdeaText.required(errors, "titleSv", form.getTitleSv(), IdeaStore.MAX_TITLE);
        String titleEn = IdeaText.optional(errors, "titleEn", form.getTitleEn(), IdeaStore.MAX_TITLE);
        String descFi = IdeaText.required(errors, "descriptionFi", form.getDescriptionFi(), IdeaStore.MAX_BODY);
        String descSv = IdeaText.required(errors, "descriptionSv", form.getDescriptionSv(), IdeaStore.MAX_BODY);
        String descEn = IdeaText.optional(errors, "descriptionEn", form.getDescriptionEn(), IdeaStore.MAX_BODY);
        UUID service = null;
        if (form.getService() != null && !form.getService().isBlank()) {
            service = PublicIdeaPages.parse(form.getService()).filter(s -> catalogue.find(org, s).isPresent()).orElse(null);
            if (service == null) errors.add("service", "ideas.error.service");
        }
        Instant opens = dateTime(errors, "opens", form.getOpens());
        Instant closes = dateTime(errors, "closes", form.getCloses());
        if (opens != null && closes != null && !closes.isAfter(opens)) errors.add("closes", "ideas.error.closes-before-opens");
        if (!errors.isEmpty()) return renderRounds(me, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        Round round = store.createRound(org, me.id(), new IdeaStore.NewRound(audience,
                new LocalizedText(titleFi, titleSv, titleEn.isEmpty() ? null : titleEn),
                new LocalizedText(descFi, descSv, descEn.isEmpty() ? null : descEn), service, opens, closes));
        redirect.addFlashAttribute("created", round.title().in(Language.of(locale)));
        return new ModelAndView("redirect:/workspace/ideas/rounds");
    }

    /** A {@code datetime-local} value in Helsinki time. */
    private static Instant dateTime(FormErrors errors, String field, String value) {
        String text = IdeaText.clean(value);
        if (text.isEmpty()) {
            errors.add(field, "ideas.error.required");
            return null;
        }
        try {
            if (text.length() > 25) throw new DateTimeParseException("too long", text, 0);
            return LocalDateTime.parse(text).atZone(DateTimes.HELSINKI).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "ideas.error.date-time");
            return null;
        }
    }

    private ModelAndView renderRounds(StaffPrincipal me, RoundForm form, FormErrors errors, Locale locale, HttpStatus status) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        ModelAndView page = new ModelAndView("ideas/rounds", status);
        page.addObject("rounds", store.rounds(org, null).stream()
                .map(r -> new RoundRow(r.id(), r.title().in(language), r.audience().name(), r.state(clock.instant()).name(),
                        DateTimes.dateTime(r.opensAt(), locale), DateTimes.dateTime(r.closesAt(), locale),
                        DateTimes.iso(r.opensAt()), DateTimes.iso(r.closesAt())))
                .toList());
        page.addObject("services", catalogue.list(org).stream()
                .map(s -> new Option(s.id().toString(), s.name().in(language)))
                .sorted(Comparator.comparing(Option::label)).toList());
        page.addObject("form", form);
        page.addObject("errors", errors);
        return page;
    }

    // --- results

    @GetMapping("/workspace/ideas/rounds/{id}")
    ModelAndView results(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        Round round = round(org, id);
        Language language = Language.of(locale);
        List<Idea> ideas = store.ofRound(org, round.id());
        Map<UUID, String> names = StaffIdeaPages.names(staff, org);
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) counts.put(s, 0L);
        ideas.forEach(i -> counts.merge(i.status(), 1L, Long::sum));
        ModelAndView page = new ModelAndView("ideas/results");
        page.addObject("round", round);
        page.addObject("title", round.title().in(language));
        page.addObject("description", round.description().in(language));
        page.addObject("service", round.serviceId() == null ? null
                : catalogue.find(org, round.serviceId()).map(CatalogueService::name).map(n -> n.in(language)).orElse(null));
        page.addObject("state", round.state(clock.instant()).name());
        page.addObject("opens", DateTimes.dateTime(round.opensAt(), locale));
        page.addObject("closes", DateTimes.dateTime(round.closesAt(), locale));
        page.addObject("ideas", ideas.stream().map(i -> StaffIdeaPages.row(i, names, locale)).toList());
        page.addObject("counts", counts.entrySet().stream().map(e -> new StatusCount(e.getKey().name(), e.getValue())).toList());
        page.addObject("pending", store.pending(org).stream().filter(i -> i.roundId().equals(round.id())).count());
        return page;
    }

    @GetMapping("/workspace/ideas/rounds/{id}/export.csv")
    ResponseEntity<byte[]> export(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        StaffIdeaPages.requireManager(me);
        OrganizationId org = me.organizationId();
        Round round = round(org, id);
        Map<UUID, String> names = StaffIdeaPages.names(staff, org);
        List<String> header = Stream.of("rank", "title", "description", "author", "status", "response", "supports", "created")
                .map(h -> messages.getMessage("ideas.csv." + h, null, locale)).toList();
        List<Idea> ideas = store.ofRound(org, round.id());
        return Csv.download("ideas-" + round.id() + ".csv", header, IntStream.range(0, ideas.size()).mapToObj(n -> {
            Idea i = ideas.get(n);
            return Arrays.asList(n + 1, i.shownTitle(), i.shownBody(),
                    i.authorStaffId() == null ? null : names.get(i.authorStaffId()),
                    messages.getMessage("ideas.status." + i.status().name(), null, locale), i.response(), i.supports(),
                    DateTimes.iso(i.createdAt()));
        }));
    }

    private Round round(OrganizationId org, String id) {
        return PublicIdeaPages.parse(id).flatMap(u -> store.round(org, u)).orElseThrow(() -> AspaException.notFound("Round"));
    }
}
