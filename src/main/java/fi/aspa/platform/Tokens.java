package fi.aspa.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets handed out in links, cookies and keys: random bits, URL-safe; only their SHA-256 is stored, so a database
 * copy does not open anyone's case, booking, chat or API.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    public static String random() {
        return random(32);
    }

    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** The SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
    public static String sha256(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape of a token {@link #random()} gives out: anything else need not be looked up at all. */
    public static boolean plausible(String token) {
        return token != null && token.length() >= 40 && token.length() <= 60 && token.matches("^[A-Za-z0-9_-]+$");
    }
}
