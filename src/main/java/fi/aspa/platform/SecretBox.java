package fi.aspa.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Secrets at rest (mailbox passwords, language-model API keys): AES-256-GCM under the key in {@code ASPA_SECRET_KEY}
 * (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}), bound to the row and field they belong to (the
 * {@code context}), so a sealed value copied to another row does not open. Without a key the values are stored as they
 * are, with a warning at start.
 */
@Component
public class SecretBox {
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String SEALED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public SecretBox(@Value("${aspa.secret-key:}") String base64Key) {
        this.key = parse(base64Key);
        if (key == null) {
            log.warn("ASPA_SECRET_KEY is not set: stored secrets (mailbox passwords, API keys) are kept unencrypted. Set it to the base64 of 32 random bytes.");
        }
    }

    static SecretKey parse(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) return null;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ASPA_SECRET_KEY must be base64 (e.g. the output of: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("ASPA_SECRET_KEY must decode to 32 bytes (openssl rand -base64 32), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The value to store; {@code context} names where it is stored (row id and field). */
    public String seal(String plain, String context) {
        if (plain == null) return null;
        if (key == null) return PLAIN + plain;
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return SEALED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    /** The stored value in the clear; an {@link IllegalStateException} when it does not open with this key. */
    public String open(String stored, String context) {
        if (stored == null) return null;
        if (stored.startsWith(PLAIN)) return stored.substring(PLAIN.length());
        if (!stored.startsWith(SEALED)) throw new IllegalStateException("Unknown secret format");
        if (key == null) throw new IllegalStateException("ASPA_SECRET_KEY is needed to read the stored secrets");
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret does not open with ASPA_SECRET_KEY (wrong key?)");
        }
    }
}
