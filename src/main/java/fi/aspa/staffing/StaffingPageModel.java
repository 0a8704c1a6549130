package fi.aspa.staffing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.PageModel;
import fi.aspa.platform.Web;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What staffing adds to other workspace pages: the reminder to confirm a stale profile (under the header of every
 * workspace page but the profile itself), the count of new replies to the staff member's own orders beside "Order" in
 * the workspace navigation, and, on a case page, why the case was or was not assigned automatically.
 */
@Component
class StaffingPageModel implements PageModel {
    private static final Pattern CASE_PAGE = Pattern.compile("/workspace/cases/([0-9a-fA-F-]{36})");

    private final StaffingStore store;
    private final StaffingViews views;
    private final Staff staff;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final MyOrders orders;

    StaffingPageModel(StaffingStore store, StaffingViews views, Staff staff, Catalogue catalogue, MessageSource messages,
                      MyOrders orders) {
        this.orders = orders;
        this.store = store;
        this.views = views;
        this.staff = staff;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    /** {@code confirmed} is the date last confirmed, null with {@code never}. */
    record Reminder(boolean never, String confirmed) {}

    @Override
    public void addTo(Page page) {
        if (!(page.principal() instanceof StaffPrincipal me)) return;
        page.put("profileReminder", profileReminder(me, page.request(), page.locale()));
        page.put("caseAssignment", caseAssignment(me, page.request(), page.locale()));
        page.put("orderReplies", orderReplies(me, page.request()));
    }

    /**
     * New replies to the staff member's own orders, for the workspace navigation: null (nothing shown) when there are
     * none, outside the workspace, and for htmx requests, whose partial answers have no navigation.
     */
    Integer orderReplies(StaffPrincipal me, HttpServletRequest request) {
        if (!Web.path(request).startsWith("/workspace")) return null;
        if ("true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"))) return null;
        int count = orders.newReplies(me);
        return count > 0 ? count : null;
    }

    Reminder profileReminder(StaffPrincipal me, HttpServletRequest request, Locale locale) {
        if (!"GET".equals(request.getMethod())) return null;
        String path = Web.path(request);
        if (!path.startsWith("/workspace") || path.startsWith("/workspace/profile")) return null;
        Optional<Instant> confirmed = store.confirmedAt(me.organizationId(), me.id());
        if (!views.stale(confirmed.orElse(null))) return null;
        return new Reminder(confirmed.isEmpty(), confirmed.map(c -> DateTimes.date(c, locale)).orElse(null));
    }

    String caseAssignment(StaffPrincipal me, HttpServletRequest request, Locale locale) {
        Matcher m = CASE_PAGE.matcher(Web.path(request));
        if (!m.matches()) return null;
        UUID caseId;
        try {
            caseId = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return store.lastReason(me.organizationId(), caseId).map(r -> describe(me, r, locale)).orElse(null);
    }

    String describe(StaffPrincipal me, StaffingStore.Reason r, Locale locale) {
        Language language = Language.of(locale);
        String service = r.serviceId() == null ? "?" : catalogue.find(me.organizationId(), r.serviceId())
                .map(s -> s.name().in(language)).orElse("?");
        String spoken = StaffingViews.languageName(r.language(), locale);
        return switch (r.outcome()) {
            case ASSIGNED -> messages.getMessage("staffing.reason.assigned", new Object[]{
                    r.assigneeId() == null ? "?" : staff.find(me.organizationId(), r.assigneeId()).map(u -> u.displayName()).orElse("?"),
                    messages.getMessage("staffing.level." + r.level().name(), null, locale), service, spoken,
                    r.load(), r.candidates()}, locale);
            case NO_EXPERT -> messages.getMessage("staffing.reason.no-expert", new Object[]{service}, locale);
            case NO_LANGUAGE -> messages.getMessage("staffing.reason.no-language", new Object[]{service, spoken}, locale);
            case NOBODY_AVAILABLE -> messages.getMessage("staffing.reason.nobody-available", new Object[]{service, spoken}, locale);
        };
    }
}
