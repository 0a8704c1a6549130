package fi.aspa.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** Asks every {@link PageModel} for its part when a handler has chosen a page to render (not a redirect). */
class PageModels implements HandlerInterceptor {
    private final List<PageModel> contributors;

    PageModels(List<PageModel> contributors) {
        this.contributors = List.copyOf(contributors);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || !renders(page)) return;
        PageModel.Page context = new PageModel.Page(request, principal(), LocaleContextHolder.getLocale(), page.getModel());
        for (PageModel contributor : contributors) contributor.addTo(context);
    }

    private static boolean renders(ModelAndView page) {
        String name = page.getViewName();
        if (name != null) return !name.startsWith("redirect:") && !name.startsWith("forward:");
        return page.getView() != null && !(page.getView() instanceof RedirectView);
    }

    private static Object principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null : authentication.getPrincipal();
    }
}
