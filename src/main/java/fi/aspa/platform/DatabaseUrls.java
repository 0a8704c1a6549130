package fi.aspa.platform;

import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/** The database URL as start-up messages may show it: passwords removed, wherever the URL carried them. */
final class DatabaseUrls {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:password|pass|pwd)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");

    private DatabaseUrls() {}

    static String withoutPassword(String url) {
        String cleaned = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(cleaned).replaceAll("//$1:***@");
    }

    /** The configured URL without its password, or a description of the embedded database. */
    static String describe(Environment environment) {
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            String dir = environment == null ? null : environment.getProperty("aspa.embedded-db.data-dir");
            return "the embedded PostgreSQL" + (dir == null ? "" : " (data in " + dir + ")");
        }
        return withoutPassword(url);
    }
}
