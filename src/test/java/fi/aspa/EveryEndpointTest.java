package fi.aspa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import fi.aspa.Fixtures.Org;
import fi.aspa.appointments.AppointmentMode;
import fi.aspa.appointments.Appointments;
import fi.aspa.appointments.NewVisitService;
import fi.aspa.appointments.VisitService;
import fi.aspa.appointments.WalkInTickets;
import fi.aspa.assignments.SubmittedAnswers;
import fi.aspa.assistant.UnansweredQuestions;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.channels.phone.CallbackRequests;
import fi.aspa.chat.ChatAvailability;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.ideas.IdeaSubmissions;
import fi.aspa.knowledge.Article;
import fi.aspa.knowledge.ArticleDraft;
import fi.aspa.knowledge.ArticleVisibility;
import fi.aspa.knowledge.Editor;
import fi.aspa.knowledge.Knowledge;
import fi.aspa.knowledge.Transition;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.qna.EventQuestions;
import fi.aspa.identity.StaffUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every page and every form of the application, found the way a person finds them (a crawler that follows the links
 * and htmx requests of each page from the workspace's and the public site's front pages), and every mapped endpoint,
 * answered without a server error whatever is sent: hostile, oversized, malformed and non-UTF-8 values in each query
 * parameter, form field, path variable and body. On the way it checks what holds for every staff page: an anonymous
 * visitor is sent to the login page, an agent is refused the administrators' pages, and no link on our own pages
 * leads to a page that does not exist.
 *
 * <p>The requests go through MockMvc with Spring Security's filters in front (authorization and CSRF as in
 * production) from an address of their own, so the per-address allowances of the public forms that other tests use
 * are untouched. The data is a fresh organization's, seeded through the modules' APIs with what each workspace page
 * needs to show its forms (a case with a file, a case in triage, chats in the queue, a callback request, a walk-in
 * queue, a published article, ideas, an event's question, a submitted task…); public pages are the test public
 * organization's.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryEndpointTest {
    private static final String ADDRESS = "198.51.100.23";
    private static final int MAX_PER_PATTERN = 2;
    private static final int MAX_PAGES = 600;

    /** What an attacker, a broken client or a careless paste sends. */
    private static final List<String> HOSTILE = List.of(
            "",
            "-1",
            "99999999999999999999999",
            "1e309",
            "00000000-0000-0000-0000-000000000000",
            "2026-02-30",
            "<script>alert(1)</script>",
            "' OR '1'='1' --",
            "../../../etc/passwd",
            "nul\u0000byte",
            "lone \uD800 surrogate",
            "ääkköset ja 🙂",
            "x".repeat(70_000));

    /** Path segments: the same, as raw (already encoded) text, with invalid percent-encoding and non-UTF-8 bytes. */
    private static final List<String> HOSTILE_SEGMENTS = List.of(
            "00000000-0000-0000-0000-000000000000",
            "not-an-id",
            "-1",
            "99999999999999999999999",
            "%3Cscript%3E",
            "%FF%FE",
            "%C3%28",
            "x".repeat(3_000));

    /** Dates a person fills in start today (a round that opens today is open at once) and go on a day at a time. */
    private static final java.time.LocalDate TODAY = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Helsinki"));
    /** A one-pixel PNG: what a person attaches, a photo. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    /** The public forms' trap for robots (fragments/form :: honeypot). */
    private static final String HONEYPOT = "website";
    private static final Set<String> NOT_CRAWLED = Set.of("/logout", "/login");
    private static final Pattern STATIC = Pattern.compile(
            "^/(css|js|img|webjars)/.*|.*\\.(css|js|png|svg|ico|woff2?|jpg)$");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;
    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffPages pages;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Customers customers;
    @Autowired
    Cases cases;
    @Autowired
    Organizations organizations;
    @Autowired
    Appointments appointments;
    @Autowired
    Knowledge knowledge;
    @Autowired
    ApplicationContext context;

    private record Endpoint(PathPattern pattern, Set<HttpMethod> methods, HandlerMethod handler) {
        boolean api() {
            String text = pattern.getPatternString();
            return text.startsWith("/api/") || text.startsWith("/open311/");
        }
    }

    /** A form (or an htmx element that posts) as found on a page: its own fields and values. */
    private record Form(String action, boolean multipart, Map<String, String> fields, Map<String, String> types,
                        Map<String, List<String>> options, Set<String> hidden, Set<String> files, String foundOn) {}

    private List<Endpoint> endpoints;
    private Org org;
    private StaffUser admin;
    private final Map<String, Integer> visited = new LinkedHashMap<>();
    private final Map<String, String> visitedAs = new HashMap<>();
    private final Map<String, Form> forms = new LinkedHashMap<>();
    private final Set<String> filledIn = new HashSet<>();
    /**
     * Where the forms filled in this round led (their redirect), with the flash attributes they left for that page (a
     * notice, a reference, a tracking link): visited next round, after the start pages, as the browser goes there at
     * once (not the last round's: its forms were filled in, and led there, in the rounds before too).
     */
    private final List<LedTo> ledTo = new ArrayList<>();

    private record LedTo(String url, String from, FlashMap flash) {}
    private final List<String> brokenLinks = new ArrayList<>();
    private final Set<String> untranslated = new TreeSet<>();
    private final Set<String> unstructured = new TreeSet<>();
    private int structured;
    /** The crawl's language: Finnish, then Swedish, then English, a round each. */
    private String language = "fi";
    /** What Thymeleaf shows for a message key that has no text ({@code ??key_fi??}). */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?[\\w.\\-]+_(fi|sv|en)\\?\\?");
    private final List<String> serverErrors = new ArrayList<>();
    private int requests;

    @BeforeAll
    void crawl() throws Exception {
        endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null) continue;
            Set<HttpMethod> methods = new LinkedHashSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(HttpMethod.valueOf(m.name())));
            if (methods.isEmpty()) methods.addAll(List.of(HttpMethod.GET, HttpMethod.POST));
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                endpoints.add(new Endpoint(pattern, methods, entry.getValue()));
            }
        }
        org = fixtures.organization();
        admin = fixtures.admin(org);
        // the ten Helsinki feedback services, one of them offered to staff: the directory, expertise and orders have
        // something to show
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        catalogue.setInternal(org.id(), catalogue.list(org.id()).getFirst().id(), true);
        // the case has a photo (its file's download), its customer an identity code (shown in full on request)
        UUID maija = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Maija Meikäläinen", "maija@example.fi",
                null, "131052-308T", null, null, Language.FI, false));
        OpenedCase opened = cases.open(org.id(), new NewCase(Channel.WEB_FORM, maija, "Katuvalo ei pala",
                "Mannerheimintie 5:n kohdalla on pimeää.", Language.FI, null, org.service().id(), null, Set.of(),
                List.of(new NewAttachment("katuvalo.png", PNG)), Actor.customer()));
        // a text no service fits, with no unit, waits in triage for its service to be chosen; a second Maija with
        // another address is a possible duplicate
        cases.open(org.id(), new NewCase(Channel.WEB_FORM, maija, "Qwerty", "Zxcv asdf.", Language.FI, null, null, null,
                Set.of(), List.of(), Actor.customer()));
        customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija.m@example.fi", "0401234567", Language.FI));
        // two residents' chats in the queue (one to take, serve and close, one left for the later rounds)
        ChatAvailability chat = new ChatAvailability(context, org.id());
        chat.open(admin.id());
        chat.waiting("Matti Virtanen", "matti@example.fi", "Milloin jäteasema on auki?");
        chat.waiting("Liisa Laine", "liisa@example.fi", "Miten haen pysäköintitunnusta?");
        // a resident asked to be called back
        new CallbackRequests(context).request(org.id(), "Pekka Puhelin", "+358401234567", "Soittakaa aamupäivällä.");
        // a service point with a walk-in queue and numbers taken: a desk calls, serves and marks a no-show
        ServicePoint point = organizations.createServicePoint(org.id(), org.service().id(),
                new LocalizedText("Palvelupiste", "Servicepunkt", "Service point"), "Katu 1", "00100", "Helsinki");
        VisitService passports = appointments.addService(org.id(), point.id(), new NewVisitService("passport",
                new LocalizedText("Passit", "Pass", "Passports"), 30, 1, EnumSet.of(AppointmentMode.IN_PERSON), true, true, "A"));
        new WalkInTickets(context).take(org.id(), point.id(), passports.id(), 6);
        // a published article on street lights: read on its own page, and suggested for the case to insert in a reply
        Editor editor = new Editor(admin.id(), true);
        Article article = knowledge.create(org.id(), editor, ArticleDraft.of(ArticleVisibility.INTERNAL, Language.FI,
                "Katuvalo ei pala", "Pimeästä katuvalosta ilmoitetaan kunnan katuvalohuoltoon. Katuvalo korjataan viikon kuluessa."));
        knowledge.transition(org.id(), article.id(), editor, Transition.SUBMIT);
        knowledge.transition(org.id(), article.id(), editor, Transition.PUBLISH);
        // ideas of staff and of a resident (to moderate), a live event's question on the screen, a question the bot
        // could not answer
        new IdeaSubmissions(context).staffAndResidentIdea(org.id(), org.manager().id(), maija);
        new EventQuestions(context).liveWithHighlight(org.id(), admin.id());
        new UnansweredQuestions(context).asked(org.id(), Language.FI, "Saako koiran tuoda uimarannalle?", "/help");
        // a task the customer service unit has answered: its answers as CSV
        new SubmittedAnswers(context).submitted(org.id(), admin.id(), org.service().id(), org.manager().id());
        // the administrator's own order with a photo, as the order page opens one: the requester's download of it
        UUID requester = customers.resolve(org.id(), new ContactDetails(CustomerKind.INTERNAL, admin.displayName(),
                admin.email(), null, null, null, admin.id(), Language.FI, true));
        cases.open(org.id(), new NewCase(Channel.INTERNAL, requester, "Näyttö rikki", "Työpisteen näyttö välkkyy.", Language.FI,
                null, org.building().id(), null, Set.of("internal"), List.of(new NewAttachment("naytto.png", PNG)),
                Actor.staff(admin.id())));
        fixtures.awaitSettled(org);
        fixtures.publicOrganization();

        // three rounds: crawl, then fill in every form found as a person would and submit it, so that the next round
        // finds the pages of what was made (an event's console, an article's history, a round's results…)
        for (int round = 0; round < 3; round++) {
            Map<String, Integer> perPattern = new HashMap<>();
            language = List.of("fi", "sv", "en").get(round);
            List<LedTo> followed = List.copyOf(ledTo);
            ledTo.clear();
            crawl(staff(admin), "admin", perPattern, List.of("/workspace", "/workspace/admin",
                    "/workspace/cases/" + opened.id()), followed.stream().filter(l -> l.url().startsWith("/workspace")).toList());
            crawl(anonymous(), "anonymous", perPattern, List.of("/", "/contact", "/services", "/help", "/ideas",
                    "/appointments", "/callback", "/accessibility"),
                    followed.stream().filter(l -> !l.url().startsWith("/workspace")).toList());
            for (Map.Entry<String, Form> form : List.copyOf(forms.entrySet())) {
                if (!filledIn.add(form.getKey() + " " + round) || form.getValue().action().matches(".*/(delete|revoke|logout|test)$")) {
                    continue;
                }
                RequestPostProcessor who = form.getValue().action().startsWith("/workspace") ? staff(admin) : anonymous();
                fillIn(form.getValue(), round, who);
            }
            fixtures.awaitSettled(org);
        }
        // what an agent and a unit manager see of the same (their own lists, forms and refusals)
        language = "fi";
        for (StaffUser member : List.of(org.agent(), org.manager())) {
            crawl(staff(member), member.username(), new HashMap<>(), List.of("/workspace", "/workspace/cases/" + opened.id()), List.of());
        }
    }

    private void crawl(RequestPostProcessor who, String whoName, Map<String, Integer> perPattern, List<String> seeds,
                       List<LedTo> followUps) throws Exception {
        Deque<String[]> queue = new ArrayDeque<>();
        seeds.forEach(seed -> queue.add(new String[] {seed, "(start)"}));
        Map<String, FlashMap> flashes = new HashMap<>();
        for (LedTo followUp : followUps) {
            queue.add(new String[] {followUp.url(), followUp.from()});
            flashes.putIfAbsent(followUp.url(), followUp.flash());
        }
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String[] next = queue.poll();
            String url = next[0];
            if (!worthVisiting(url) || !seen.add(url)) continue;
            Optional<Endpoint> endpoint = endpointOf(url, HttpMethod.GET);
            String key = endpoint.map(e -> e.pattern().getPatternString()).orElse(url);
            if (perPattern.merge(key, 1, Integer::sum) > MAX_PER_PATTERN) continue;
            MockHttpServletRequestBuilder get = MockMvcRequestBuilders.get(URI.create(url));
            FlashMap flash = flashes.remove(url);
            if (flash != null && !flash.isEmpty()) get.flashAttrs(flash);
            MockHttpServletResponse response = send(get, who, language);
            visited.putIfAbsent(url, response.getStatus());
            visitedAs.putIfAbsent(url, whoName);
            if (response.getStatus() >= 500) serverErrors.add("GET " + url + " as " + whoName + " → " + response.getStatus());
            // the public pages are the test public organization's: the workspace's links to the fresh organization's
            // own public pages (an event's page, say) have nothing to find there
            boolean sameSide = url.startsWith("/workspace") == next[1].startsWith("/workspace");
            if ((response.getStatus() == 404 || response.getStatus() == 405) && sameSide) {
                brokenLinks.add(url + " (a link on " + next[1] + ") answers " + response.getStatus());
            }
            if (response.getStatus() >= 300 && response.getStatus() < 400 && response.getRedirectedUrl() != null) {
                local(response.getRedirectedUrl()).ifPresent(target -> queue.add(new String[] {target, url}));
                continue;
            }
            String type = response.getContentType();
            if (response.getStatus() != 200 || type == null || !type.startsWith(MediaType.TEXT_HTML_VALUE)) continue;
            String html = response.getContentAsString(StandardCharsets.UTF_8);
            Matcher missing = MISSING_MESSAGE.matcher(html);
            while (missing.find()) untranslated.add(language + " " + url + ": " + missing.group());
            Document page = Jsoup.parse(html, "http://localhost" + url);
            if (!response.getContentType().startsWith(MediaType.TEXT_HTML_VALUE) || html.startsWith("<tr") || !html.contains("<html")) {
                // an htmx fragment: no page of its own
            } else {
                structure(page, language, whoName + " " + url);
            }
            for (Element link : page.select("a[href], [hx-get]")) {
                String href = link.hasAttr("hx-get") ? link.attr("hx-get") : link.attr("href");
                local(resolve(url, href)).ifPresent(target -> queue.add(new String[] {target, url}));
            }
            for (Element element : page.select("form, [hx-post]")) {
                formOf(element, url).ifPresent(form -> forms.putIfAbsent(formKey(form), form));
            }
            // a search or filter form: what a person would look for, as a link
            for (Element search : page.select("form:not([method=post])")) {
                formOf(search, url, true).ifPresent(form -> {
                    StringBuilder query = new StringBuilder();
                    plausible(form, 0).forEach((name, value) -> query.append(query.isEmpty() ? "" : "&")
                            .append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8)).append('=')
                            .append(UriUtils.encodeQueryParam("search".equals(form.types().get(name)) ? "katu" : value,
                                    StandardCharsets.UTF_8)));
                    String path = form.action().replaceFirst("\\?.*", "");
                    queue.add(new String[] {query.isEmpty() ? path : path + "?" + query, url});
                });
            }
        }
    }

    /**
     * Submits the form filled in as a person would; when the page answers that some fields are wrong
     * ({@code aria-invalid}), empties those (an optional field that wanted something particular) and tries again.
     */
    private void fillIn(Form form, int round, RequestPostProcessor who) throws Exception {
        Map<String, String> values = plausible(form, round);
        for (int attempt = 0; attempt < 3; attempt++) {
            MvcResult result = checked("POST " + form.action() + " filled in (form on " + form.foundOn() + ")",
                    post(form, values, Files.PHOTO).with(csrf()), who);
            if (result == null) return;
            MockHttpServletResponse response = result.getResponse();
            if (response.getStatus() >= 300 && response.getStatus() < 400 && response.getRedirectedUrl() != null) {
                local(resolve(form.action(), response.getRedirectedUrl()))
                        .ifPresent(url -> ledTo.add(new LedTo(url, form.foundOn(), result.getFlashMap())));
            }
            if (response.getStatus() < 400 && response.getStatus() != 200) return;
            List<String> invalid = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8))
                    .select("[aria-invalid=true][name]").eachAttr("name");
            boolean changed = false;
            for (String name : invalid) {
                if (values.containsKey(name) && !values.get(name).isEmpty() && form.fields().get(name).isEmpty()) {
                    values.put(name, "");
                    changed = true;
                }
            }
            if (!changed) return;
        }
    }

    /** What a person would type: a value of each field's kind, dates in order (a start before its end). */
    private static Map<String, String> plausible(Form form, int variant) {
        Map<String, String> values = new LinkedHashMap<>();
        int[] day = {0};
        form.fields().forEach((name, value) -> {
            String type = form.types().getOrDefault(name, "text");
            String lower = name.toLowerCase();
            String typed;
            List<String> options = form.options().getOrDefault(name, List.of());
            if (!options.isEmpty()) {
                typed = options.get(variant % options.size()); // each round another choice: PUBLIC, then STAFF…
            } else if (form.hidden().contains(name) || type.matches("select|checkbox|radio|button|submit")) {
                typed = value;
            } else if (type.equals("datetime-local") || lower.matches(".*(startsat|endsat).*")) {
                typed = TODAY.plusDays(day[0]++) + "T18:00";
            } else if (type.equals("time") || lower.matches(".*-(opens|closes)$|^(start|end)$")) {
                typed = lower.contains("close") || lower.equals("end") ? "16:00" : "08:00";
            } else if (type.equals("date") || lower.matches(".*(date|due|opens|closes|^first$|^last$|^day$|^from$|^to$).*")) {
                typed = TODAY.plusDays(day[0]++).toString();
            } else if (lower.endsWith("host")) {
                typed = "mail.example.fi";
            } else if (type.equals("email") || lower.contains("email") || lower.contains("address")) {
                typed = "testi.henkilo@example.fi";
            } else if (type.equals("tel") || lower.contains("phone") || lower.equals("number")) {
                typed = "040 123 4567";
            } else if (type.equals("number") || lower.matches(".*(hours|port|percent|tokens|timeout).*")) {
                typed = lower.contains("port") ? "993" : "2";
            } else if (type.equals("url") || lower.contains("url")) {
                typed = "https://example.fi/";
            } else if (name.equals(HONEYPOT)) {
                typed = ""; // the honeypot
            } else if (value.isEmpty()) {
                typed = "Testi " + name + " katuvalo";
            } else {
                typed = value;
            }
            values.put(name, typed);
        });
        return values;
    }

    /**
     * What axe checks on the pages the browser tests visit, checked here on every page found, in each language: the
     * page's language, a title, one main heading, and a name for every field.
     */
    private void structure(Document page, String language, String where) {
        structured++;
        if (!page.select("html").attr("lang").equals(language)) unstructured.add(where + ": lang=" + page.select("html").attr("lang"));
        if (page.title().isBlank()) unstructured.add(where + ": no title");
        if (page.select("h1").size() != 1) unstructured.add(where + ": " + page.select("h1").size() + " h1");
        for (Element field : page.select("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")) {
            String id = field.id();
            boolean named = field.hasAttr("aria-label") || field.hasAttr("aria-labelledby") || field.hasAttr("title")
                    || (!id.isEmpty() && !page.select("label[for=" + id + "]").isEmpty()) || field.closest("label") != null;
            if (!named && !field.attr("name").equals(HONEYPOT)) unstructured.add(where + ": a field without a label: " + field.outerHtml());
        }
    }

    private static String resolve(String base, String href) {
        if (href.isBlank() || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("tel:")
                || href.startsWith("javascript:")) {
            return "";
        }
        return URI.create("http://localhost" + base).resolve(href.replace(" ", "%20")).toString();
    }

    private static Optional<String> local(String url) {
        if (url.isEmpty()) return Optional.empty();
        URI uri = URI.create(url);
        if (uri.getHost() != null && !uri.getHost().equals("localhost")) return Optional.empty();
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) return Optional.empty();
        // the language switch's link is the same page
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)lang=[^&]*", "").replaceFirst("^&", "");
        return Optional.of(query.isEmpty() ? path : path + "?" + query);
    }

    private static boolean worthVisiting(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return !NOT_CRAWLED.contains(path) && !STATIC.matcher(path).matches();
    }

    private Optional<Form> formOf(Element element, String pageUrl) {
        return formOf(element, pageUrl, false);
    }

    private Optional<Form> formOf(Element element, String pageUrl, boolean get) {
        boolean htmx = !element.tagName().equals("form");
        String method = htmx ? "post" : element.attr("method").toLowerCase();
        if (method.equals("post") == get) return Optional.empty();
        String action = htmx ? element.attr("hx-post") : element.attr("action");
        Optional<String> target = local(resolve(pageUrl, action.isEmpty() ? pageUrl : action));
        if (target.isEmpty()) return Optional.empty();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, List<String>> options = new HashMap<>();
        Set<String> hidden = new LinkedHashSet<>();
        Set<String> files = new LinkedHashSet<>();
        Element scope = htmx ? Optional.ofNullable(element.closest("form")).orElse(element) : element;
        for (Element input : scope.select("input[name], select[name], textarea[name], button[name]")) {
            String name = input.attr("name");
            if (name.equals("_csrf")) continue;
            String type = input.tagName().equals("input") ? input.attr("type").toLowerCase() : input.tagName();
            // a text field for digits (inputmode=numeric, no browser spinner) wants a number as much as type=number
            if (type.matches("|text") && input.attr("inputmode").equals("numeric")) type = "number";
            types.putIfAbsent(name, type);
            if (type.equals("select")) {
                options.put(name, input.select("option[value~=.]").eachAttr("value"));
            } else if (type.equals("radio") && !input.attr("value").isEmpty()) {
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(input.attr("value"));
            }
            if (type.equals("file")) {
                files.add(name);
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                fields.putIfAbsent(name, input.attr("value"));
                continue;
            }
            String value = switch (input.tagName()) {
                case "textarea" -> input.text();
                case "select" -> Optional.ofNullable(input.selectFirst("option[selected]"))
                        .or(() -> Optional.ofNullable(input.selectFirst("option[value~=.]")))
                        .or(() -> Optional.ofNullable(input.selectFirst("option")))
                        .map(o -> o.attr("value")).orElse("");
                default -> input.attr("value");
            };
            fields.put(name, value);
            if (type.equals("hidden")) hidden.add(name);
        }
        return Optional.of(new Form(target.get(), element.attr("enctype").contains("multipart"), fields, types, options, hidden,
                files, pageUrl));
    }

    private String formKey(Form form) {
        String path = form.action().contains("?") ? form.action().substring(0, form.action().indexOf('?')) : form.action();
        String pattern = endpointOf(path, HttpMethod.POST).map(e -> e.pattern().getPatternString()).orElse(path);
        return pattern + " " + new TreeSet<>(form.fields().keySet()) + " " + form.files();
    }

    private Optional<Endpoint> endpointOf(String url, HttpMethod method) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        PathContainer container = PathContainer.parsePath(path);
        return endpoints.stream()
                .filter(e -> e.methods().contains(method) && e.pattern().matches(container))
                .min(Comparator.comparing(Endpoint::pattern, PathPattern.SPECIFICITY_COMPARATOR));
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theCrawlerReachesTheApplicationAndNoLinkOnOurPagesIsBroken() {
        System.out.printf("EveryEndpointTest: %d endpoints, %d pages visited, %d forms%n", endpoints.size(), visited.size(), forms.size());
        Set<String> reached = new TreeSet<>();
        visited.keySet().forEach(url -> endpointOf(url, HttpMethod.GET).ifPresent(e -> reached.add(e.pattern().getPatternString())));
        forms.values().forEach(f -> endpointOf(f.action().replaceFirst("\\?.*", ""), HttpMethod.POST)
                .ifPresent(e -> reached.add(e.pattern().getPatternString())));
        endpoints.stream().map(e -> e.pattern().getPatternString()).filter(p -> !reached.contains(p)).distinct().sorted()
                .forEach(p -> System.out.println("  not reached by the crawler (path variables fuzzed only): " + p));
        assertThat(visited).as("pages visited").hasSizeGreaterThan(60);
        assertThat(forms).as("forms found").hasSizeGreaterThan(40);
        assertThat(visited.entrySet().stream().filter(e -> e.getValue() >= 500).map(Map.Entry::getKey).toList())
                .as("pages that answered with a server error").isEmpty();
        assertThat(serverErrors).as("forms filled in as a person would that answered with a server error").isEmpty();
        assertThat(brokenLinks).as("links on our own pages that lead nowhere").isEmpty();
        assertThat(untranslated).as("texts missing from the pages in Finnish, Swedish or English").isEmpty();
        assertThat(structured).as("whole pages checked").isGreaterThan(100);
        assertThat(unstructured).as("pages without their language, title, main heading or a field's label").isEmpty();
    }

    @Test
    @Order(2)
    void anAnonymousVisitorIsSentToLogInFromEveryStaffPageAndForm() throws Exception {
        List<String> served = new ArrayList<>();
        for (String url : visited.keySet()) {
            if (!url.startsWith("/workspace")) continue;
            MockHttpServletResponse response = send(MockMvcRequestBuilders.get(URI.create(url)), anonymous(), "fi");
            if (!(response.getStatus() == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login"))) {
                served.add("GET " + url + " → " + response.getStatus());
            }
        }
        for (Form form : forms.values()) {
            if (!form.action().startsWith("/workspace")) continue;
            MockHttpServletResponse response = send(post(form, form.fields(), Files.NONE).with(csrf()), anonymous(), "fi");
            if (!(response.getStatus() == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login"))) {
                served.add("POST " + form.action() + " → " + response.getStatus());
            }
        }
        assertThat(served).as("staff pages and forms that an anonymous visitor was not sent to log in from").isEmpty();
    }

    @Test
    @Order(3)
    void anAgentIsRefusedEveryAdministratorsPage() throws Exception {
        List<String> served = new ArrayList<>();
        int checked = 0;
        for (String url : visited.keySet()) {
            if (!url.startsWith("/workspace/admin")) continue;
            checked++;
            MockHttpServletResponse response = send(MockMvcRequestBuilders.get(URI.create(url)), staff(org.agent()), "fi");
            if (response.getStatus() != 403 && response.getStatus() != 404) served.add(url + " → " + response.getStatus());
        }
        assertThat(checked).as("administrators' pages found").isGreaterThan(10);
        assertThat(served).as("administrators' pages an agent was served").isEmpty();
    }

    @Test
    @Order(4)
    void anotherOrganizationsAdministratorFindsNothingOfThisOne() throws Exception {
        Org other = fixtures.organization();
        StaffUser outsider = fixtures.admin(other);
        Pattern uuidInPath = Pattern.compile("^/workspace/[^?]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        List<String> served = new ArrayList<>();
        int checked = 0;
        for (String url : visited.keySet()) {
            if (!uuidInPath.matcher(url).find()) continue;
            checked++;
            MockHttpServletResponse response = send(MockMvcRequestBuilders.get(URI.create(url)), staff(outsider), "fi");
            if (response.getStatus() != 403 && response.getStatus() != 404) served.add("GET " + url + " → " + response.getStatus());
        }
        for (Form form : forms.values()) {
            if (!uuidInPath.matcher(form.action()).find()) continue;
            checked++;
            MockHttpServletResponse response = send(post(form, plausible(form, 0), Files.PHOTO).with(csrf()), staff(outsider), "fi");
            if (response.getStatus() != 403 && response.getStatus() != 404) {
                served.add("POST " + form.action() + " → " + response.getStatus());
            }
        }
        assertThat(checked).as("pages and forms of one case, customer, article… found").isGreaterThan(20);
        assertThat(served).as("another organization's pages and forms that answered an outsider").isEmpty();
    }

    @Test
    @Order(5)
    void hostileQueryParametersGetAClearAnswerOnEveryPage() throws Exception {
        for (String url : visited.keySet()) {
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            Set<String> names = new LinkedHashSet<>(queryNames(url));
            endpointOf(path, HttpMethod.GET).ifPresent(e -> names.addAll(requestParams(e.handler())));
            if (names.isEmpty()) continue;
            RequestPostProcessor who = "admin".equals(visitedAs.get(url)) ? staff(admin) : anonymous();
            for (String value : HOSTILE) {
                StringBuilder query = new StringBuilder();
                for (String name : names) {
                    if (!query.isEmpty()) query.append('&');
                    query.append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8)).append('=')
                            .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
                }
                check("GET " + path + "?" + names + "=" + shortly(value),
                        MockMvcRequestBuilders.get(URI.create(path + "?" + query)), who);
            }
            check("GET " + path + " with non-UTF-8 parameters",
                    MockMvcRequestBuilders.get(URI.create(path + "?" + String.join("=%FF%FE&", names) + "=%E4")), who);
        }
        assertThat(serverErrors).as("server errors").isEmpty();
    }

    @Test
    @Order(6)
    void hostileFormsGetAClearAnswer() throws Exception {
        for (Form form : forms.values()) {
            RequestPostProcessor who = form.action().startsWith("/workspace") ? staff(admin) : anonymous();
            String what = "POST " + form.action() + " (form on " + form.foundOn() + ")";
            check(what + " with nothing", post(form, Map.of(), Files.NONE).with(csrf()), who);
            for (String value : HOSTILE) {
                Map<String, String> visibleHostile = new LinkedHashMap<>(form.fields());
                Map<String, String> allHostile = new LinkedHashMap<>(form.fields());
                form.fields().keySet().forEach(name -> {
                    if (name.equals(HONEYPOT)) return; // filled in, a public form pretends success and reads nothing
                    allHostile.put(name, value);
                    if (!form.hidden().contains(name)) visibleHostile.put(name, value);
                });
                check(what + " with its fields = " + shortly(value), post(form, visibleHostile, Files.HOSTILE).with(csrf()), who);
                if (!form.hidden().isEmpty()) {
                    check(what + " with every field, hidden too, = " + shortly(value),
                            post(form, allHostile, Files.HOSTILE).with(csrf()), who);
                }
            }
            check(what + " in ISO-8859-1 declared as UTF-8", nonUtf8(form).with(csrf()), who);
        }
        assertThat(serverErrors).as("server errors").isEmpty();
    }

    @Test
    @Order(7)
    void hostilePathVariablesAndBodiesGetAClearAnswerOnEveryEndpoint() throws Exception {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.pattern().getPatternString().equals("/error")) continue;
            for (HttpMethod method : endpoint.methods()) {
                for (String segment : HOSTILE_SEGMENTS) {
                    String path = expand(endpoint.pattern().getPatternString(), segment);
                    MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, URI.create(path));
                    if (endpoint.api()) {
                        request.header("Authorization", "Bearer " + org.apiToken())
                                .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"" + segment + "\"");
                    } else if (method != HttpMethod.GET) {
                        request.with(csrf());
                    }
                    check(method + " " + path, request, endpoint.api() ? anonymous()
                            : endpoint.pattern().getPatternString().startsWith("/workspace") ? staff(admin) : anonymous());
                }
            }
        }
        assertThat(serverErrors).as("server errors").isEmpty();
    }

    @Test
    @Order(8)
    void malformedAndOversizedBodiesGetAProblemFromEveryApiEndpoint() throws Exception {
        List<byte[]> bodies = List.of(new byte[0], "{".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8), "{\"text\": \"\u00e4\"}".getBytes(StandardCharsets.ISO_8859_1),
                ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8),
                ("{\"text\": \"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.pattern().getPatternString().startsWith("/api/")) continue;
            for (HttpMethod method : endpoint.methods()) {
                if (method == HttpMethod.GET) continue;
                String path = expand(endpoint.pattern().getPatternString(), "00000000-0000-0000-0000-000000000000");
                for (byte[] body : bodies) {
                    MockHttpServletResponse response = check(method + " " + path + " with a body of " + body.length + " bytes",
                            MockMvcRequestBuilders.request(method, URI.create(path))
                                    .header("Authorization", "Bearer " + org.apiToken())
                                    .contentType(MediaType.APPLICATION_JSON).content(body), anonymous());
                    if (response != null && response.getStatus() >= 400 && response.getContentType() != null
                            && !response.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                        serverErrors.add(method + " " + path + " answered " + response.getStatus() + " as "
                                + response.getContentType() + ", not problem+json");
                    }
                }
            }
        }
        assertThat(serverErrors).as("server errors and errors that are not problem+json").isEmpty();
        System.out.println("EveryEndpointTest: " + requests + " requests");
        assertThat(requests).as("requests sent").isGreaterThan(1_000);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private MockHttpServletResponse check(String what, AbstractMockHttpServletRequestBuilder<?> request, RequestPostProcessor who) {
        MvcResult result = checked(what, request, who);
        return result == null ? null : result.getResponse();
    }

    /** The answer, checked for a server error (then also noted); null when the request threw. */
    private MvcResult checked(String what, AbstractMockHttpServletRequestBuilder<?> request, RequestPostProcessor who) {
        try {
            MvcResult result = exchange(request, who, "fi");
            if (result.getResponse().getStatus() >= 500) serverErrors.add(what + " → " + result.getResponse().getStatus());
            return result;
        } catch (Exception e) {
            serverErrors.add(what + " → threw " + rootCause(e));
            return null;
        }
    }

    private MockHttpServletResponse send(AbstractMockHttpServletRequestBuilder<?> request, RequestPostProcessor who, String language)
            throws Exception {
        return exchange(request, who, language).getResponse();
    }

    private MvcResult exchange(AbstractMockHttpServletRequestBuilder<?> request, RequestPostProcessor who, String language)
            throws Exception {
        requests++;
        return pages.mvc().perform(request.with(who).with(r -> {
            r.setRemoteAddr(ADDRESS);
            return r;
        }).header("Accept-Language", language)).andReturn();
    }

    /** What a form's file fields are sent with: nothing, a photo as a person attaches one, or an executable with a hostile name. */
    private enum Files { NONE, PHOTO, HOSTILE }

    private AbstractMockHttpServletRequestBuilder<?> post(Form form, Map<String, String> fields, Files files) {
        URI action = URI.create(form.action());
        if (form.multipart() || !form.files().isEmpty()) {
            MockMultipartHttpServletRequestBuilder multipart = MockMvcRequestBuilders.multipart(action);
            for (String file : form.files()) {
                switch (files) {
                    case PHOTO -> multipart.file(new MockMultipartFile(file, "kuva.png", MediaType.IMAGE_PNG_VALUE, PNG));
                    case HOSTILE -> multipart.file(new MockMultipartFile(file, "../../<evil>.exe", "application/x-msdownload",
                            new byte[] {'M', 'Z', 0, 0, (byte) 0xFF}));
                    case NONE -> { }
                }
            }
            fields.forEach(multipart::param);
            return multipart;
        }
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post(action);
        fields.forEach(post::param);
        return post;
    }

    /** The form's own values and an "ä" in ISO-8859-1 bytes, sent as UTF-8 form data. */
    private static MockHttpServletRequestBuilder nonUtf8(Form form) {
        StringBuilder body = new StringBuilder();
        form.fields().forEach((name, value) -> {
            if (!body.isEmpty()) body.append('&');
            body.append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8)).append('=')
                    .append(form.hidden().contains(name) || name.equals(HONEYPOT)
                            ? UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8) : "%E4%FF");
        });
        return MockMvcRequestBuilders.post(URI.create(form.action()))
                .contentType("application/x-www-form-urlencoded;charset=UTF-8")
                .content(body.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{[^{}]*(\\{[^{}]*}[^{}]*)*}");

    private static String expand(String pattern, String segment) {
        return VARIABLE.matcher(pattern.replace("/**", "/x")).replaceAll(Matcher.quoteReplacement(segment));
    }

    private static List<String> queryNames(String url) {
        if (!url.contains("?")) return List.of();
        List<String> names = new ArrayList<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty()) names.add(UriUtils.decode(name, StandardCharsets.UTF_8));
        }
        return names;
    }

    private static List<String> requestParams(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (var parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null || Map.class.isAssignableFrom(parameter.getParameterType())) continue;
            String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
            if (name != null && !name.isEmpty()) names.add(name);
        }
        return names;
    }

    private RequestPostProcessor staff(StaffUser who) {
        return pages.as(who);
    }

    private static RequestPostProcessor anonymous() {
        return request -> request;
    }

    private static String shortly(String value) {
        return value.length() > 40 ? value.substring(0, 12) + "…(" + value.length() + " chars)" : "\"" + value + "\"";
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
