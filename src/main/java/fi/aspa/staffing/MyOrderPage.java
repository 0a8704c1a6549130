package fi.aspa.staffing;

import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Downloads;
import fi.aspa.platform.FormErrors;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One of the staff member's own orders as its requester sees it ({@code /workspace/order/{caseId}}): the status, their
 * messages and the replies (never internal notes nor the case's history), and a form to write more, which reopens a
 * waiting or resolved order as a resident's answer on the tracking page does ({@link Cases#addCustomerMessage}: the
 * requester is the case's customer, so the history names the customer as the one who wrote). Only the requester
 * reaches it ({@link MyOrders#own}); everyone else gets 404 and uses the case page. The form is multipart, so that a
 * text that is not UTF-8 reaches the check and gets a message instead of failing in the container.
 */
@Controller
class MyOrderPage {
    static final String PURPOSE_ATTACHMENT = "attachment-download";

    private final MyOrders orders;
    private final Cases cases;
    private final StaffingViews views;
    private final MessageSource messages;
    private final PersonalDataLog accessLog;

    MyOrderPage(MyOrders orders, Cases cases, StaffingViews views, MessageSource messages, PersonalDataLog accessLog) {
        this.orders = orders;
        this.cases = cases;
        this.views = views;
        this.messages = messages;
        this.accessLog = accessLog;
    }

    @GetMapping("/workspace/order/{caseId}")
    ModelAndView show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseId, Locale locale) {
        UUID id = parse(caseId);
        // The requester reading their own order is not a staff view of another person's personal data, so nothing is
        // written to the access log (Customers.viewAsStaff is for the case page, where staff read someone else's).
        MyOrders.Order order = orders.find(me, id, Language.of(locale));
        orders.seen(me, id, views.now());
        return page(order, "", new FormErrors(messages, locale), HttpStatus.OK);
    }

    /**
     * A file of the requester's own order: of their messages or of a reply (never of an internal note), as a download.
     * 404 for anyone but the requester, as the order itself. Every staff download of an attachment is in the
     * personal-data access log, this one too: the requester is a staff member reading a file of their own case
     * (purpose {@value #PURPOSE_ATTACHMENT}, as on the case page, the detail saying whose view it was).
     */
    @GetMapping("/workspace/order/{caseId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseId,
                                      @PathVariable String attachmentId) {
        UUID id = parse(caseId);
        UUID fileId = parse(attachmentId);
        CaseDetail order = orders.own(me, id);
        if (!MyOrders.visibleAttachment(order, fileId)) throw AspaException.notFound("Attachment");
        AttachmentContent file = cases.attachment(me.organizationId(), id, fileId)
                .orElseThrow(() -> AspaException.notFound("Attachment"));
        accessLog.record(me.organizationId(), me.id(), order.summary().customerId(), PURPOSE_ATTACHMENT,
                "own order: " + fileId);
        return Downloads.attachment(file.filename(), file.contentType(), file.content());
    }

    @PostMapping("/workspace/order/{caseId}")
    ModelAndView write(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseId,
                       @RequestParam(required = false) String message, Locale locale, RedirectAttributes redirect) {
        UUID id = parse(caseId);
        orders.own(me, id); // authorizes before anything is read from the form
        String text = message == null ? "" : message.strip();
        FormErrors errors = new FormErrors(messages, locale);
        OrderPage.checkText(errors, "message", text, OrderPage.MAX_BODY, "staffing.order.error.message");
        if (!errors.isEmpty()) {
            return page(orders.find(me, id, Language.of(locale)), message == null ? "" : message, errors,
                    HttpStatus.UNPROCESSABLE_CONTENT);
        }
        cases.addCustomerMessage(me.organizationId(), id, text, Channel.INTERNAL, List.of());
        orders.seen(me, id, views.now());
        redirect.addFlashAttribute("written", true);
        return new ModelAndView("redirect:/workspace/order/" + id);
    }

    private static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw AspaException.notFound("Order");
        }
    }

    private static ModelAndView page(MyOrders.Order order, String message, FormErrors errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("staffing/my-order", status);
        page.addObject("order", order);
        page.addObject("message", message);
        page.addObject("errors", errors);
        return page;
    }
}
