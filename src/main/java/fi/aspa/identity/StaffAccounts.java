package fi.aspa.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local staff accounts: a strong adaptive hash (bcrypt through Spring Security's delegating encoder), and a
 * lockout after {@value #MAX_FAILURES} failed logins in a row for {@link #LOCKOUT}.
 */
@Service
@Transactional
class StaffAccounts implements Staff, UserDetailsService {
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final Duration API_TOKEN_MEMORY = Duration.ofSeconds(30);

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Cache<String, ApiClient> knownTokens = Caffeine.newBuilder()
            .expireAfterWrite(API_TOKEN_MEMORY).maximumSize(10_000).build();

    StaffAccounts(JdbcClient db, PasswordEncoder passwords, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return db.sql("select * from staff_user where username = ?").param(username)
                .query((rs, n) -> {
                    Timestamp lockedUntil = rs.getTimestamp("locked_until");
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
                    return new StaffPrincipal(user(rs), rs.getString("password_hash"), locked, rs.getBoolean("enabled"));
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        db.sql("""
                update staff_user set
                    failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end,
                    locked_until = case when failed_logins + 1 >= :max then :until else locked_until end
                where username = :username""")
                .param("max", MAX_FAILURES)
                .param("until", Timestamp.from(clock.instant().plus(LOCKOUT)))
                .param("username", username)
                .update();
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StaffPrincipal p) {
            db.sql("update staff_user set failed_logins = 0, locked_until = null where id = ?").param(p.id()).update();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StaffUser> find(OrganizationId organization, UUID id) {
        return db.sql("select * from staff_user where organization_id = ? and id = ?")
                .params(organization.value(), id).query(StaffAccounts::userRow).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffUser> inOrganization(OrganizationId organization) {
        return db.sql("select * from staff_user where organization_id = ? and enabled order by display_name")
                .param(organization.value()).query(StaffAccounts::userRow).list();
    }

    @Override
    public StaffUser create(OrganizationId organization, UUID unitId, String username, String displayName, String email,
                            String password, Set<Role> roles, Language language) {
        return createWithHash(organization, unitId, username, displayName, email, hash(password), roles, language);
    }

    @Override
    public String hash(String password) {
        return passwords.encode(password);
    }

    @Override
    public StaffUser createWithHash(OrganizationId organization, UUID unitId, String username, String displayName,
                                   String email, String passwordHash, Set<Role> roles, Language language) {
        UUID id = Ids.next();
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        db.sql("""
                insert into staff_user (id, organization_id, unit_id, username, display_name, email, password_hash, roles, language)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), unitId, username, displayName, email, passwordHash, roleNames, language.code())
                .update();
        return new StaffUser(id, organization, unitId, username, displayName, email, EnumSet.copyOf(roles), language);
    }

    @Override
    public void registerApiToken(OrganizationId organization, String name, String token) {
        db.sql("insert into api_token (id, organization_id, name, token_sha256) values (?, ?, ?, ?)")
                .params(Ids.next(), organization.value(), name, Tokens.sha256(token)).update();
    }

    @Override
    public String issueApiToken(OrganizationId organization, String name) {
        String token = "aspa_" + Tokens.random();
        registerApiToken(organization, name, token);
        return token;
    }

    /**
     * The client of a bearer token. Every API request asks, so known tokens are remembered for
     * {@link #API_TOKEN_MEMORY}: a token revoked in the database stops working within that time on every node. Unknown
     * tokens are not remembered (a token registered on another node works at once) and cost one query each, without a
     * transaction of their own.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<ApiClient> apiClient(String token) {
        String hash = Tokens.sha256(token);
        ApiClient known = knownTokens.getIfPresent(hash);
        if (known != null) return Optional.of(known);
        Optional<ApiClient> found = db.sql("select id, organization_id, name from api_token where token_sha256 = ? and revoked_at is null")
                .param(hash)
                .query((rs, n) -> new ApiClient(rs.getObject("id", UUID.class),
                        new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("name")))
                .optional();
        found.ifPresent(client -> knownTokens.put(hash, client));
        return found;
    }

    private static StaffUser userRow(ResultSet rs, int row) throws SQLException {
        return user(rs);
    }

    static StaffUser user(ResultSet rs) throws SQLException {
        Set<Role> roles = Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return new StaffUser(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getObject("unit_id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), roles, Language.parse(rs.getString("language")).orElse(Language.FI));
    }

    Instant now() {
        return clock.instant();
    }
}
