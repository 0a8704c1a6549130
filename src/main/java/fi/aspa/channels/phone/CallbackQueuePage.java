package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.OrganizationId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The callback queue: open requests by the time the resident preferred (earliest first), the latest finished ones on
 * their own tab. The lists show what a queue shows (when, the resident's name, topic, case reference, attempts or
 * outcome), as the case queues do, and are not logged; the number to call and the resident's message are shown only
 * on a request's own page ({@code /workspace/callbacks/{id}}, with the form for the outcome), and each view of it is
 * written to the personal-data access log (purpose {@value #PURPOSE}), as the case page is.
 */
@Controller
class CallbackQueuePage {
    static final int LIMIT = 200;
    static final String PURPOSE = "callback";

    private final Callbacks callbacks;
    private final Cases cases;
    private final PersonalDataLog accessLog;
    private final MessageSource messages;

    CallbackQueuePage(Callbacks callbacks, Cases cases, PersonalDataLog accessLog, MessageSource messages) {
        this.callbacks = callbacks;
        this.cases = cases;
        this.accessLog = accessLog;
        this.messages = messages;
    }

    /** A request in the list: nothing beyond what a queue shows. */
    record Row(String id, String url, String when, String name, String topic, int attempts, String reference,
               String caseUrl, String outcome, String doneAt) {}

    /** One request on its own page: with the number to call and the resident's message. */
    record Request(String id, String when, String name, String phone, String telUrl, String topic, String message,
                   int attempts, String reference, String caseUrl, boolean done, String outcome, String doneAt) {}

    record Option(String value, String label) {}

    @GetMapping("/workspace/callbacks")
    ModelAndView queue(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String show, Locale locale) {
        boolean done = "done".equals(show);
        OrganizationId org = me.organizationId();
        List<Callbacks.Task> tasks = callbacks.list(org, done, LIMIT);
        Map<UUID, String> references = new HashMap<>();
        for (CaseSummary c : cases.summaries(org, tasks.stream().map(Callbacks.Task::caseId).toList())) {
            references.put(c.id(), c.reference());
        }
        List<Row> rows = tasks.stream().map(t -> new Row(t.id().toString(), "/workspace/callbacks/" + t.id(),
                when(t, locale), name(t, locale), topic(t, locale), t.attempts(), references.getOrDefault(t.caseId(), ""),
                "/workspace/cases/" + t.caseId(), outcome(t, locale), doneAt(t, locale))).toList();
        ModelAndView page = new ModelAndView("phone/callbacks");
        page.addObject("rows", rows);
        page.addObject("done", done);
        return page;
    }

    @GetMapping("/workspace/callbacks/{id}")
    ModelAndView request(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id, Locale locale) {
        return render(me, task(me, id), new FormErrors(messages, locale), Map.of(), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/callbacks/{id}/done")
    ModelAndView done(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                      @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                      Locale locale, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        Callbacks.Task task = task(me, id);
        FormErrors errors = new FormErrors(messages, locale);
        Callbacks.Outcome result = Arrays.stream(Callbacks.Outcome.values()).filter(o -> o.name().equals(outcome))
                .findFirst().orElse(null);
        String text = note == null ? "" : note.strip();
        if (result == null) errors.add("outcome-" + id, "callbacks.error.outcome");
        if (PhonePage.unreadable(text)) errors.add("note-" + id, "phone.error.encoding");
        else if (text.length() > Callbacks.MAX_MESSAGE) errors.add("note-" + id, "callbacks.error.note-too-long", Callbacks.MAX_MESSAGE);
        if (!errors.isEmpty()) {
            return render(me, task, errors, Map.of("note-" + id, text), locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        boolean recorded = callbacks.complete(org, task.id(), me.id(), result, text, locale);
        redirect.addFlashAttribute("notice", recorded
                ? messages.getMessage("callbacks.notice." + result.name(), new Object[] {task.name()}, locale)
                : messages.getMessage("callbacks.notice.already-done", new Object[] {task.name()}, locale));
        return new ModelAndView("redirect:/workspace/callbacks");
    }

    private Callbacks.Task task(StaffPrincipal me, String id) {
        UUID taskId = PhonePage.uuidOrNull(id);
        return (taskId == null ? java.util.Optional.<Callbacks.Task>empty() : callbacks.find(me.organizationId(), taskId))
                .orElseThrow(() -> AspaException.notFound("Callback"));
    }

    /** The request's own page: the number and the message are personal data beyond a name, so the view is logged. */
    private ModelAndView render(StaffPrincipal me, Callbacks.Task t, FormErrors errors, Map<String, String> values,
                                Locale locale, HttpStatus status) {
        OrganizationId org = me.organizationId();
        CaseSummary summary = cases.summary(org, t.caseId()).orElseThrow(() -> AspaException.notFound("Callback"));
        accessLog.record(org, me.id(), summary.customerId(), PURPOSE, "callback request of " + summary.reference());
        Request request = new Request(t.id().toString(), when(t, locale), name(t, locale), t.phone(), "tel:" + t.phone(),
                topic(t, locale), t.message(), t.attempts(), summary.reference(), "/workspace/cases/" + t.caseId(), t.done(),
                outcome(t, locale), doneAt(t, locale));
        ModelAndView page = new ModelAndView("phone/callback-request", status);
        page.addObject("r", request);
        page.addObject("errors", errors);
        page.addObject("values", values);
        page.addObject("outcomes", Arrays.stream(Callbacks.Outcome.values())
                .map(o -> new Option(o.name(), msg(locale, "callbacks.outcome." + o.name()))).toList());
        return page;
    }

    private String when(Callbacks.Task t, Locale locale) {
        return DateTimes.date(t.date(), locale) + " " + msg(locale, "callback.window." + t.window().name());
    }

    private String name(Callbacks.Task t, Locale locale) {
        return t.name().isBlank() ? msg(locale, "phone.caller.no-name") : t.name();
    }

    private String topic(Callbacks.Task t, Locale locale) {
        return Topic.parse(t.topic()).map(x -> msg(locale, x.getMessageKey())).orElse(t.topic());
    }

    private String outcome(Callbacks.Task t, Locale locale) {
        return t.outcome() == null ? null : msg(locale, "callbacks.outcome." + t.outcome().name());
    }

    private String doneAt(Callbacks.Task t, Locale locale) {
        return t.doneAt() == null ? null : DateTimes.dateTime(t.doneAt(), locale);
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
