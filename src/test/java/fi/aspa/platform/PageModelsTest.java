package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The layout's model (organization, staff name, navigation…) is computed for rendered pages only: not for API answers
 * (no ModelAndView) or redirects, and never over what the handler set itself.
 */
class PageModelsTest {
    final List<PageModel.Page> asked = new ArrayList<>();
    final PageModels models = new PageModels(List.of(page -> {
        asked.add(page);
        page.put("organizationName", "Esimerkkilä");
        page.put("staffName", null);
    }));
    final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/workspace");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void anApiAnswerAndARedirectComputeNothing() {
        models.postHandle(request, new MockHttpServletResponse(), new Object(), null);
        models.postHandle(request, new MockHttpServletResponse(), new Object(), new ModelAndView("redirect:/workspace"));
        models.postHandle(request, new MockHttpServletResponse(), new Object(), new ModelAndView("forward:/error"));
        models.postHandle(request, new MockHttpServletResponse(), new Object(), new ModelAndView(new RedirectView("/x")));
        assertThat(asked).isEmpty();
    }

    @Test
    void aPageGetsTheModelButKeepsWhatItsHandlerSetAndNoNulls() {
        ModelAndView page = new ModelAndView("track", Map.of("organizationName", "Tracking page's own"));
        LocaleContextHolder.setLocale(Locale.forLanguageTag("sv"));
        models.postHandle(request, new MockHttpServletResponse(), new Object(), page);
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().locale()).isEqualTo(Locale.forLanguageTag("sv"));
        assertThat(page.getModel()).containsEntry("organizationName", "Tracking page's own").doesNotContainKey("staffName");

        ModelAndView plain = new ModelAndView("index");
        models.postHandle(request, new MockHttpServletResponse(), new Object(), plain);
        assertThat(plain.getModel()).containsEntry("organizationName", "Esimerkkilä");
    }

    @Test
    void theSignedInPrincipalIsPassedAndAnAnonymousVisitorHasNone() {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        models.postHandle(request, new MockHttpServletResponse(), new Object(), new ModelAndView("index"));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("agent", null, List.of()));
        models.postHandle(request, new MockHttpServletResponse(), new Object(), new ModelAndView("index"));
        assertThat(asked).extracting(PageModel.Page::principal).containsExactly(null, "agent");
    }
}
