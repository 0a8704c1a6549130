package fi.aspa.chat;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The chat's wiring: the two WebSocket endpoints, the fan-out, and the security of the resident's side.
 *
 * <p>{@code /chat/**} is public and stateless: a resident is known only by the chat's resume token (in the hello
 * frame or the {@code X-Aspa-Chat-Token} header), never by a cookie, so there is nothing for CSRF to abuse and
 * any origin in {@code aspa.chat.allowed-origins} may embed the widget. The agent's socket lives under
 * {@code /workspace/**}: the staff login, the AGENT role and same-origin only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ChatSettings.class)
class ChatConfig implements WebSocketConfigurer {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Tomcat's buffer for one incoming text frame: larger frames are refused by the container (close 1009). */
    static final int CONTAINER_FRAME_BUFFER = 32 * 1024;

    private final ResidentSocket residents;
    private final AgentSocket agents;
    private final ChatSettings settings;

    ChatConfig(ResidentSocket residents, AgentSocket agents, ChatSettings settings) {
        this.residents = residents;
        this.agents = agents;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(residents, "/chat/socket").addInterceptors(new ClientAddress())
                .setAllowedOriginPatterns(settings.allowedOrigins().toArray(String[]::new));
        registry.addHandler(agents, "/workspace/chat/socket");
    }

    @Bean
    static ServletServerContainerFactoryBean chatWebSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(CONTAINER_FRAME_BUFFER);
        container.setMaxSessionIdleTimeout(10L * 60 * 1000);
        return container;
    }

    @Bean
    @ConditionalOnProperty(name = "aspa.chat.fanout", havingValue = "postgres", matchIfMissing = true)
    static PostgresChatFanout postgresChatFanout(DataSource dataSource) {
        return new PostgresChatFanout(dataSource);
    }

    @Bean
    @ConditionalOnProperty(name = "aspa.chat.fanout", havingValue = "local")
    static LocalChatFanout localChatFanout() {
        return new LocalChatFanout();
    }

    @Bean
    @Order(2)
    SecurityFilterChain chatResidents(HttpSecurity http) throws Exception {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type", "X-Aspa-Chat-Token"));
        cors.setExposedHeaders(List.of("Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource corsSource = new UrlBasedCorsConfigurationSource();
        corsSource.registerCorsConfiguration("/chat/api/**", cors);
        return http.securityMatcher("/chat/**")
                .csrf(csrf -> csrf.disable())
                .cors(c -> c.configurationSource(corsSource))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }
}
