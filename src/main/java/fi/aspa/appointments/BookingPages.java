package fi.aspa.appointments;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.PublicRateLimits;
import fi.aspa.platform.FormErrors;
import fi.aspa.appointments.Slots.Slot;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Booking for residents, one decision per page: the service point, the service, a free time, then the details.
 * The confirmation shows the private link for viewing and cancelling (once). A time someone else booked in the
 * meantime brings the details form back with the typed details kept and the free times refreshed (409).
 */
@Controller
class BookingPages {
    private static final Logger log = LoggerFactory.getLogger(BookingPages.class);
    static final DateTimeFormatter SLOT_VALUE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final PublicOrganization publicOrganization;
    private final ServiceSetup setup;
    private final Slots slots;
    private final Bookings bookings;
    private final PublicRateLimits limits;
    private final MessageSource messages;
    private final Clock clock;

    BookingPages(PublicOrganization publicOrganization, ServiceSetup setup, Slots slots, Bookings bookings,
                 PublicRateLimits limits, MessageSource messages, Clock clock) {
        this.publicOrganization = publicOrganization;
        this.setup = setup;
        this.slots = slots;
        this.bookings = bookings;
        this.limits = limits;
        this.messages = messages;
        this.clock = clock;
    }

    record PointLink(String url, String name, String address) {}

    record ServiceLink(String url, String name, String slot, String modes) {}

    record Hours(String day, String times) {}

    record SlotLink(String value, String time, String url) {}

    record Day(String heading, String id, List<SlotLink> slots) {}

    record Option(String value, String label) {}

    @GetMapping("/appointments")
    ModelAndView points(Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        Language language = Language.of(locale);
        List<PointLink> points = setup.bookablePoints(org).stream()
                .map(p -> new PointLink("/appointments/" + p.id(), p.name().in(language), address(p)))
                .toList();
        ModelAndView page = new ModelAndView("appointments/points");
        page.addObject("points", points);
        return page;
    }

    @GetMapping("/appointments/{pointId}")
    ModelAndView services(@PathVariable String pointId, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        Language language = Language.of(locale);
        List<ServiceLink> services = setup.services(org, point.id()).stream().filter(VisitService::bookable)
                .map(s -> new ServiceLink("/appointments/" + point.id() + "/" + s.id(), s.name().in(language),
                        msg(locale, "appt.slot-length", s.slotMinutes()), modes(s, locale)))
                .toList();
        ModelAndView page = new ModelAndView("appointments/services");
        page.addObject("point", pointView(point, language));
        page.addObject("services", services);
        page.addObject("hours", hours(org, point, locale));
        return page;
    }

    @GetMapping("/appointments/{pointId}/{serviceId}")
    ModelAndView slots(@PathVariable String pointId, @PathVariable String serviceId, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        VisitService service = service(org, point, serviceId);
        Language language = Language.of(locale);
        String base = "/appointments/" + point.id() + "/" + service.id() + "/book?start=";
        List<Day> days = days(slots.free(org, service, clock.instant()), locale, base);
        ModelAndView page = new ModelAndView("appointments/slots");
        page.addObject("point", pointView(point, language));
        page.addObject("service", service.name().in(language));
        page.addObject("days", days);
        page.addObject("backUrl", "/appointments/" + point.id());
        return page;
    }

    @GetMapping("/appointments/{pointId}/{serviceId}/book")
    ModelAndView form(@PathVariable String pointId, @PathVariable String serviceId,
                      @RequestParam(required = false) String start, Locale locale) {
        OrganizationId org = publicOrganization.get().id();
        ServicePoint point = point(org, pointId);
        VisitService service = service(org, point, serviceId);
        BookingForm form = new BookingForm();
        form.setStart(start);
        form.setLanguage(Language.of(locale).code());
        if (service.modes().size() == 1) form.setMode(service.modes().iterator().next().name());
        return bookingPage(org, point, service, form, new FormErrors(messages, locale), locale, HttpStatus.OK);
    }

    @PostMapping("/appointments/{pointId}/{serviceId}/book")
    ModelAndView book(@PathVariable String pointId, @PathVariable String serviceId,
                      @ModelAttribute("form") BookingForm form, HttpServletRequest request, Locale locale,
                      RedirectAttributes redirect) {
        Organization organization = publicOrganization.get();
        OrganizationId org = organization.id();
        ServicePoint point = point(org, pointId);
        VisitService service = service(org, point, serviceId);
        if (!Inputs.clean(form.getWebsite()).isEmpty()) {
            log.info("Booking form honeypot was filled in; pretending success and storing nothing");
            return new ModelAndView("redirect:/appointments/booked");
        }
        FormErrors errors = validate(form, service, locale);
        if (!errors.isEmpty()) return bookingPage(org, point, service, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        if (!limits.tryAcquire("booking", request.getRemoteAddr())) {
            errors.add("book", "error.rate-limited");
            return bookingPage(org, point, service, form, errors, locale, HttpStatus.TOO_MANY_REQUESTS);
        }
        Bookings.Booked booked;
        try {
            String phone = Inputs.blankToNull(form.getPhone());
            booked = bookings.book(org, new Bookings.Request(service.id(),
                    parseStart(form.getStart()).atZone(Slots.HELSINKI).toInstant(),
                    AppointmentMode.valueOf(form.getMode()), Inputs.clean(form.getName()),
                    Inputs.blankToNull(form.getEmail()), phone == null ? null : Inputs.compactPhone(phone),
                    Language.parse(form.getLanguage()).orElseThrow()), clock.instant());
        } catch (AspaException e) {
            String field = switch (e.code()) {
                case "slot-taken" -> "start";
                case "mode-unavailable" -> "mode-" + service.modes().iterator().next().name();
                default -> null;
            };
            if (field == null) throw e;
            errors.add(field, "error." + e.code());
            if (field.equals("start")) form.setStart(null);
            return bookingPage(org, point, service, form, errors, locale, e.status());
        }
        redirect.addFlashAttribute("token", booked.token());
        redirect.addFlashAttribute("manageUrl", ServletUriComponentsBuilder.fromContextPath(request)
                .path("/appointments/manage/{token}").buildAndExpand(booked.token()).toUriString());
        return new ModelAndView("redirect:/appointments/booked");
    }

    /** The confirmation. Its private link comes only once, as a flash attribute of the redirect. */
    @GetMapping("/appointments/booked")
    ModelAndView booked(org.springframework.ui.Model model, Locale locale) {
        ModelAndView page = new ModelAndView("appointments/booked");
        page.addObject("noindex", true);
        if (model.getAttribute("token") instanceof String token) {
            bookings.byToken(token).ifPresent(v -> page.addObject("a", ManagePage.view(v, locale, messages)));
        }
        return page;
    }

    private FormErrors validate(BookingForm form, VisitService service, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        if (parseStartOrNull(form.getStart()) == null) errors.add("start", "appt.error.start");

        List<AppointmentMode> modes = sortedModes(service);
        AppointmentMode mode = parseMode(form.getMode());
        if (mode == null || !service.modes().contains(mode)) errors.add("mode-" + modes.getFirst().name(), "appt.error.mode");

        String name = Inputs.clean(form.getName());
        if (name.isEmpty()) errors.add("name", "appt.error.name");
        else if (Inputs.unreadable(name)) errors.add("name", "appt.error.encoding");
        else if (name.length() > Inputs.MAX_NAME) errors.add("name", "appt.error.name-too-long", Inputs.MAX_NAME);

        String email = Inputs.clean(form.getEmail());
        String phone = Inputs.clean(form.getPhone());
        if (Inputs.unreadable(email)) errors.add("email", "appt.error.encoding");
        else if (!email.isEmpty() && !Inputs.validEmail(email)) errors.add("email", "appt.error.email");
        if (Inputs.unreadable(phone)) errors.add("phone", "appt.error.encoding");
        else if (!phone.isEmpty() && !Inputs.validFinnishPhone(phone)) errors.add("phone", "appt.error.phone");
        else if (phone.isEmpty() && mode == AppointmentMode.PHONE) errors.add("phone", "appt.error.phone-for-call");
        if (email.isEmpty() && phone.isEmpty() && !errors.has("phone")) errors.add("email", "appt.error.reach");

        if (Language.parse(form.getLanguage()).isEmpty()) errors.add("language-fi", "appt.error.language");
        return errors;
    }

    private ModelAndView bookingPage(OrganizationId org, ServicePoint point, VisitService service, BookingForm form,
                                     FormErrors errors, Locale locale, HttpStatus status) {
        Language language = Language.of(locale);
        form.setWebsite(null);
        Map<String, List<Option>> groups = new LinkedHashMap<>();
        for (Day day : days(slots.free(org, service, clock.instant()), locale, "")) {
            groups.put(day.heading(), day.slots().stream().map(s -> new Option(s.value(), s.time())).toList());
        }
        LocalDateTime chosen = parseStartOrNull(form.getStart());
        boolean chosenFree = chosen != null && groups.values().stream().flatMap(List::stream)
                .anyMatch(o -> o.value().equals(SLOT_VALUE.format(chosen)));
        if (!chosenFree && errors.isEmpty() && form.getStart() != null) {
            errors.add("start", "error.slot-taken");
            status = HttpStatus.CONFLICT;
        }
        ModelAndView page = new ModelAndView("appointments/book", status);
        page.addObject("point", pointView(point, language));
        page.addObject("service", service.name().in(language));
        page.addObject("slotGroups", groups);
        page.addObject("modes", sortedModes(service).stream()
                .map(m -> new Option(m.name(), msg(locale, "appt.mode." + m.name()))).toList());
        page.addObject("languages", Arrays.stream(Language.values())
                .map(l -> new Option(l.code(), msg(locale, "appt.language." + l.code()))).toList());
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("action", "/appointments/" + point.id() + "/" + service.id() + "/book");
        page.addObject("backUrl", "/appointments/" + point.id() + "/" + service.id());
        page.addObject("videoOffered", service.modes().contains(AppointmentMode.VIDEO));
        return page;
    }

    List<Day> days(List<Slot> free, Locale locale, String urlBase) {
        Map<LocalDate, List<SlotLink>> byDay = new LinkedHashMap<>();
        for (Slot slot : free) {
            LocalDateTime local = slot.localStart().toLocalDateTime();
            String value = SLOT_VALUE.format(local);
            byDay.computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>())
                    .add(new SlotLink(value, DateTimes.time(local, locale), urlBase + value));
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, list) -> {
            days.add(new Day(DateTimes.longDate(day, locale), "day-" + day, list));
        });
        return days;
    }

    private List<Hours> hours(OrganizationId org, ServicePoint point, Locale locale) {
        Map<java.time.DayOfWeek, List<String>> byDay = new LinkedHashMap<>();
        for (OpeningHours h : setup.openingHours(org, point.id())) {
            byDay.computeIfAbsent(h.day(), d -> new ArrayList<>()).add(DateTimes.timeRange(h.opens(), h.closes(), locale));
        }
        List<Hours> list = new ArrayList<>();
        byDay.forEach((day, times) -> {
            String name = day.getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, locale);
            list.add(new Hours(Character.toUpperCase(name.charAt(0)) + name.substring(1), String.join(", ", times)));
        });
        return list;
    }

    private String modes(VisitService service, Locale locale) {
        return String.join(", ", sortedModes(service).stream().map(m -> msg(locale, "appt.mode." + m.name())).toList());
    }

    static List<AppointmentMode> sortedModes(VisitService service) {
        return Arrays.stream(AppointmentMode.values()).filter(service.modes()::contains).toList();
    }

    record PointView(UUID id, String name, String address) {}

    static PointView pointView(ServicePoint point, Language language) {
        return new PointView(point.id(), point.name().in(language), address(point));
    }

    static String address(ServicePoint point) {
        List<String> parts = new ArrayList<>();
        if (point.streetAddress() != null && !point.streetAddress().isBlank()) parts.add(point.streetAddress());
        String city = ((point.postalCode() == null ? "" : point.postalCode()) + " " + (point.city() == null ? "" : point.city())).strip();
        if (!city.isEmpty()) parts.add(city);
        return String.join(", ", parts);
    }

    private ServicePoint point(OrganizationId org, String pointId) {
        return setup.findServicePoint(org, Inputs.uuidOrNull(pointId)).orElseThrow(() -> AspaException.notFound("Service point"));
    }

    private VisitService service(OrganizationId org, ServicePoint point, String serviceId) {
        UUID id = Inputs.uuidOrNull(serviceId);
        if (id == null) throw AspaException.notFound("Service");
        return setup.service(org, id).filter(s -> s.bookable() && s.servicePointId().equals(point.id()))
                .orElseThrow(() -> AspaException.notFound("Service"));
    }

    private static AppointmentMode parseMode(String value) {
        if (value == null) return null;
        try {
            return AppointmentMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static LocalDateTime parseStart(String value) {
        return LocalDateTime.parse(value, SLOT_VALUE);
    }

    static LocalDateTime parseStartOrNull(String value) {
        if (value == null || value.length() != 16) return null;
        try {
            return parseStart(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
