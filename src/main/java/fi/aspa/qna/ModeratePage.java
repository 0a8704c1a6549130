package fi.aspa.qna;

import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.knowledge.Article;
import fi.aspa.knowledge.ArticleDraft;
import fi.aspa.knowledge.ArticleVisibility;
import fi.aspa.knowledge.Editor;
import fi.aspa.knowledge.Knowledge;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Csv;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.Tokens;
import fi.aspa.qna.QnaStore.Event;
import fi.aspa.qna.QnaStore.Question;
import fi.aspa.qna.QnaStore.Status;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderator console of an event, {@code /workspace/events/{id}/moderate}: for the event's creator, the
 * organization's unit managers and administrators (others 403; another organization's event is the plain 404).
 * Questions by status (pending when the event is pre-moderated, visible, answered, hidden) with approve, hide, mark
 * answered with an optional written answer (also after the event: how advance questions get their answers) and
 * "show on screen". The names askers gave are personal data: each view of them is written to the access log, one
 * entry per named asker. The CSV export holds the questions, votes, statuses and answers, without names.
 */
@Controller
class ModeratePage {
    static final String PURPOSE = "qna-moderation";
    /** The knowledge base's limit of an article's body. */
    static final int MAX_ARTICLE_BODY = 20_000;

    private final QnaStore store;
    private final Customers customers;
    private final PersonalDataLog accessLog;
    private final MessageSource messages;
    private final Knowledge knowledge;

    ModeratePage(QnaStore store, Customers customers, PersonalDataLog accessLog, MessageSource messages, Knowledge knowledge) {
        this.store = store;
        this.knowledge = knowledge;
        this.customers = customers;
        this.accessLog = accessLog;
        this.messages = messages;
    }

    record Row(UUID id, String text, String name, long votes, String phaseKey, Status status, String answer,
               Instant createdAt, boolean highlighted) {}

    record Section(String status, String titleKey, List<Row> rows) {}

    @GetMapping("/workspace/events/{id}/moderate")
    ModelAndView show(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        return page(event(id, me), me, new FormErrors(messages, locale), null, locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/events/{id}/questions/{question}/{action}")
    ModelAndView act(@PathVariable String id, @PathVariable String question, @PathVariable String action,
                     @RequestParam(required = false) String answer, @AuthenticationPrincipal StaffPrincipal me,
                     Locale locale, RedirectAttributes redirect) {
        Event event = event(id, me);
        UUID questionId = ParticipantPage.uuid(question);
        if (questionId == null || store.question(event, questionId).isEmpty()) throw AspaException.notFound("Question");
        if (action.equals("answer")) {
            String text = answer == null ? "" : answer.strip();
            FormErrors errors = new FormErrors(messages, locale);
            String field = "answer-" + questionId;
            if (ParticipantPage.unreadable(text)) errors.add(field, "qna.error.encoding");
            else if (text.length() > QnaStore.MAX_ANSWER) {
                errors.add(field, "qna.error.too-long", String.valueOf(QnaStore.MAX_ANSWER), String.valueOf(text.length()));
            }
            if (!errors.isEmpty()) return page(event, me, errors, Map.of(questionId, text), locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        boolean done = switch (action) {
            case "approve" -> store.setStatus(event, questionId, Status.VISIBLE);
            case "hide" -> store.setStatus(event, questionId, Status.HIDDEN);
            case "highlight" -> store.highlight(event, questionId);
            case "answer" -> store.answer(event, questionId, answer);
            default -> throw AspaException.notFound("Action");
        };
        if (!done) throw AspaException.conflict("not-changed", "The question cannot be changed so");
        redirect.addFlashAttribute("done", action);
        return new ModelAndView("redirect:/workspace/events/" + event.id() + "/moderate#q-" + questionId);
    }

    @PostMapping("/workspace/events/{id}/highlight/clear")
    ModelAndView clear(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        Event event = event(id, me);
        store.highlight(event, null);
        redirect.addFlashAttribute("done", "clear");
        return new ModelAndView("redirect:/workspace/events/" + event.id() + "/moderate");
    }

    /**
     * The console's poll (every 5 s): 204 while the event has the same questions in the same statuses as the page
     * shows ({@code v}); otherwise a note with a link to reload, in the console's live region. No names, no log.
     */
    @GetMapping("/workspace/events/{id}/moderate/changes")
    ModelAndView changes(@PathVariable String id, @RequestParam(required = false) String v,
                         @AuthenticationPrincipal StaffPrincipal me, jakarta.servlet.http.HttpServletResponse response) {
        Event event = event(id, me);
        String version = version(store.questions(event, List.of(Status.values()), false));
        if (version.equals(v)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        ModelAndView update = new ModelAndView("qna/moderate-update :: update");
        update.addObject("event", event);
        update.addObject("version", version);
        return update;
    }

    /** What the console's moderator acts on: the questions and their statuses (votes change too often to tell). */
    static String version(List<Question> questions) {
        StringBuilder fingerprint = new StringBuilder();
        questions.stream().sorted(java.util.Comparator.comparing(Question::id))
                .forEach(q -> fingerprint.append(q.id()).append(q.status()).append('|'));
        return Tokens.sha256(fingerprint.toString()).substring(0, 16);
    }

    /**
     * A knowledge article draft (INTERNAL, in the reader's language) from the answered questions that have a written
     * answer: each question a heading, its answer below. The editors decide what becomes of it.
     */
    @PostMapping("/workspace/events/{id}/knowledge-draft")
    ModelAndView knowledgeDraft(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale,
                                RedirectAttributes redirect) {
        Event event = event(id, me);
        Language language = Language.of(locale);
        StringBuilder body = new StringBuilder();
        for (Question q : store.questions(event, List.of(Status.ANSWERED), false)) {
            if (q.answer() == null) continue;
            String part = "## " + markdownText(q.text()) + "\n\n" + q.answer().strip() + "\n\n";
            if (body.length() + part.length() > MAX_ARTICLE_BODY) break;
            body.append(part);
        }
        if (body.isEmpty()) {
            redirect.addFlashAttribute("done", "no-answers");
            return new ModelAndView("redirect:/workspace/events/" + event.id() + "/moderate");
        }
        String title = messages.getMessage("qna.knowledge.title", new Object[] {event.title().in(language)}, locale);
        if (title.length() > QnaStore.MAX_TITLE) title = title.substring(0, QnaStore.MAX_TITLE);
        Article article = knowledge.create(event.organizationId(), Editor.of(me),
                ArticleDraft.of(ArticleVisibility.INTERNAL, language, title, body.toString().strip()));
        return new ModelAndView("redirect:/workspace/knowledge/" + article.id());
    }

    /** A resident's text as plain text in Markdown: its markup characters escaped, on one line. */
    static String markdownText(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("([\\\\`*_\\[\\]#<>|!~])", "\\\\$1").strip();
    }

    /** Every question with its votes, status and answer, for follow-up; spreadsheet formulas are defused. */
    @GetMapping("/workspace/events/{id}/export.csv")
    ResponseEntity<byte[]> export(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        Event event = event(id, me);
        List<String> header = Stream.of("asked", "phase", "status", "votes", "question", "answer", "answered")
                .map(h -> msg("qna.csv." + h, locale)).toList();
        return Csv.download("questions-" + event.code() + ".csv", header,
                store.questions(event, List.of(Status.values()), false).stream().map(q -> Arrays.asList(
                        DateTimes.iso(q.createdAt()), msg("qna.phase." + q.phase().name(), locale),
                        msg("qna.status." + q.status().name(), locale), q.votes(), q.text(), q.answer(),
                        q.answeredAt() == null ? null : DateTimes.iso(q.answeredAt()))));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private Event event(String id, StaffPrincipal me) {
        UUID eventId = ParticipantPage.uuid(id);
        Event event = eventId == null ? null : store.find(me.organizationId(), eventId).orElse(null);
        if (event == null) throw AspaException.notFound("Event");
        if (!EventsPage.canModerate(me, event)) {
            throw AspaException.forbidden("Only the event's creator, unit managers and administrators moderate it");
        }
        return event;
    }

    private ModelAndView page(Event event, StaffPrincipal me, FormErrors errors, Map<UUID, String> answers, Locale locale,
                              HttpStatus status) {
        Language language = Language.of(locale);
        List<Question> all = store.questions(event, List.of(Status.values()), false);
        List<UUID> askers = all.stream().map(Question::askerCustomerId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> names = askers.isEmpty() ? Map.of() : customers.names(event.organizationId(), askers);
        Map<UUID, String> logged = new LinkedHashMap<>();
        for (UUID asker : names.keySet()) logged.put(asker, "event " + event.code());
        accessLog.recordAll(event.organizationId(), me.id(), PURPOSE, logged);

        List<Section> sections = List.of(Status.values()).stream()
                .filter(s -> s != Status.PENDING || event.premoderated() || all.stream().anyMatch(q -> q.status() == Status.PENDING))
                .map(s -> new Section(s.name(), "qna.moderate.section." + s.name(), all.stream().filter(q -> q.status() == s)
                        .map(q -> new Row(q.id(), q.text(), q.askerCustomerId() == null ? null : names.get(q.askerCustomerId()),
                                q.votes(), "qna.phase." + q.phase().name(), q.status(),
                                answers != null && answers.containsKey(q.id()) ? answers.get(q.id()) : q.answer(),
                                q.createdAt(), q.id().equals(event.highlightedQuestionId())))
                        .toList()))
                .toList();
        ModelAndView page = new ModelAndView("qna/moderate", status);
        page.addObject("event", event);
        page.addObject("title", event.title().in(language));
        page.addObject("stateKey", EventsPage.stateKey(event, store.now()));
        page.addObject("participantPath", EventsPage.participantPath(event));
        page.addObject("screenPath", EventsPage.participantPath(event).replaceFirst("/ask$", "") + "/screen");
        page.addObject("sections", sections);
        page.addObject("errors", errors);
        page.addObject("highlighting", event.highlightedQuestionId() != null);
        page.addObject("version", version(all));
        return page;
    }
}
