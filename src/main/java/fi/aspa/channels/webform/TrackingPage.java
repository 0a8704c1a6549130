package fi.aspa.channels.webform;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.FormErrors;
import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.feedback.Feedback;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.Language;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's private page for one case, reached only through the secret link given when the case was
 * opened: the conversation (never staff notes), its attachments, and a form to answer. An unknown link is a
 * plain 404 that says nothing about whether such a case exists. The token is never logged.
 */
@Controller
class TrackingPage {

    private final Cases cases;
    private final Organizations organizations;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final Feedback feedback;

    TrackingPage(Cases cases, Organizations organizations, PublicRateLimits limits, MessageSource messages,
                 Feedback feedback) {
        this.cases = cases;
        this.feedback = feedback;
        this.organizations = organizations;
        this.limits = limits;
        this.messages = messages;
    }

    record View(String token, String reference, String subject, String statusKey, String organizationName,
                List<Entry> messages) {}

    record Entry(boolean fromResident, String body, String datetime, String displayTime, List<File> files) {}

    record File(String url, String filename, String size) {}

    @GetMapping("/track/{token}")
    ModelAndView show(@PathVariable String token, Locale locale) {
        CaseDetail detail = find(token);
        return page(detail, token, new ReplyForm(), new FormErrors(messages, locale), false, locale, HttpStatus.OK);
    }

    /** The language switch on a re-rendered reply form links here. */
    @GetMapping("/track/{token}/reply")
    String replyPath(@PathVariable String token) {
        find(token);
        return "redirect:/track/{token}";
    }

    @PostMapping("/track/{token}/reply")
    ModelAndView reply(@PathVariable String token, @ModelAttribute("reply") ReplyForm form, HttpServletRequest request,
                       Locale locale, RedirectAttributes redirect) {
        CaseDetail detail = find(token);
        boolean hadFiles = !Uploads.present(form.getAttachments()).isEmpty();
        FormErrors errors = new FormErrors(messages, locale);
        ContactPage.checkMessage(errors, "reply-message", form.getMessage());
        if (Uploads.present(form.getAttachments()).size() > Uploads.MAX_FILES) {
            errors.add("reply-attachments", "error.too-many-attachments", Uploads.MAX_FILES);
        }
        if (!errors.isEmpty()) return page(detail, token, form, errors, hadFiles, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("reply", request.getRemoteAddr())) {
            errors.add("reply-send", "error.rate-limited");
            return page(detail, token, form, errors, hadFiles, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        try {
            cases.addCustomerMessage(detail.organizationId(), detail.summary().id(), ResidentText.clean(form.getMessage()),
                    Channel.WEB_FORM, Uploads.toAttachments(form.getAttachments()));
        } catch (AspaException e) {
            if (!FieldErrorsFromCases.add(errors, e, "reply-message", "reply-attachments")) throw e;
            return page(detail, token, form, errors, hadFiles, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("replySent", true);
        return new ModelAndView("redirect:/track/{token}");
    }

    /** Only files of messages the resident may see (never of staff notes), served as downloads, never inline. */
    @GetMapping("/track/{token}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable String token, @PathVariable String attachmentId) {
        CaseDetail detail = find(token);
        UUID id = parseUuid(attachmentId);
        boolean visible = visibleMessages(detail).stream()
                .flatMap(m -> m.attachments().stream())
                .anyMatch(a -> a.id().equals(id));
        if (!visible) throw AspaException.notFound("Attachment");
        AttachmentContent file = cases.attachment(detail.organizationId(), detail.summary().id(), id)
                .orElseThrow(() -> AspaException.notFound("Attachment"));
        return Downloads.attachment(file.filename(), file.contentType(), file.content());
    }

    private CaseDetail find(String token) {
        return cases.byTrackingToken(token).orElseThrow(() -> AspaException.notFound("Case"));
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw AspaException.notFound("Attachment");
        }
    }

    private static List<CaseMessage> visibleMessages(CaseDetail detail) {
        return detail.messages().stream().filter(m -> m.kind() != MessageKind.NOTE).toList();
    }

    private ModelAndView page(CaseDetail detail, String token, ReplyForm form, FormErrors errors, boolean filesDropped,
                              Locale locale, HttpStatus status) {
        String organizationName = organizations.find(detail.organizationId())
                .map(o -> o.name().in(Language.of(locale))).orElse(null);
        List<Entry> entries = visibleMessages(detail).stream()
                .map(m -> new Entry(m.kind() == MessageKind.INBOUND, m.body(),
                        DateTimes.iso(m.createdAt()), DateTimes.dateTime(m.createdAt(), locale),
                        m.attachments().stream().map(a -> new File(
                                "/track/" + token + "/attachments/" + a.id(), a.filename(), size(a.sizeBytes(), locale))).toList()))
                .toList();
        View view = new View(token, detail.summary().reference(), detail.summary().subject(),
                "track.status." + detail.summary().status().name().toLowerCase(Locale.ROOT), organizationName, entries);
        form.setAttachments(null);
        ModelAndView page = new ModelAndView("track", status);
        page.addObject("view", view);
        page.addObject("reply", form);
        page.addObject("errors", errors);
        page.addObject("filesDropped", filesDropped && !errors.isEmpty());
        page.addObject("noindex", true);
        // a resolved case's satisfaction survey, answered with this page's own secret (the feedback module's page);
        // asked while the case is resolved or closed, not while a reply has it open again
        boolean done = detail.summary().status() == CaseStatus.RESOLVED || detail.summary().status() == CaseStatus.CLOSED;
        page.addObject("survey", !done ? null : feedback.ofCase(detail.organizationId(), detail.summary().id())
                .map(Enum::name).orElse(null));
        if (organizationName != null) page.addObject("organizationName", organizationName);
        return page;
    }

    private String size(long bytes, Locale locale) {
        if (bytes < 1024 * 1024) return messages.getMessage("track.size-kb", new Object[] {Math.max(1, (bytes + 1023) / 1024)}, locale);
        return messages.getMessage("track.size-mb", new Object[] {Math.round(bytes / (1024.0 * 1024.0) * 10) / 10.0}, locale);
    }
}
