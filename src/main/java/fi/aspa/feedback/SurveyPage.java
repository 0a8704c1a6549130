package fi.aspa.feedback;

import fi.aspa.cases.Cases;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.feedback.Feedback.SurveyState;
import fi.aspa.feedback.FeedbackStore.Invitation;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.PublicRateLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's survey page, public and reached only by a private link: the survey's own token (mailed), or the
 * case's tracking token (the tracking page links here), both proving that the reader holds the case's link. An
 * unknown link is the plain localized 404; an answered survey thanks and is not answered again (409 on a second
 * post); after 30 days the survey has closed (410). Answers are limited per client address like the other public
 * forms ({@code feedback}, 429). The comment is stored with personal data stripped. The token is never logged.
 */
@Controller
class SurveyPage {
    static final int SCORES = 5;
    private final FeedbackStore store;
    private final Cases cases;
    private final Customers customers;
    private final Organizations organizations;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final Clock clock;

    SurveyPage(FeedbackStore store, Cases cases, Customers customers, Organizations organizations,
               PublicRateLimits limits, MessageSource messages, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.customers = customers;
        this.organizations = organizations;
        this.limits = limits;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String value, String id, String label) {}

    @GetMapping("/feedback/{token}")
    ModelAndView show(@PathVariable String token, Locale locale) {
        Invitation invitation = find(token);
        SurveyState state = invitation.state(clock.instant());
        return page(invitation, token, new SurveyForm(), new FormErrors(messages, locale), state, locale,
                state == SurveyState.EXPIRED ? HttpStatus.GONE : HttpStatus.OK);
    }

    @PostMapping("/feedback/{token}")
    ModelAndView answer(@PathVariable String token, @ModelAttribute("form") SurveyForm form, HttpServletRequest request,
                        Locale locale, RedirectAttributes redirect) {
        Invitation invitation = find(token);
        SurveyState state = invitation.state(clock.instant());
        FormErrors errors = new FormErrors(messages, locale);
        if (state == SurveyState.EXPIRED) return page(invitation, token, form, errors, state, locale, HttpStatus.GONE);
        if (state == SurveyState.ANSWERED) return page(invitation, token, form, errors, state, locale, HttpStatus.CONFLICT);
        Integer score = score(form.getScore());
        if (score == null) errors.add("score-1", "feedback.error.score");
        String comment = form.getComment() == null ? "" : form.getComment().strip();
        if (unreadable(comment)) errors.add("comment", "feedback.error.encoding");
        else if (comment.length() > FeedbackStore.MAX_COMMENT) {
            errors.add("comment", "feedback.error.comment-too-long", String.valueOf(FeedbackStore.MAX_COMMENT),
                    String.valueOf(comment.length()));
        }
        if (!errors.isEmpty()) return page(invitation, token, form, errors, state, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("feedback", request.getRemoteAddr())) {
            errors.add("send", "error.rate-limited");
            return page(invitation, token, form, errors, state, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        if (!store.answer(invitation, score, comment.isEmpty() ? null : stripped(invitation, comment))) {
            // answered (or closed) meanwhile, by another post of the same link
            SurveyState now = store.byCase(invitation.organizationId(), invitation.caseId()).orElseThrow().state(clock.instant());
            return page(invitation, token, form, errors, now, locale,
                    now == SurveyState.EXPIRED ? HttpStatus.GONE : HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("answered", true);
        return new ModelAndView("redirect:/feedback/{token}");
    }

    private Invitation find(String token) {
        Optional<Invitation> own = store.byToken(token);
        if (own.isPresent()) return own.get();
        // the tracking page's link: the case's own secret
        return cases.byTrackingToken(token)
                .flatMap(detail -> store.byCase(detail.organizationId(), detail.summary().id()))
                .orElseThrow(() -> AspaException.notFound("Survey"));
    }

    /** Names, contact details, identity codes and addresses out, the case's own customer's name included. */
    private String stripped(Invitation invitation, String comment) {
        Customer customer = cases.summary(invitation.organizationId(), invitation.caseId())
                .flatMap(s -> customers.find(invitation.organizationId(), s.customerId())).orElse(null);
        String text = customer == null ? PersonalDataFilter.strip(comment, invitation.language())
                : PersonalDataFilter.strip(comment, customer, invitation.language());
        return text.length() > FeedbackStore.MAX_COMMENT ? text.substring(0, FeedbackStore.MAX_COMMENT) : text;
    }

    static Integer score(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.length() != 1 || v.charAt(0) < '1' || v.charAt(0) > '0' + SCORES) return null;
        return v.charAt(0) - '0';
    }

    /** U+FFFD is what bytes that are not UTF-8 become when decoded; NUL never belongs in text. */
    static boolean unreadable(String value) {
        return value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0;
    }

    private ModelAndView page(Invitation invitation, String token, SurveyForm form, FormErrors errors, SurveyState state,
                              Locale locale, HttpStatus status) {
        ModelAndView page = new ModelAndView("feedback/survey", status);
        String organizationName = organizations.find(invitation.organizationId())
                .map(o -> o.name().in(Language.of(locale))).orElse(null);
        if (organizationName != null) page.addObject("organizationName", organizationName);
        page.addObject("reference", cases.summary(invitation.organizationId(), invitation.caseId())
                .map(s -> s.reference()).orElse(""));
        page.addObject("token", token);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("state", state.name());
        page.addObject("scores", List.of(1, 2, 3, 4, 5).stream()
                .map(n -> new Option(String.valueOf(n), "score-" + n, messages.getMessage("feedback.score." + n, null, locale)))
                .toList());
        page.addObject("noindex", true);
        return page;
    }

}
