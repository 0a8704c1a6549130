package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.OpenedCase;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Call me back": a resident leaves a name, a Finnish phone number, a preferred day and half-day, a topic and a
 * short message. A valid request becomes a case and a callback task in one transaction; the thank-you page shows
 * the reference and the private tracking link once. Errors come back with what was typed (422), too many requests
 * from one address too (429); a filled honeypot pretends success and stores nothing.
 */
@Controller
class CallbackPage {
    static final int MAX_DAYS_AHEAD = 30;
    private static final Logger log = LoggerFactory.getLogger(CallbackPage.class);

    private final PublicOrganization publicOrganization;
    private final Callbacks callbacks;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final Clock clock;

    CallbackPage(PublicOrganization publicOrganization, Callbacks callbacks, PublicRateLimits limits,
                 MessageSource messages, Clock clock) {
        this.publicOrganization = publicOrganization;
        this.callbacks = callbacks;
        this.limits = limits;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String value, String label) {}

    @GetMapping("/callback")
    ModelAndView form(Locale locale) {
        publicOrganization.get();
        CallbackForm form = new CallbackForm();
        form.setDate(today().toString());
        return page(form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/callback")
    ModelAndView submit(@ModelAttribute("form") CallbackForm form, HttpServletRequest request, Locale locale,
                        RedirectAttributes redirect) {
        var organization = publicOrganization.get();
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            log.info("Callback form honeypot was filled in; pretending success and storing nothing");
            return new ModelAndView("redirect:/callback/sent");
        }
        FormErrors errors = validate(form, locale);
        if (!errors.isEmpty()) return page(form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("callback", request.getRemoteAddr())) {
            errors.add("send", "error.rate-limited");
            return page(form, errors, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        String message = clean(form.getMessage());
        OpenedCase opened;
        try {
            opened = callbacks.request(organization.id(), new Callbacks.Request(clean(form.getName()),
                    PhoneNumbers.international(form.getPhone()), DateTimes.parseDate(form.getDate(), locale),
                    Callbacks.Window.valueOf(form.getWindow()), Topic.parse(form.getTopic()).orElseThrow(),
                    message.isEmpty() ? null : message, Language.of(locale)));
        } catch (AspaException e) {
            if (!List.of("required", "too-long", "invalid-text").contains(e.code())) throw e;
            errors.add("message", "error." + e.code(), e.args());
            return page(form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("reference", opened.reference());
        redirect.addFlashAttribute("when", DateTimes.date(DateTimes.parseDate(form.getDate(), locale), locale)
                + ", " + messages.getMessage("callback.window." + form.getWindow(), null, locale).toLowerCase(locale));
        redirect.addFlashAttribute("trackingUrl", ServletUriComponentsBuilder.fromContextPath(request)
                .path("/track/{token}").buildAndExpand(opened.trackingToken()).toUriString());
        return new ModelAndView("redirect:/callback/sent");
    }

    @GetMapping("/callback/sent")
    ModelAndView sent() {
        ModelAndView page = new ModelAndView("phone/callback-sent");
        page.addObject("noindex", true);
        return page;
    }

    private FormErrors validate(CallbackForm form, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        String name = clean(form.getName());
        if (name.isEmpty()) errors.add("name", "callback.error.name");
        else if (PhonePage.unreadable(name)) errors.add("name", "phone.error.encoding");
        else if (name.length() > PhonePage.MAX_NAME) errors.add("name", "phone.error.name-too-long", PhonePage.MAX_NAME);

        String phone = clean(form.getPhone());
        if (phone.isEmpty()) errors.add("phone", "callback.error.phone-required");
        else if (!PhoneNumbers.isFinnish(phone)) errors.add("phone", "callback.error.phone");

        // ISO from the date picker; typed without one, the language's own form (or the Finnish one) as the hint shows
        LocalDate date = DateTimes.parseDate(form.getDate(), locale);
        LocalDate today = today();
        if (date == null) errors.add("date", "callback.error.date", DateTimes.date(today, locale));
        else if (date.isBefore(today)) errors.add("date", "callback.error.date-past");
        else if (date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) errors.add("date", "callback.error.date-far", MAX_DAYS_AHEAD);

        if (Arrays.stream(Callbacks.Window.values()).noneMatch(w -> w.name().equals(form.getWindow()))) {
            errors.add("window-MORNING", "callback.error.window");
        }
        if (Topic.parse(form.getTopic()).isEmpty()) errors.add("topic", "phone.error.topic");

        String message = clean(form.getMessage());
        if (PhonePage.unreadable(message)) errors.add("message", "phone.error.encoding");
        else if (message.length() > Callbacks.MAX_MESSAGE) {
            errors.add("message", "callback.error.message-too-long", Callbacks.MAX_MESSAGE, message.length());
        }
        return errors;
    }

    private ModelAndView page(CallbackForm form, FormErrors errors, Locale locale, HttpStatus status) {
        form.setWebsite(null);
        ModelAndView page = new ModelAndView("phone/callback", status);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("minDate", today().toString());
        page.addObject("maxDate", today().plusDays(MAX_DAYS_AHEAD).toString());
        page.addObject("dateExample", DateTimes.date(today(), locale));
        page.addObject("topics", Arrays.stream(Topic.values())
                .map(t -> new Option(t.getCode(), messages.getMessage(t.getMessageKey(), null, locale))).toList());
        page.addObject("windows", Arrays.stream(Callbacks.Window.values())
                .map(w -> new Option(w.name(), messages.getMessage("callback.window." + w.name(), null, locale))).toList());
        return page;
    }

    private LocalDate today() {
        return clock.instant().atZone(Callbacks.HELSINKI).toLocalDate();
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
