package fi.aspa.assistant;

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
 * Language-model API keys at rest: AES-256-GCM under {@code ASPA_SECRET_KEY} (the key that seals the mailbox
 * passwords), bound to the organization, so a sealed key copied to another organization's row does not open. Without
 * {@code ASPA_SECRET_KEY} the keys are stored as they are.
 */
@Component
class ApiKeyBox {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyBox.class);
    private static final String SEALED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    ApiKeyBox(@Value("${aspa.secret-key:}") String base64Key) {
        SecretKey parsed = null;
        if (base64Key != null && !base64Key.isBlank()) {
            try {
                byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
                if (bytes.length == 32) parsed = new SecretKeySpec(bytes, "AES");
            } catch (IllegalArgumentException e) {
                // the mailbox passwords' SecretBox refuses to start with a malformed key and says why
            }
        }
        this.key = parsed;
    }

    String seal(String plain, String context) {
        if (plain == null) return null;
        if (key == null) {
            log.warn("ASPA_SECRET_KEY is not set: a language-model API key is stored unencrypted.");
            return PLAIN + plain;
        }
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

    /** The stored key, or null when it does not open (another ASPA_SECRET_KEY): then the bot quotes as without a model. */
    String open(String stored, String context) {
        if (stored == null) return null;
        if (stored.startsWith(PLAIN)) return stored.substring(PLAIN.length());
        if (!stored.startsWith(SEALED) || key == null) return null;
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn("A stored language-model API key does not open with ASPA_SECRET_KEY (changed key?)");
            return null;
        }
    }
}
