package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
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
 * The callback queue: open requests by the time the resident preferred (earliest first), each with the number to
 * call, and a form to record the outcome; the latest finished ones on their own tab.
 */
@Controller
class CallbackQueuePage {
    static final int LIMIT = 200;

    private final Callbacks callbacks;
    private final Cases cases;
    private final MessageSource messages;

    CallbackQueuePage(Callbacks callbacks, Cases cases, MessageSource messages) {
        this.callbacks = callbacks;
        this.cases = cases;
        this.messages = messages;
    }

    record Row(String id, String when, String name, String phone, String telUrl, String topic, String message,
               int attempts, String reference, String caseUrl, String outcome, String doneAt) {}

    record Option(String value, String label) {}

    @GetMapping("/workspace/callbacks")
    ModelAndView queue(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String show, Locale locale) {
        return render(me, "done".equals(show), new FormErrors(messages, locale), Map.of(), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/callbacks/{id}/done")
    ModelAndView done(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String id,
                      @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                      Locale locale, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        UUID taskId = PhonePage.uuidOrNull(id);
        Callbacks.Task task = taskId == null ? null : callbacks.find(org, taskId).orElse(null);
        if (task == null) throw AspaException.notFound("Callback");
        FormErrors errors = new FormErrors(messages, locale);
        Callbacks.Outcome result = Arrays.stream(Callbacks.Outcome.values()).filter(o -> o.name().equals(outcome))
                .findFirst().orElse(null);
        String text = note == null ? "" : note.strip();
        if (result == null) errors.add("outcome-" + id, "callbacks.error.outcome");
        if (PhonePage.unreadable(text)) errors.add("note-" + id, "phone.error.encoding");
        else if (text.length() > Callbacks.MAX_MESSAGE) errors.add("note-" + id, "callbacks.error.note-too-long", Callbacks.MAX_MESSAGE);
        if (!errors.isEmpty()) {
            return render(me, false, errors, Map.of("note-" + id, text), locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        boolean recorded = callbacks.complete(org, taskId, me.id(), result, text, locale);
        redirect.addFlashAttribute("notice", recorded
                ? messages.getMessage("callbacks.notice." + result.name(), new Object[] {task.name()}, locale)
                : messages.getMessage("callbacks.notice.already-done", new Object[] {task.name()}, locale));
        return new ModelAndView("redirect:/workspace/callbacks");
    }

    private ModelAndView render(StaffPrincipal me, boolean done, FormErrors errors, Map<String, String> values,
                                Locale locale, HttpStatus status) {
        OrganizationId org = me.organizationId();
        List<Callbacks.Task> tasks = callbacks.list(org, done, LIMIT);
        Map<UUID, String> references = new HashMap<>();
        for (Callbacks.Task t : tasks) {
            references.put(t.caseId(), cases.summary(org, t.caseId()).map(CaseSummary::reference).orElse(""));
        }
        List<Row> rows = tasks.stream().map(t -> new Row(t.id().toString(),
                DateTimes.date(t.date(), locale) + " " + msg(locale, "callback.window." + t.window().name()),
                t.name().isBlank() ? msg(locale, "phone.caller.no-name") : t.name(), t.phone(), "tel:" + t.phone(),
                Topic.parse(t.topic()).map(x -> msg(locale, x.getMessageKey())).orElse(t.topic()),
                t.message(), t.attempts(), references.get(t.caseId()), "/workspace/cases/" + t.caseId(),
                t.outcome() == null ? null : msg(locale, "callbacks.outcome." + t.outcome().name()),
                t.doneAt() == null ? null : DateTimes.dateTime(t.doneAt(), locale))).toList();
        ModelAndView page = new ModelAndView("phone/callbacks", status);
        page.addObject("rows", rows);
        page.addObject("done", done);
        page.addObject("errors", errors);
        page.addObject("values", values);
        page.addObject("outcomes", Arrays.stream(Callbacks.Outcome.values())
                .map(o -> new Option(o.name(), msg(locale, "callbacks.outcome." + o.name()))).toList());
        return page;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
