package fi.aspa.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Lets the language switch change to fi, sv or en only; anything else in {@code ?lang=} is ignored. */
class SupportedLocaleOnly implements HandlerInterceptor {
    private final LocaleChangeInterceptor delegate;

    SupportedLocaleOnly(LocaleChangeInterceptor delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (Language.parse(request.getParameter(delegate.getParamName())).isEmpty()) return true;
        return delegate.preHandle(request, response, handler);
    }
}
