package fi.aspa.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;

/**
 * What a module adds to every page it does not render itself: the header's organization and staff name, the
 * navigation, reminders. Called once a handler has chosen a page to render, and only then: an API answer or a redirect
 * computes none of it, where the {@code @ModelAttribute} methods of a {@code @ControllerAdvice} ran for every request,
 * JSON included (about 4 % of an API contact's CPU in the intake profile). What the handler put in the model wins.
 */
@FunctionalInterface
public interface PageModel {

    void addTo(Page page);

    /**
     * The page about to be rendered.
     *
     * @param principal the signed-in principal, null for residents
     */
    record Page(HttpServletRequest request, Object principal, Locale locale, Map<String, Object> model) {

        /** Adds {@code value} unless it is null or the handler has set {@code name} already. */
        public void put(String name, Object value) {
            if (value != null) model.putIfAbsent(name, value);
        }
    }
}
