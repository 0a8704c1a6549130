package fi.aspa.identity;

import fi.aspa.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two walls. The API ({@code /api/**}) is stateless and needs an organization's API token as a bearer token;
 * its errors are problem+json. Pages: public resident pages, everything else behind the staff login, with CSRF
 * protection, a strict content security policy and no referrer (tracking links must not leak).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observation around each security filter, authentication and authorization: at intake
     * rates the wrapping alone cost about a tenth of an API request's CPU, even with the observations themselves disabled.
     * The HTTP server metrics ({@code http.server.requests}) stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, StaffAccounts accounts) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerToken(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(ApiTokenAuthentication.AUTHORITY))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> Problems.write(response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "A valid API token is required (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "This token may not do that")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .build();
    }

    /**
     * Open311 GeoReport v2 ({@code channels.open311}): public reads, posts carry the organization's Open311 API key,
     * which the channel checks itself. No cookies are used, so no session and no CSRF; the usual secure headers.
     * Browsers on other sites may read (GET) without credentials.
     */
    @Bean
    @Order(2)
    SecurityFilterChain open311(HttpSecurity http) throws Exception {
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.addAllowedOrigin("*");
        cors.setAllowedMethods(List.of("GET"));
        cors.setAllowCredentials(false);
        org.springframework.web.cors.UrlBasedCorsConfigurationSource corsSource = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        corsSource.registerCorsConfiguration("/open311/**", cors);
        return http.securityMatcher("/open311/**")
                .csrf(csrf -> csrf.disable())
                .cors(c -> c.configurationSource(corsSource))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/callback", "/callback/**", "/appointments", "/appointments/**", "/kiosk/**", "/display/**").permitAll()
                        .requestMatchers("/", "/contact", "/contact/**", "/track/**", "/feedback/**", "/ideas", "/ideas/**", "/events/**", "/services", "/services/**", "/help", "/help/**", "/accessibility", "/login",
                                "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/workspace/**").hasRole(Role.AGENT.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/workspace", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }

    /** Authentication of one API request by its bearer token. */
    static final class ApiTokenAuthentication extends AbstractAuthenticationToken {
        static final String AUTHORITY = "API_CLIENT";
        private final ApiClient client;

        ApiTokenAuthentication(ApiClient client) {
            super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return client;
        }
    }

    private static final class BearerToken extends OncePerRequestFilter {
        private final StaffAccounts accounts;

        BearerToken(StaffAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                accounts.apiClient(header.substring(7).trim()).ifPresent(client ->
                        SecurityContextHolder.getContext().setAuthentication(new ApiTokenAuthentication(client)));
            }
            chain.doFilter(request, response);
        }
    }
}
