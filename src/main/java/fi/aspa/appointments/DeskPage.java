package fi.aspa.appointments;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agent's desk at a service point: choose the service point and desk, call the next number, and finish the
 * visit as served (optionally finding the customer by phone or email, with a note: then the visit becomes a
 * resolved WALK_IN case on the customer's timeline) or as a no-show. Every customer shown in a lookup is written
 * to the personal-data access log. Plain forms; the settings travel in the URL so a desk can be bookmarked.
 */
@Controller
class DeskPage {
    static final String PURPOSE = "walk-in-visit";
    static final int MAX_DESK = 30;

    private final ServiceSetup setup;
    private final WalkInQueue queue;
    private final DeskService desks;
    private final Customers customers;
    private final PersonalDataLog accessLog;
    private final MessageSource messages;

    DeskPage(ServiceSetup setup, WalkInQueue queue, DeskService desks, Customers customers, PersonalDataLog accessLog,
             MessageSource messages) {
        this.setup = setup;
        this.queue = queue;
        this.desks = desks;
        this.customers = customers;
        this.accessLog = accessLog;
        this.messages = messages;
    }

    record Option(String value, String label) {}

    record Match(String id, String name) {}

    record Current(UUID id, String code, String service, String calledAt) {}

    /** What the served form was filled in with, to show it again. */
    record ServedForm(String customer, String name, String note) {
        static ServedForm empty() {
            return new ServedForm("", "", "");
        }
    }

    @GetMapping("/workspace/desk")
    ModelAndView page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String point,
                      @RequestParam(required = false) String desk, @RequestParam(required = false) String service,
                      @RequestParam(required = false) String lookup, Locale locale) {
        FormErrors errors = new FormErrors(messages, locale);
        Settings settings = settings(me.organizationId(), point, desk, service, errors, point != null || desk != null);
        return render(me, settings, Inputs.clean(lookup), ServedForm.empty(), errors, locale, HttpStatus.OK);
    }

    @PostMapping("/workspace/desk/call")
    ModelAndView call(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String point,
                      @RequestParam(required = false) String desk, @RequestParam(required = false) String service,
                      Locale locale, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(messages, locale);
        Settings settings = settings(me.organizationId(), point, desk, service, errors, true);
        if (!errors.isEmpty()) return render(me, settings, "", ServedForm.empty(), errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        Optional<WalkInQueue.Ticket> called = queue.callNext(me.organizationId(), settings.point().id(),
                settings.serviceId(), settings.desk(), me.id());
        if (called.isPresent()) redirect.addFlashAttribute("notice", msg(locale, "desk.notice.called", called.get().code()));
        else redirect.addFlashAttribute("notice", msg(locale, "desk.notice.nobody"));
        return new ModelAndView("redirect:" + settings.url());
    }

    @PostMapping("/workspace/desk/served")
    ModelAndView served(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String point,
                        @RequestParam(required = false) String desk, @RequestParam(required = false) String service,
                        @RequestParam(required = false) String ticket, @RequestParam(required = false) String lookup,
                        @RequestParam(required = false) String customer, @RequestParam(required = false) String name,
                        @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        FormErrors errors = new FormErrors(messages, locale);
        Settings settings = settings(org, point, desk, service, errors, true);
        UUID ticketId = Inputs.uuidOrNull(ticket);
        if (ticketId == null) throw AspaException.notFound("Ticket");
        String contact = Inputs.clean(lookup);
        String choice = Inputs.clean(customer);
        String noteText = Inputs.clean(note);
        String nameText = Inputs.clean(name);
        DeskService.Visitor visitor = DeskService.Visitor.anonymous();
        if (choice.equals("new")) {
            if (contact.isEmpty()) errors.add("lookup", "desk.error.contact");
            else if (Inputs.unreadable(contact)) errors.add("lookup", "appt.error.encoding");
            else if (!contact.contains("@") && !Inputs.validFinnishPhone(contact)) errors.add("lookup", "appt.error.phone");
            else if (contact.contains("@") && !Inputs.validEmail(contact)) errors.add("lookup", "appt.error.email");
            if (Inputs.unreadable(nameText)) errors.add("name", "appt.error.encoding");
            else if (nameText.length() > Inputs.MAX_NAME) errors.add("name", "appt.error.name-too-long", Inputs.MAX_NAME);
            visitor = new DeskService.Visitor(null, new ContactDetails(CustomerKind.PERSON, nameText,
                    contact.contains("@") ? contact : null, contact.contains("@") ? null : Inputs.compactPhone(contact),
                    null, null, null, Language.of(locale), false));
        } else if (!choice.isEmpty()) {
            UUID id = Inputs.uuidOrNull(choice);
            if (id == null || contact.isEmpty() || !customers.findByContact(org, contact).contains(id)) {
                errors.add("customer-none", "desk.error.customer");
            }
            visitor = new DeskService.Visitor(id, null);
        }
        if (Inputs.unreadable(noteText)) errors.add("note", "appt.error.encoding");
        else if (noteText.length() > Inputs.MAX_NOTE) errors.add("note", "desk.error.note-too-long", Inputs.MAX_NOTE);
        else if (!noteText.isEmpty() && !visitor.identified()) errors.add("note", "desk.error.note-needs-customer");
        ServedForm form = new ServedForm(choice, nameText, noteText);
        if (!errors.isEmpty()) return render(me, settings, contact, form, errors, locale, HttpStatus.UNPROCESSABLE_CONTENT);
        try {
            Optional<DeskService.Served> served = desks.serve(org, me.id(), ticketId, visitor, noteText, locale);
            if (served.isPresent()) {
                redirect.addFlashAttribute("notice", msg(locale, "desk.notice.served-case", served.get().reference()));
                redirect.addFlashAttribute("caseUrl", "/workspace/cases/" + served.get().caseId());
            } else {
                redirect.addFlashAttribute("notice", msg(locale, "desk.notice.served"));
            }
        } catch (AspaException e) {
            if (!"ticket-not-called".equals(e.code())) throw e;
            errors.add("call-next", "error.ticket-not-called");
            return render(me, settings, contact, form, errors, locale, HttpStatus.CONFLICT);
        }
        return new ModelAndView("redirect:" + settings.url());
    }

    @PostMapping("/workspace/desk/no-show")
    ModelAndView noShow(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String point,
                        @RequestParam(required = false) String desk, @RequestParam(required = false) String service,
                        @RequestParam(required = false) String ticket, Locale locale, RedirectAttributes redirect) {
        FormErrors errors = new FormErrors(messages, locale);
        Settings settings = settings(me.organizationId(), point, desk, service, errors, true);
        UUID ticketId = Inputs.uuidOrNull(ticket);
        if (ticketId == null) throw AspaException.notFound("Ticket");
        try {
            desks.noShow(me.organizationId(), me.id(), ticketId);
        } catch (AspaException e) {
            if (!"ticket-not-called".equals(e.code())) throw e;
            errors.add("call-next", "error.ticket-not-called");
            return render(me, settings, "", ServedForm.empty(), errors, locale, HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", msg(locale, "desk.notice.no-show"));
        return new ModelAndView("redirect:" + settings.url());
    }

    // ------------------------------------------------------------------ internals

    /** The desk's settings: service point, desk name, the service it calls (any when null). */
    record Settings(ServicePoint point, String desk, UUID serviceId, String pointValue, String serviceValue) {
        public boolean ready() {
            return point != null && desk != null;
        }

        public String url() {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/workspace/desk");
            if (point != null) url.queryParam("point", point.id());
            if (desk != null) url.queryParam("desk", desk);
            if (serviceId != null) url.queryParam("service", serviceId);
            return url.encode().build().toUriString();
        }
    }

    private Settings settings(OrganizationId org, String point, String desk, String service, FormErrors errors,
                              boolean check) {
        ServicePoint chosen = setup.findServicePoint(org, Inputs.uuidOrNull(point))
                .filter(p -> setup.walkInPoints(org).stream().anyMatch(w -> w.id().equals(p.id()))).orElse(null);
        String deskName = Inputs.clean(desk);
        UUID serviceId = Inputs.uuidOrNull(service);
        if (chosen == null || serviceId == null || setup.service(org, serviceId)
                .filter(s -> s.servicePointId().equals(chosen.id()) && s.walkIn()).isEmpty()) {
            serviceId = null;
        }
        if (check) {
            if (chosen == null) errors.add("point", "desk.error.point");
            if (deskName.isEmpty()) errors.add("desk", "desk.error.desk");
            else if (Inputs.unreadable(deskName) || deskName.length() > MAX_DESK) errors.add("desk", "desk.error.desk-too-long", MAX_DESK);
        }
        boolean deskOk = !deskName.isEmpty() && !Inputs.unreadable(deskName) && deskName.length() <= MAX_DESK;
        return new Settings(chosen, deskOk ? deskName : null, serviceId, point == null ? "" : point,
                service == null ? "" : service);
    }

    private ModelAndView render(StaffPrincipal me, Settings settings, String lookup, ServedForm form, FormErrors errors,
                                Locale locale, HttpStatus status) {
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        ModelAndView page = new ModelAndView("appointments/desk", status);
        page.addObject("points", setup.walkInPoints(org).stream()
                .map(p -> new Option(p.id().toString(), p.name().in(language))).toList());
        page.addObject("settings", settings);
        page.addObject("deskValue", settings.desk() == null ? "" : settings.desk());
        page.addObject("errors", errors);
        page.addObject("lookup", lookup);
        page.addObject("form", form);
        if (settings.point() != null) {
            LocalDate today = queue.today();
            List<VisitService> services = setup.services(org, settings.point().id()).stream().filter(VisitService::walkIn).toList();
            Map<UUID, String> serviceNames = new java.util.HashMap<>();
            services.forEach(s -> serviceNames.put(s.id(), s.name().in(language)));
            page.addObject("services", services.stream().map(s -> new Option(s.id().toString(), s.name().in(language))).toList());
            page.addObject("pointName", settings.point().name().in(language));
            page.addObject("counts", queue.counts(org, settings.point().id(), today));
            if (settings.ready()) {
                queue.current(org, settings.point().id(), me.id(), today).ifPresent(t -> page.addObject("current",
                        new Current(t.id(), t.code(), serviceNames.getOrDefault(t.serviceId(), ""),
                                DateTimes.time(t.calledAt(), locale))));
            }
        } else {
            page.addObject("services", List.of());
        }
        List<Match> matches = new ArrayList<>();
        if (!lookup.isEmpty() && page.getModel().get("current") != null) {
            List<UUID> ids = customers.findByContact(org, lookup);
            Map<UUID, String> names = customers.names(org, ids);
            for (UUID id : ids) {
                accessLog.record(org, me.id(), id, PURPOSE, null);
                String n = names.getOrDefault(id, "");
                matches.add(new Match(id.toString(), n.isBlank() ? msg(locale, "desk.customer.no-name") : n));
            }
        }
        page.addObject("matches", matches);
        page.addObject("lookupDone", !lookup.isEmpty());
        return page;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
