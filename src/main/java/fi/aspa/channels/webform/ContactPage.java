package fi.aspa.channels.webform;

import fi.aspa.channels.Topic;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.OpenedCase;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * The contact form: a resident writes without logging in. A valid post becomes a customer and a case in one
 * transaction, then redirects to a page that shows the reference and the private tracking link (once). Invalid
 * posts come back with what was typed, an error summary and a message beside each field (422); too many posts
 * from one address come back the same way with 429, so nothing typed is lost.
 */
@Controller
class ContactPage {
    /** {@code about=} value of the accessibility statement's feedback link. */
    static final String ABOUT_ACCESSIBILITY = "accessibility";
    /** The tag of feedback on accessibility: staff find it in the queue by it (the law's answer time is 14 days). */
    static final String ACCESSIBILITY_TAG = "accessibility-feedback";
    private static final Logger log = LoggerFactory.getLogger(ContactPage.class);

    private final PublicOrganization publicOrganization;
    private final ContactIntake intake;
    private final PublicRateLimits limits;
    private final MessageSource messages;

    ContactPage(PublicOrganization publicOrganization, ContactIntake intake, PublicRateLimits limits, MessageSource messages) {
        this.publicOrganization = publicOrganization;
        this.intake = intake;
        this.limits = limits;
        this.messages = messages;
    }

    @ModelAttribute("topics")
    List<Topic> topics() {
        return Arrays.asList(Topic.values());
    }

    /** A choice of answer language; the key names the language in the language of the page. */
    record LanguageOption(String code, String messageKey) {}

    @ModelAttribute("languages")
    List<LanguageOption> languages() {
        return Arrays.stream(Language.values()).map(l -> new LanguageOption(l.code(), "contact.language." + l.code())).toList();
    }

    /** {@code message}: text to start the message with (the help pages' assistant fills in the resident's questions). */
    @GetMapping("/contact")
    ModelAndView form(@org.springframework.web.bind.annotation.RequestParam(required = false) String message,
                      @org.springframework.web.bind.annotation.RequestParam(required = false) String topic,
                      @org.springframework.web.bind.annotation.RequestParam(required = false) String about, Locale locale) {
        publicOrganization.get();
        ContactForm form = new ContactForm();
        form.setLanguage(Language.of(locale).code());
        // a page may link to the form with its topic chosen (an unknown one is ignored); the accessibility
        // statement's link marks the feedback as about accessibility, which the law gives a 14-day answer
        Topic.parse(topic).ifPresent(t -> form.setTopic(t.getCode()));
        if (ABOUT_ACCESSIBILITY.equals(about)) {
            form.setAbout(ABOUT_ACCESSIBILITY);
            form.setTopic(Topic.FEEDBACK.getCode());
        }
        if (message != null && !ResidentText.unreadable(message) && message.length() <= 2000) form.setMessage(message.strip());
        return page(form, new FormErrors(messages, locale), false, HttpStatus.OK);
    }

    @PostMapping("/contact")
    ModelAndView submit(@ModelAttribute("form") ContactForm form, HttpServletRequest request, Locale locale,
                        RedirectAttributes redirect) {
        var organization = publicOrganization.get();
        boolean hadFiles = !Uploads.present(form.getAttachments()).isEmpty();
        if (!ResidentText.isBlank(form.getWebsite())) {
            log.info("Contact form honeypot was filled in; pretending success and storing nothing");
            return new ModelAndView("redirect:/contact/sent");
        }
        FormErrors errors = validate(form, locale);
        if (!errors.isEmpty()) return page(form, errors, hadFiles, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("contact", request.getRemoteAddr())) {
            errors.add("send", "error.rate-limited");
            return page(form, errors, hadFiles, HttpStatus.TOO_MANY_REQUESTS);
        }
        Language language = Language.parse(form.getLanguage()).orElseThrow();
        Topic topic = Topic.parse(form.getTopic()).orElseThrow();
        String message = ResidentText.clean(form.getMessage());
        String subject = ResidentText.isBlank(form.getSubject())
                ? ResidentText.derivedSubject(messages.getMessage(topic.getMessageKey(), null, language.locale()), message)
                : ResidentText.clean(form.getSubject());
        boolean accessibility = ABOUT_ACCESSIBILITY.equals(form.getAbout());
        OpenedCase opened;
        try {
            opened = intake.submit(organization.id(), new ContactIntake.Contact(ResidentText.clean(form.getName()),
                    blankToNull(form.getEmail()), blankToNull(form.getPhone()), language, topic, subject, message,
                    Uploads.toAttachments(form.getAttachments()), accessibility ? Set.of(ACCESSIBILITY_TAG) : Set.of()));
        } catch (AspaException e) {
            if (!FieldErrorsFromCases.add(errors, e, "message", "attachments")) throw e;
            return page(form, errors, hadFiles, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("reference", opened.reference());
        redirect.addFlashAttribute("trackingUrl", ServletUriComponentsBuilder.fromContextPath(request)
                .path("/track/{token}").buildAndExpand(opened.trackingToken()).toUriString());
        return new ModelAndView("redirect:/contact/sent");
    }

    /** The thank-you page. Its reference and link come only once, as flash attributes of the redirect. */
    @GetMapping("/contact/sent")
    ModelAndView sent() {
        ModelAndView page = new ModelAndView("contact-sent");
        page.addObject("noindex", true);
        return page;
    }

    private FormErrors validate(ContactForm form, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        String name = ResidentText.clean(form.getName());
        // feedback may be anonymous (a lower threshold to give it); anything else needs a name to be handled
        boolean feedback = Topic.parse(form.getTopic()).map(Topic::isFeedback).orElse(false);
        if (name.isEmpty() && !feedback) errors.add("name", "contact.error.name-required");
        else if (ResidentText.unreadable(name)) errors.add("name", "contact.error.encoding");
        else if (name.length() > ResidentText.MAX_NAME) errors.add("name", "contact.error.name-too-long", ResidentText.MAX_NAME);

        String email = ResidentText.clean(form.getEmail());
        if (ResidentText.unreadable(email)) errors.add("email", "contact.error.encoding");
        else if (!email.isEmpty() && !ResidentText.validEmail(email)) errors.add("email", "contact.error.email");

        String phone = ResidentText.clean(form.getPhone());
        if (ResidentText.unreadable(phone)) errors.add("phone", "contact.error.encoding");
        else if (!phone.isEmpty() && !ResidentText.validPhone(phone)) errors.add("phone", "contact.error.phone");

        if (Language.parse(form.getLanguage()).isEmpty()) errors.add("language-fi", "contact.error.language");
        if (Topic.parse(form.getTopic()).isEmpty()) errors.add("topic", "contact.error.topic");

        String subject = ResidentText.clean(form.getSubject());
        if (ResidentText.unreadable(subject)) errors.add("subject", "contact.error.encoding");
        else if (subject.length() > ResidentText.MAX_SUBJECT) errors.add("subject", "contact.error.subject-too-long", ResidentText.MAX_SUBJECT);

        checkMessage(errors, "message", form.getMessage());

        if (Uploads.present(form.getAttachments()).size() > Uploads.MAX_FILES) {
            errors.add("attachments", "error.too-many-attachments", Uploads.MAX_FILES);
        }
        return errors;
    }

    static void checkMessage(FormErrors errors, String field, String value) {
        String message = ResidentText.clean(value);
        if (message.isEmpty()) errors.add(field, "contact.error.message-required");
        else if (ResidentText.unreadable(message)) errors.add(field, "contact.error.encoding");
        else if (message.length() > ResidentText.MAX_MESSAGE) {
            errors.add(field, "contact.error.message-too-long", ResidentText.MAX_MESSAGE, message.length());
        }
    }

    private ModelAndView page(ContactForm form, FormErrors errors, boolean filesDropped, HttpStatus status) {
        form.setAttachments(null);
        form.setWebsite(null);
        ModelAndView page = new ModelAndView("contact", status);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("filesDropped", filesDropped && !errors.isEmpty());
        return page;
    }

    private static String blankToNull(String value) {
        return ResidentText.isBlank(value) ? null : value.strip();
    }
}
