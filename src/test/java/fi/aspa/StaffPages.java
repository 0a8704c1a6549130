package fi.aspa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.aspa.identity.StaffUser;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The application's pages over MockMvc with Spring Security's filters in front (so authorization, CSRF and the
 * access log run as in production), requested in one language ({@code Accept-Language}, Finnish unless
 * {@link #in(String)} says otherwise) and, where a staff user is given, as that user.
 */
public class StaffPages {
    private final MockMvc mvc;
    private final UserDetailsService users;
    private final String language;

    @Autowired
    StaffPages(WebApplicationContext context, UserDetailsService users) {
        this(MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build(), users, "fi");
    }

    private StaffPages(MockMvc mvc, UserDetailsService users, String language) {
        this.mvc = mvc;
        this.users = users;
        this.language = language;
    }

    /** The same pages requested in another language (fi, sv, en). */
    public StaffPages in(String language) {
        return new StaffPages(mvc, users, language);
    }

    /** Signs the request in as this staff user, with the authorities the application would give them. */
    public RequestPostProcessor as(StaffUser who) {
        return as(who.username());
    }

    public RequestPostProcessor as(String username) {
        return user(users.loadUserByUsername(username));
    }

    public MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Accept-Language", language)).andReturn().getResponse();
    }

    public MockHttpServletResponse send(StaffUser who, MockHttpServletRequestBuilder request) throws Exception {
        return send(request.with(as(who)));
    }

    /** The page's HTML, failing the test unless it answered 200. */
    public String page(StaffUser who, String path) throws Exception {
        MockHttpServletResponse response = send(who, get(path));
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** For what the helpers above do not cover (redirects followed by hand, results with the model). */
    public MockMvc mvc() {
        return mvc;
    }
}
