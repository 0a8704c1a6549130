package fi.aspa.appointments;

import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FieldMessage;
import fi.aspa.platform.Language;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's private page for one appointment, reached only by the link given at booking: the details and a
 * button to cancel. An unknown link is a plain 404; only the token's SHA-256 is stored.
 */
@Controller
class ManagePage {
    private final Bookings bookings;
    private final MessageSource messages;
    private final Clock clock;

    ManagePage(Bookings bookings, MessageSource messages, Clock clock) {
        this.bookings = bookings;
        this.messages = messages;
        this.clock = clock;
    }

    /** An appointment as the resident's pages show it. */
    record AppointmentView(String reference, String service, String point, String address, String date, String time,
                           String datetimeIso, String mode, String modeCode, String videoUrl, boolean cancelled,
                           String name) {}

    static AppointmentView view(Bookings.View v, Locale locale, MessageSource messages) {
        Language language = Language.of(locale);
        return new AppointmentView(v.reference(), v.service().name().in(language), v.point().name().in(language),
                BookingPages.address(v.point()), DateTimes.longDate(v.localStart(), locale),
                DateTimes.timeRange(v.localStart(), v.localEnd(), locale), DateTimes.iso(v.localStart()),
                messages.getMessage("appt.mode." + v.mode().name(), null, locale), v.mode().name(), v.videoUrl(),
                v.status() == Bookings.Status.CANCELLED, v.name());
    }

    @GetMapping("/appointments/manage/{token}")
    ModelAndView show(@PathVariable String token, Locale locale) {
        Bookings.View v = bookings.byToken(token).orElseThrow(() -> AspaException.notFound("Appointment"));
        return page(v, token, locale, HttpStatus.OK, null);
    }

    @PostMapping("/appointments/manage/{token}/cancel")
    ModelAndView cancel(@PathVariable String token, Locale locale, RedirectAttributes redirect) {
        try {
            bookings.cancel(token, clock.instant());
        } catch (AspaException e) {
            if (!"appointment-started".equals(e.code())) throw e;
            return page(bookings.byToken(token).orElseThrow(), token, locale, HttpStatus.CONFLICT, "error." + e.code());
        }
        redirect.addFlashAttribute("notice", "appt.manage.cancelled-notice");
        return new ModelAndView("redirect:/appointments/manage/{token}");
    }

    private ModelAndView page(Bookings.View v, String token, Locale locale, HttpStatus status, String errorKey) {
        ModelAndView page = new ModelAndView("appointments/manage", status);
        page.addObject("a", view(v, locale, messages));
        page.addObject("cancelUrl", "/appointments/manage/" + token + "/cancel");
        page.addObject("cancellable", v.status() == Bookings.Status.BOOKED && v.start().isAfter(clock.instant()));
        page.addObject("errors", errorKey == null ? List.of()
                : List.of(new FieldMessage("main", messages.getMessage(errorKey, null, locale))));
        page.addObject("noindex", true);
        return page;
    }
}
