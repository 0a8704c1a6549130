package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.OpenedCase;
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

    record Match(String id, String name, List<RecentCase> recent) {}

    /** The call form as typed. */
    record Form(String customer, String name, String language, String topic, String notes, String outcome) {}

    @GetMapping("/workspace/phone")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String number, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        String typed = number == null ? "" : number.strip();
        if (!typed.isEmpty() && !PhoneNumbers.isLookup(typed)) errors.add("number", "phone.error.number");
        return render(me, typed, new Form("", "", Language.of(locale).code(), Topic.GENERAL.getCode(), "", ""), errors,
                locale, errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @PostMapping("/workspace/phone")
    ModelAndView log(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String number,
                     @RequestParam(required = false) String customer, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String language, @RequestParam(required = false) String topic,
                     @RequestParam(required = false) String notes, @RequestParam(required = false) String outcome,
                     Locale locale, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        String typed = number == null ? "" : number.strip();
        Form form = new Form(nz(customer), nz(name).strip(), nz(language), nz(topic), nz(notes), nz(outcome));
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
        if (!errors.isEmpty()) return render(me, typed, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);

        OpenedCase opened;
        try {
            opened = callLog.log(org, me.id(), me.unitId(), new CallLog.Call(international, customerId,
                    form.name(), Language.parse(form.language()).orElse(Language.FI), Topic.parse(form.topic()).orElseThrow(),
                    text, result));
        } catch (AspaException e) {
            if (!List.of("required", "too-long", "invalid-text").contains(e.code())) throw e;
            errors.add("notes", "error." + e.code(), e.args());
            return render(me, typed, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("phone.notice.logged." + result.name(),
                new Object[] {opened.reference()}, locale));
        redirect.addFlashAttribute("caseUrl", "/workspace/cases/" + opened.id());
        redirect.addFlashAttribute("caseReference", opened.reference());
        return new ModelAndView("redirect:/workspace/phone");
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
                                    DateTimes.dateTime(s.updatedAt(), locale))).toList()))
                    .toList();
        }
        String customer = form.customer();
        if (customer.isEmpty() && errors.isEmpty()) {
            customer = matches.size() == 1 ? matches.getFirst().id() : matches.isEmpty() ? "new" : "";
        }
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
