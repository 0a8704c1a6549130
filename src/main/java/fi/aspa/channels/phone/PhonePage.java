package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Logging a phone call, keyboard first: the number has the focus; Enter finds the callers by number (each one shown
 * is written to the access log) with their latest cases; then the caller, topic, notes and outcome, and Enter on
 * Save. The telephony hook links here with the number filled in.
 */
@Controller
class PhonePage {
    static final int MAX_NOTES = 20_000;
    static final int MAX_NAME = 200;

    private final CallerLookup lookup;
    private final CallLog callLog;
    private final MessageSource messages;

    PhonePage(CallerLookup lookup, CallLog callLog, MessageSource messages) {
        this.lookup = lookup;
        this.callLog = callLog;
        this.messages = messages;
    }

    record Option(String value, String label) {}

    record RecentCase(UUID id, String reference, String subject, String status, String channel, String updated) {}

    /** A caller's open case the call can be added to: the radio's value and its label. */
    record OpenCase(String id, String label) {}

    record Match(String id, String name, List<RecentCase> recent, List<OpenCase> open) {}

    /**
     * The call form as typed; {@code target} is the case the call goes to: "new", an open case's id, or "" (not
     * chosen; a new case when the caller has no open case).
     */
    record Form(String customer, String name, String language, String topic, String notes, String outcome, String target) {}

    @GetMapping("/workspace/phone")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String number, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        String typed = number == null ? "" : number.strip();
        if (!typed.isEmpty() && !PhoneNumbers.isLookup(typed)) errors.add("number", "phone.error.number");
        return render(me, typed, new Form("", "", Language.of(locale).code(), Topic.GENERAL.getCode(), "", "", ""), errors,
                locale, errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @PostMapping("/workspace/phone")
    ModelAndView log(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String number,
                     @RequestParam(required = false) String customer, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String language, @RequestParam(required = false) String topic,
                     @RequestParam(required = false) String notes, @RequestParam(required = false) String outcome,
                     @RequestParam(name = "case", required = false) String target,
                     Locale locale, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        String typed = number == null ? "" : number.strip();
        Form form = new Form(nz(customer), nz(name).strip(), nz(language), nz(topic), nz(notes), nz(outcome), nz(target));
        FormErrors errors = new FormErrors(messages, locale);
        String international = null;
        if (!typed.isEmpty()) {
            if (PhoneNumbers.isLookup(typed)) international = PhoneNumbers.international(typed);
            else errors.add("number", "phone.error.number");
        }
        UUID customerId = null;
        if (form.customer().isEmpty()) {
            errors.add("customer-new", "phone.error.customer");
        } else if (!form.customer().equals("new")) {
            customerId = uuidOrNull(form.customer());
            if (customerId == null || international == null
                    || !lookup.ids(org, international).contains(customerId)) {
                errors.add("customer-new", "phone.error.customer");
            }
        } else {
            if (unreadable(form.name())) errors.add("name", "phone.error.encoding");
            else if (form.name().length() > MAX_NAME) errors.add("name", "phone.error.name-too-long", MAX_NAME);
            else if (form.name().isEmpty() && international == null) errors.add("name", "phone.error.name-or-number");
            if (Language.parse(form.language()).isEmpty()) errors.add("language-fi", "phone.error.language");
        }
        if (Topic.parse(form.topic()).isEmpty()) errors.add("topic", "phone.error.topic");
        String text = form.notes().strip();
        if (text.isEmpty()) errors.add("notes", "phone.error.notes");
        else if (unreadable(text)) errors.add("notes", "phone.error.encoding");
        else if (text.length() > MAX_NOTES) errors.add("notes", "phone.error.notes-too-long", MAX_NOTES, text.length());
        CallLog.Outcome result = parseOutcome(form.outcome());
        if (result == null) errors.add("outcome-RESOLVED", "phone.error.outcome");
        else if (result == CallLog.Outcome.CALLBACK && international == null) errors.add("outcome-RESOLVED", "phone.error.callback-number");
        UUID caseId = null;
        boolean customerChosen = !errors.has("customer-new");
        if (form.target().isEmpty() || form.target().equals("new")) {
            // not chosen: a new case, unless the caller has open cases, which the form offered (nobody starts over)
            if (form.target().isEmpty() && customerId != null && customerChosen && lookup.hasOpenCases(org, customerId)) {
                errors.add("case-new", "phone.error.case-choose");
            }
        } else if (customerChosen) {
            caseId = uuidOrNull(form.target());
            String refused = caseId == null || customerId == null ? CallLog.UNKNOWN_CASE
                    : callLog.refusal(org, me.id(), customerId, caseId, result);
            caseError(errors, refused);
        }
        if (!errors.isEmpty()) return render(me, typed, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);

        CallLog.Logged logged;
        try {
            logged = callLog.log(org, me.id(), me.unitId(), new CallLog.Call(international, customerId,
                    form.name(), Language.parse(form.language()).orElse(Language.FI), Topic.parse(form.topic()).orElseThrow(),
                    text, result, caseId));
        } catch (AspaException e) {
            if (List.of(CallLog.UNKNOWN_CASE, CallLog.OTHERS_CASE).contains(e.code())) {
                caseError(errors, e.code()); // the case changed between the check and the lock
            } else if (List.of("required", "too-long", "invalid-text").contains(e.code())) {
                errors.add("notes", "error." + e.code(), e.args());
            } else {
                throw e;
            }
            return render(me, typed, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("notice", messages.getMessage(
                (logged.added() ? "phone.notice.added." : "phone.notice.logged.") + result.name(),
                new Object[] {logged.reference()}, locale));
        redirect.addFlashAttribute("caseUrl", "/workspace/cases/" + logged.id());
        redirect.addFlashAttribute("caseReference", logged.reference());
        return new ModelAndView("redirect:/workspace/phone");
    }

    private static void caseError(FormErrors errors, String refused) {
        if (CallLog.UNKNOWN_CASE.equals(refused)) errors.add("case-new", "phone.error.case");
        else if (CallLog.OTHERS_CASE.equals(refused)) errors.add("outcome-RESOLVED", "phone.error.resolve-others-case");
    }

    private ModelAndView render(StaffPrincipal me, String number, Form form, FormErrors errors, Locale locale, HttpStatus status) {
        ModelAndView page = new ModelAndView("phone/call", status);
        boolean lookupDone = !number.isEmpty() && PhoneNumbers.isLookup(number);
        List<Match> matches = List.of();
        String international = lookupDone ? PhoneNumbers.international(number) : null;
        if (lookupDone) {
            matches = lookup.forStaff(me.organizationId(), international, me.id()).stream()
                    .map(c -> new Match(c.id().toString(), c.name().isBlank() ? msg(locale, "phone.caller.no-name") : c.name(),
                            c.recentCases().stream().map(s -> new RecentCase(s.id(), s.reference(), s.subject(),
                                    msg(locale, "workspace.status." + s.status().name()),
                                    msg(locale, "workspace.channel." + s.channel().name()),
                                    DateTimes.dateTime(s.updatedAt(), locale))).toList(),
                            c.openCases().stream().map(s -> new OpenCase(s.id().toString(), msg(locale, "phone.case.add",
                                    s.reference(), s.subject(), msg(locale, "workspace.status." + s.status().name())))).toList()))
                    .toList();
        }
        String customer = form.customer();
        if (customer.isEmpty() && errors.isEmpty()) {
            customer = matches.size() == 1 ? matches.getFirst().id() : matches.isEmpty() ? "new" : "";
        }
        boolean offerCases = matches.stream().anyMatch(m -> !m.open().isEmpty());
        String target = form.target();
        if (target.isEmpty() && errors.isEmpty() && !offerCases) target = "new";
        page.addObject("offerCases", offerCases);
        page.addObject("target", target);
        page.addObject("number", number);
        page.addObject("international", international);
        page.addObject("lookupDone", lookupDone);
        page.addObject("matches", matches);
        page.addObject("form", form);
        page.addObject("customer", customer);
        page.addObject("errors", errors);
        page.addObject("topics", Arrays.stream(Topic.values()).map(t -> new Option(t.getCode(), msg(locale, t.getMessageKey()))).toList());
        page.addObject("outcomes", Arrays.stream(CallLog.Outcome.values())
                .map(o -> new Option(o.name(), msg(locale, "phone.outcome." + o.name()))).toList());
        page.addObject("languages", Arrays.stream(Language.values())
                .map(l -> new Option(l.code(), msg(locale, "phone.language." + l.code()))).toList());
        return page;
    }

    private static CallLog.Outcome parseOutcome(String value) {
        return Arrays.stream(CallLog.Outcome.values()).filter(o -> o.name().equals(value)).findFirst().orElse(null);
    }

    static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean unreadable(String value) {
        return value != null && (value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
