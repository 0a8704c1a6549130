package fi.aspa.qna;

import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.qna.QnaStore.Audience;
import fi.aspa.qna.QnaStore.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The organization's events at {@code /workspace/events}: every agent sees the list (and finds the staff events to
 * ask in); unit managers and administrators create events with the form below it. Times are entered and shown in
 * Helsinki time. A new event gets a random short code for its address.
 */
@Controller
class EventsPage {
    private final QnaStore store;
    private final MessageSource messages;

    EventsPage(QnaStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    record Row(UUID id, String code, String title, Instant startsAt, Instant endsAt, String audienceKey, String stateKey,
               String participantPath, boolean moderator) {}

    @GetMapping("/workspace/events")
    ModelAndView list(@AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        return page(me, new EventForm(), new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/events")
    ModelAndView create(@AuthenticationPrincipal StaffPrincipal me, @ModelAttribute("form") EventForm form, Locale locale) {
        if (!me.has(Role.UNIT_MANAGER)) {
            throw AspaException.forbidden("Only unit managers and administrators create events");
        }
        FormErrors errors = new FormErrors(messages, locale);
        String titleFi = text(form.getTitleFi(), "titleFi", QnaStore.MAX_TITLE, true, errors);
        String titleSv = text(form.getTitleSv(), "titleSv", QnaStore.MAX_TITLE, true, errors);
        String titleEn = text(form.getTitleEn(), "titleEn", QnaStore.MAX_TITLE, false, errors);
        String descriptionFi = text(form.getDescriptionFi(), "descriptionFi", QnaStore.MAX_DESCRIPTION, false, errors);
        String descriptionSv = text(form.getDescriptionSv(), "descriptionSv", QnaStore.MAX_DESCRIPTION, false, errors);
        String descriptionEn = text(form.getDescriptionEn(), "descriptionEn", QnaStore.MAX_DESCRIPTION, false, errors);
        Instant starts = time(form.getStartsAt(), "startsAt", errors, locale);
        Instant ends = time(form.getEndsAt(), "endsAt", errors, locale);
        if (starts != null && ends != null && !ends.isAfter(starts)) errors.add("endsAt", "qna.error.ends-before-start");
        Audience audience = "STAFF".equals(form.getAudience()) ? Audience.STAFF
                : "PUBLIC".equals(form.getAudience()) ? Audience.PUBLIC : null;
        if (audience == null) errors.add("audience-PUBLIC", "qna.error.audience");
        if (!errors.isEmpty()) return page(me, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        Event event = store.create(me.organizationId(), me.id(), new QnaStore.NewEvent(
                new LocalizedText(titleFi, titleSv, titleEn), new LocalizedText(descriptionFi, descriptionSv, descriptionEn),
                starts, ends, audience, "true".equals(form.getPremoderated())));
        return new ModelAndView("redirect:/workspace/events/" + event.id() + "/moderate");
    }

    /** Stripped text, or null when empty; an error beside the field when required and empty, too long or unreadable. */
    private static String text(String value, String field, int max, boolean required, FormErrors errors) {
        String v = value == null ? "" : value.strip();
        if (ParticipantPage.unreadable(v)) errors.add(field, "qna.error.encoding");
        else if (v.length() > max) errors.add(field, "qna.error.too-long", String.valueOf(max), String.valueOf(v.length()));
        else if (required && v.isEmpty()) errors.add(field, "qna.error." + field + "-required");
        return v.isEmpty() ? null : v;
    }

    /**
     * A {@code datetime-local} value ({@code 2026-12-01T18:00}) or, typed where a browser has no such field, a date
     * as {@link DateTimes#parseDate} reads it and a time of day ({@code 1.12.2026 18.00}), in Helsinki time.
     */
    static Instant time(String value, String field, FormErrors errors, Locale locale) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(field, "qna.error." + field + "-required");
            return null;
        }
        LocalDateTime at = v.length() > 40 ? null : parse(v, locale);
        if (at == null) {
            errors.add(field, "qna.error.time");
            return null;
        }
        return at.atZone(DateTimes.HELSINKI).toInstant();
    }

    private static LocalDateTime parse(String v, Locale locale) {
        try {
            return LocalDateTime.parse(v.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            // a date and a time of day
        }
        String[] parts = v.split("\\s+(klo\\s+|kl\\.?\\s+)?");
        if (parts.length != 2) return null;
        LocalDate day = DateTimes.parseDate(parts[0], locale);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})[.:](\\d{2})").matcher(parts[1]);
        if (day == null || !m.matches()) return null;
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour > 23 || minute > 59) return null;
        return day.atTime(hour, minute);
    }

    static boolean canModerate(StaffPrincipal me, Event event) {
        return me != null && me.organizationId().equals(event.organizationId())
                && (me.id().equals(event.createdBy()) || me.has(Role.UNIT_MANAGER));
    }

    static String participantPath(Event event) {
        return event.audience() == Audience.PUBLIC ? "/events/" + event.code() : "/workspace/events/" + event.code() + "/ask";
    }

    static String stateKey(Event event, Instant now) {
        if (!event.open(now)) return "qna.state.ended";
        return now.isBefore(event.startsAt()) ? "qna.state.upcoming" : "qna.state.live";
    }

    private ModelAndView page(StaffPrincipal me, EventForm form, FormErrors errors, Locale locale, HttpStatus status) {
        Language language = Language.of(locale);
        Instant now = store.now();
        List<Row> rows = store.events(me.organizationId()).stream()
                .map(e -> new Row(e.id(), e.code(), e.title().in(language), e.startsAt(), e.endsAt(),
                        "qna.audience." + e.audience().name(), stateKey(e, now), participantPath(e), canModerate(me, e)))
                .toList();
        ModelAndView page = new ModelAndView("qna/events", status);
        page.addObject("events", rows);
        page.addObject("creator", me.has(Role.UNIT_MANAGER));
        page.addObject("form", form);
        page.addObject("errors", errors);
        return page;
    }
}
