package fi.aspa.knowledge;

import fi.aspa.assistant.BotReply;
import fi.aspa.assistant.BotSource;
import fi.aspa.assistant.Chatbot;
import fi.aspa.chat.ChatHandover;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.PublicRateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Ask the assistant" on the help pages ({@code /help}, a life event, a service's help, an article): the chat widget's
 * bot ({@link Chatbot}) as a plain form. A question is posted, the bot's reply is kept in the resident's session
 * (one conversation, on the page it was asked on) and the post redirects back to that page, where the box shows the
 * conversation: an answer quoted from a public article or service with its source link, a clarifying question with the
 * two sources as buttons (choosing one quotes that source), or a hand-over. With htmx the same posts swap only the box.
 *
 * <p>"Talk to a person" hands over with the transcript and the page the question was asked on: when the chat is open
 * and JavaScript works (the post came from htmx), the conversation goes to the chat queue ({@link ChatHandover}) and
 * the resident continues in the widget; without JavaScript the chat cannot run, so the page offers the chat button and
 * the contact form; when the chat is closed, the contact form opens with the questions filled in. Questions the bot
 * could not answer are counted for the editors by the bot itself. Posts are CSRF-protected and rate-limited per client
 * address ({@link PublicRateLimits}, action {@value #RATE_ACTION}: {@code aspa.help.assistant.rate-limit} questions, 30 by
 * default, per {@code aspa.webform.rate-limit.period}; a conversation needs more than the forms' five).
 */
@Controller
class HelpAssistant {
    static final String RATE_ACTION = "help-assistant";
    static final int MAX_QUESTION = 500;
    static final int MAX_TURNS = 20;
    static final String SESSION = HelpAssistant.class.getName() + ".conversation";
    static final String CHAT_TOKEN = HelpAssistant.class.getName() + ".chat";
    /** A page of the help the box can be on: {@code /help}, {@code /help/{article}}, with a life event or a service. */
    private static final Pattern FROM = Pattern.compile("/help(/[0-9a-fA-F-]{36})?(\\?[A-Za-z]+=[A-Za-z0-9%._~:/+-]{1,400})?");

    private final Chatbot bot;
    private final ChatHandover chat;
    private final PublicOrganization publicOrganization;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final long questionsPerPeriod;

    HelpAssistant(Chatbot bot, ChatHandover chat, PublicOrganization publicOrganization, PublicRateLimits limits, MessageSource messages,
                  @Value("${aspa.help.assistant.rate-limit:30}") long questionsPerPeriod) {
        this.questionsPerPeriod = questionsPerPeriod;
        this.bot = bot;
        this.chat = chat;
        this.publicOrganization = publicOrganization;
        this.limits = limits;
        this.messages = messages;
    }

    /** A source as the box shows it. */
    record Source(String id, String title, String url) implements Serializable {}

    /**
     * One line of the conversation: the resident's question, or the bot's reply (kind ANSWER, CLARIFY, HANDOVER); an
     * answer {@code generated} by the organization's language model cites its sources as [1], [2], shown numbered.
     */
    record Turn(boolean bot, String kind, String text, List<Source> sources, String question, boolean generated) implements Serializable {
        Turn {
            sources = List.copyOf(sources);
        }

        Turn(boolean bot, String kind, String text, List<Source> sources, String question) {
            this(bot, kind, text, sources, question, false);
        }
    }

    /** The conversation in the session: on one page, in one language. */
    static final class Conversation implements Serializable {
        @Serial private static final long serialVersionUID = 1L;
        final String page;
        final String language;
        final ArrayList<Turn> turns = new ArrayList<>();

        Conversation(String page, String language) {
            this.page = page;
            this.language = language;
        }

        void add(Turn turn) {
            turns.add(turn);
            while (turns.size() > MAX_TURNS) turns.removeFirst();
        }

        Optional<Turn> last() {
            return turns.isEmpty() ? Optional.empty() : Optional.of(turns.getLast());
        }
    }

    /** What the box on a help page shows: the conversation asked on this page, in this language. */
    record Box(String from, List<Turn> turns, boolean handover, boolean chatOpen, String question, String error) {
        public boolean hasErrors() {
            return error != null;
        }
    }

    /** The box for a help page (called by {@link HelpPages} for its model). */
    Box box(HttpServletRequest request, String from, Language language) {
        Conversation c = conversation(request.getSession(false));
        List<Turn> turns = c != null && c.page.equals(from) && c.language.equals(language.code()) ? List.copyOf(c.turns) : List.of();
        boolean handover = !turns.isEmpty() && "HANDOVER".equals(turns.getLast().kind());
        return new Box(from, turns, handover, handover && chat.open(publicOrganization.get().id()), "", null);
    }

    /** The page address of a help page, as the box's hidden {@code from}. */
    static String from(String path, String param, String value) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        if (param != null && value != null && !value.isBlank()) b.queryParam(param, value);
        return b.encode().build().toUriString();
    }

    @PostMapping("/help/assistant")
    ModelAndView ask(@RequestParam(required = false) String from, @RequestParam(required = false) String question,
                     @RequestParam(required = false) String choice,
                     @RequestHeader(name = "HX-Request", required = false) String htmx,
                     HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        String page = page(from);
        FormErrors errors = new FormErrors(messages, locale);
        String text = question == null ? "" : question.strip();
        HttpSession session = request.getSession(true);
        Conversation conversation = conversation(session);
        if (conversation == null || !conversation.page.equals(page) || !conversation.language.equals(language.code())) {
            conversation = new Conversation(page, language.code());
        }
        if (choice != null && !choice.isBlank()) {
            return choose(conversation, session, org, language, page, choice.strip(), htmx, request, response, locale);
        }
        if (text.isEmpty()) errors.add("question", "knowledge.assistant.error.required");
        else if (text.indexOf('\uFFFD') >= 0 || text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
            errors.add("question", "knowledge.assistant.error.encoding");
        } else if (text.length() > MAX_QUESTION) errors.add("question", "knowledge.assistant.error.too-long", MAX_QUESTION);
        if (!errors.isEmpty()) return failed(page, language, text, errors, HttpStatus.UNPROCESSABLE_CONTENT, htmx, request, response);
        if (!limits.tryAcquire(RATE_ACTION, request.getRemoteAddr(), questionsPerPeriod)) {
            errors.add("question", "error.rate-limited");
            return failed(page, language, text, errors, HttpStatus.TOO_MANY_REQUESTS, htmx, request, response);
        }
        BotReply reply = bot.reply(org.id(), language, text, pageUrl(request, page));
        conversation.add(new Turn(false, "QUESTION", text, List.of(), null));
        conversation.add(new Turn(true, reply.kind().name(), reply.text(), sources(reply), text, reply.generated()));
        session.setAttribute(SESSION, conversation);
        return done(page, language, htmx, request, response);
    }

    private ModelAndView choose(Conversation conversation, HttpSession session, Organization org, Language language, String page,
                                String choice, String htmx, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Turn asked = conversation.last().filter(t -> "CLARIFY".equals(t.kind())).orElse(null);
        Source chosen = asked == null ? null : asked.sources().stream().filter(s -> s.id().equals(choice)).findFirst().orElse(null);
        if (chosen == null) {
            FormErrors errors = new FormErrors(messages, locale).add("question", "knowledge.assistant.error.choice");
            return failed(page, language, "", errors, HttpStatus.UNPROCESSABLE_CONTENT, htmx, request, response);
        }
        if (!limits.tryAcquire(RATE_ACTION, request.getRemoteAddr(), questionsPerPeriod)) {
            FormErrors errors = new FormErrors(messages, locale).add("question", "error.rate-limited");
            return failed(page, language, "", errors, HttpStatus.TOO_MANY_REQUESTS, htmx, request, response);
        }
        conversation.add(new Turn(false, "CHOICE", chosen.title(), List.of(), null));
        Optional<BotReply> reply = bot.answerFrom(org.id(), language, asked.question(), pageUrl(request, page), chosen.id());
        conversation.add(reply.map(r -> new Turn(true, r.kind().name(), r.text(), sources(r), asked.question(), r.generated()))
                // nothing to quote for that question in the source: offer the source itself
                .orElseGet(() -> new Turn(true, "LINK", messages.getMessage("knowledge.assistant.see-source", null, language.locale()),
                        List.of(chosen), asked.question())));
        session.setAttribute(SESSION, conversation);
        return done(page, language, htmx, request, response);
    }

    /**
     * "Talk to a person": into the chat queue with the transcript when the chat is open and the post came from htmx
     * (JavaScript runs, so the widget can continue); the chat's page without JavaScript; the contact form with the
     * questions filled in when the chat is closed.
     */
    @PostMapping("/help/assistant/person")
    ModelAndView person(@RequestParam(required = false) String from,
                        @RequestHeader(name = "HX-Request", required = false) String htmx,
                        HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        String page = page(from);
        HttpSession session = request.getSession(true);
        Conversation c = conversation(session);
        List<Turn> turns = c != null && c.page.equals(page) ? List.copyOf(c.turns) : List.of();
        boolean asked = turns.stream().anyMatch(t -> !t.bot());
        String target;
        if (!chat.open(org.id())) {
            target = contactUrl(turns, pageUrl(request, page), language);
        } else if (htmx != null && asked) {
            if (!limits.tryAcquire(RATE_ACTION, request.getRemoteAddr(), questionsPerPeriod)) {
                FormErrors errors = new FormErrors(messages, locale).add("question", "error.rate-limited");
                return failed(page, language, "", errors, HttpStatus.TOO_MANY_REQUESTS, htmx, request, response);
            }
            try {
                String token = chat.handOver(org.id(), language, transcript(turns), pageUrl(request, page));
                session.setAttribute(CHAT_TOKEN, token);
                session.removeAttribute(SESSION);
                target = "/help/assistant/chat";
            } catch (AspaException e) {
                if (!"chat-unavailable".equals(e.code())) throw e;
                target = contactUrl(turns, pageUrl(request, page), language);
            }
        } else {
            target = UriComponentsBuilder.fromPath("/help/assistant/chat").queryParam("from", page).encode().build().toUriString();
        }
        if (htmx != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + target);
            return new ModelAndView("knowledge/assistant-box :: box", new org.springframework.ui.ModelMap("box", box(request, page, language)));
        }
        return new ModelAndView("redirect:" + target);
    }

    /**
     * The chat page of a hand-over: the widget continues the conversation handed over (its resume token from the session,
     * once); without one (or without JavaScript) the widget's chat button, and the contact form as the way that always works.
     */
    @GetMapping("/help/assistant/chat")
    String chatPage(@RequestParam(required = false) String from, HttpServletRequest request, Locale locale, Model model,
                    HttpServletResponse response) {
        Organization org = publicOrganization.get();
        Language language = Language.of(locale);
        String page = from == null ? "/help" : page(from);
        HttpSession session = request.getSession(false);
        String token = session == null ? null : (String) session.getAttribute(CHAT_TOKEN);
        if (session != null) session.removeAttribute(CHAT_TOKEN);
        Conversation c = conversation(session);
        List<Turn> turns = c != null && c.page.equals(page) ? List.copyOf(c.turns) : List.of();
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("noindex", true);
        model.addAttribute("resume", token);
        model.addAttribute("open", chat.open(org.id()));
        model.addAttribute("organizationSlug", org.slug());
        model.addAttribute("from", page);
        model.addAttribute("contactUrl", contactUrl(turns, pageUrl(request, page), language));
        return "knowledge/assistant-chat";
    }

    private ModelAndView done(String page, Language language, String htmx, HttpServletRequest request, HttpServletResponse response) {
        if (htmx != null) {
            response.setHeader("Vary", "HX-Request");
            return new ModelAndView("knowledge/assistant-box :: box", new org.springframework.ui.ModelMap("box", box(request, page, language)));
        }
        return new ModelAndView("redirect:" + page + "#assistant");
    }

    /** Bad input: with htmx the box with the error (200, so htmx swaps it); else the assistant's own page, 422 or 429. */
    private ModelAndView failed(String page, Language language, String text, FormErrors errors, HttpStatus status, String htmx,
                                HttpServletRequest request, HttpServletResponse response) {
        Box current = box(request, page, language);
        String shown = text.length() > MAX_QUESTION * 2 ? text.substring(0, MAX_QUESTION * 2) : text;
        Box box = new Box(page, current.turns(), current.handover(), current.chatOpen(), shown, errors.get("question"));
        if (htmx != null) {
            return new ModelAndView("knowledge/assistant-box :: box", new org.springframework.ui.ModelMap("box", box));
        }
        ModelAndView mav = new ModelAndView("knowledge/assistant");
        mav.addObject("box", box);
        mav.addObject("errors", errors);
        mav.addObject("noindex", true);
        mav.setStatus(status);
        return mav;
    }

    private static List<Source> sources(BotReply reply) {
        List<Source> out = new ArrayList<>();
        for (BotSource s : reply.sources()) out.add(new Source(s.id(), s.title(), s.url()));
        return out;
    }

    private static List<ChatHandover.Turn> transcript(List<Turn> turns) {
        return turns.stream().map(t -> new ChatHandover.Turn(t.bot(), t.text(),
                t.sources().stream().map(s -> new ChatHandover.Source(s.title(), s.url())).toList())).toList();
    }

    /** The contact form with the resident's questions (and the page they were asked on) filled in. */
    private String contactUrl(List<Turn> turns, String pageUrl, Language language) {
        StringBuilder text = new StringBuilder();
        for (Turn t : turns) {
            if (t.bot() || !"QUESTION".equals(t.kind())) continue;
            if (!text.isEmpty()) text.append("\n\n");
            text.append(t.text());
        }
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/contact");
        if (!text.isEmpty()) {
            text.append("\n\n").append(messages.getMessage("knowledge.assistant.asked-on", new Object[] {pageUrl}, language.locale()));
            String message = text.length() > 1500 ? text.substring(text.length() - 1500) : text.toString();
            b.queryParam("message", message);
        }
        return b.encode().build().toUriString();
    }

    private static String pageUrl(HttpServletRequest request, String page) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + page;
    }

    /** The page the box was on; anything else (another site, a script) falls back to {@code /help}. */
    static String page(String from) {
        return from != null && from.length() <= 500 && FROM.matcher(from).matches() ? from : "/help";
    }

    private static Conversation conversation(HttpSession session) {
        return session == null ? null : session.getAttribute(SESSION) instanceof Conversation c ? c : null;
    }
}
