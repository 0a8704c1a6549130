package fi.aspa.staffing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Internal customers: staff order internal services (IT, HR, facilities: catalogue services an administrator offers
 * to staff) with a light form. The order becomes a case like any other, with the staff member as its internal
 * customer, in the service's unit, and is assigned at once by the same rules as a routed case. Under the form the
 * staff member's own orders ({@link MyOrders}), each with its conversation ({@link MyOrderPage}).
 */
@Controller
class OrderPage {
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 5000;
    static final String TAG = "internal";

    private final StaffingStore store;
    private final StaffingViews views;
    private final Catalogue catalogue;
    private final Customers customers;
    private final Cases cases;
    private final Assigner assigner;
    private final MyOrders myOrders;
    private final MessageSource messages;

    OrderPage(StaffingStore store, StaffingViews views, Catalogue catalogue, Customers customers, Cases cases, Assigner assigner,
              MyOrders myOrders, MessageSource messages) {
        this.store = store;
        this.myOrders = myOrders;
        this.views = views;
        this.catalogue = catalogue;
        this.customers = customers;
        this.cases = cases;
        this.assigner = assigner;
        this.messages = messages;
    }

    record Offer(UUID id, StaffingViews.Text name, StaffingViews.Text summary) {}

    record Form(String service, String subject, String body) {}

    record Candidate(UUID id, StaffingViews.Text name, boolean internal) {}

    @GetMapping("/workspace/order")
    String page(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String find, Locale locale, Model model) {
        String q = find == null ? "" : find.strip();
        if (q.length() > 200) q = q.substring(0, 200);
        if (!q.isEmpty() && me.user().roles().contains(Role.ADMIN)) {
            Set<UUID> internal = store.internalServices(me.organizationId());
            Language language = Language.of(locale);
            model.addAttribute("candidates", catalogue.search(me.organizationId(), q, 20).stream()
                    .map(s -> new Candidate(s.id(), StaffingViews.Text.of(s.name(), language), internal.contains(s.id()))).toList());
        }
        model.addAttribute("find", q);
        return render(me, locale, model, new Form("", "", ""), new FormErrors(messages, locale));
    }

    @PostMapping("/workspace/order")
    String order(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String service,
                 @RequestParam(required = false) String subject, @RequestParam(required = false) String body,
                 Locale locale, Model model, RedirectAttributes redirect) {
        OrganizationId org = me.organizationId();
        Form form = new Form(service == null ? "" : service, subject == null ? "" : subject, body == null ? "" : body);
        FormErrors errors = new FormErrors(messages, locale);
        CatalogueService chosen = null;
        try {
            UUID id = UUID.fromString(form.service());
            if (store.internalServices(org).contains(id)) chosen = catalogue.find(org, id).orElse(null);
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        if (chosen == null) errors.add("service", "staffing.order.error.service");
        String s = form.subject().strip();
        String b = form.body().strip();
        checkText(errors, "subject", s, MAX_SUBJECT, "staffing.order.error.subject");
        checkText(errors, "body", b, MAX_BODY, "staffing.order.error.body");
        if (!errors.isEmpty()) return render(me, locale, model, form, errors);
        Language language = me.user().language();
        UUID customer = customers.resolve(org, new ContactDetails(CustomerKind.INTERNAL, me.user().displayName(), me.user().email(),
                null, null, null, me.id(), language, true));
        OpenedCase opened = cases.open(org, new NewCase(Channel.INTERNAL, customer, s, b, language, null, chosen.unitId(), null,
                Set.of(TAG), List.of(), Actor.staff(me.id())));
        assigner.assign(org, opened.id(), chosen.id(), views.now(), true);
        redirect.addFlashAttribute("ordered", opened.reference());
        return "redirect:/workspace/order";
    }

    @PostMapping("/workspace/order/services")
    String offer(@AuthenticationPrincipal StaffPrincipal me, @RequestParam UUID service, @RequestParam boolean internal,
                 RedirectAttributes redirect) {
        if (!me.user().roles().contains(Role.ADMIN)) throw AspaException.forbidden("Admins only");
        catalogue.find(me.organizationId(), service).orElseThrow(() -> AspaException.invalid("unknown-service", "No such service"));
        store.markInternal(me.organizationId(), service, internal, views.now());
        redirect.addFlashAttribute("notice", internal ? "staffing.order.notice.offered" : "staffing.order.notice.withdrawn");
        return "redirect:/workspace/order";
    }

    /**
     * A field's text (stripped): required, at most {@code max} characters, and readable: U+FFFD is what bytes that are
     * not UTF-8 become when decoded, and control characters other than line breaks and tabs (NUL among them, which
     * PostgreSQL refuses) never belong in what a person typed.
     */
    static void checkText(FormErrors errors, String field, String text, int max, String requiredKey) {
        if (text.isEmpty()) errors.add(field, requiredKey);
        else if (text.indexOf('\uFFFD') >= 0 || text.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)) {
            errors.add(field, "staffing.order.error.encoding");
        } else if (text.length() > max) errors.add(field, "staffing.order.error.too-long", max);
    }

    private List<Offer> offers(OrganizationId org, Language language) {
        Set<UUID> internal = store.internalServices(org);
        return catalogue.list(org).stream().filter(s -> internal.contains(s.id()))
                .map(s -> new Offer(s.id(), StaffingViews.Text.of(s.name(), language),
                        s.summary() == null ? null : StaffingViews.Text.of(s.summary(), language)))
                .sorted(Comparator.comparing(o -> o.name().text()))
                .toList();
    }

    private String render(StaffPrincipal me, Locale locale, Model model, Form form, FormErrors errors) {
        Language language = Language.of(locale);
        model.addAttribute("offers", offers(me.organizationId(), language));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("admin", me.user().roles().contains(Role.ADMIN));
        model.addAttribute("mine", myOrders.list(me, language));
        return "staffing/order";
    }
}
