package fi.aspa.platform;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A stored file served safely: always as a download (never rendered inline, whatever it is), under its own
 * name in any script (RFC 6266 / RFC 5987), with the sniffed type, no sniffing by the browser, and not cached
 * by shared caches.
 */
public final class Downloads {
    private Downloads() {}

    public static ResponseEntity<byte[]> attachment(String filename, String contentType, byte[] content) {
        return ResponseEntity.ok()
                .contentType(mediaType(contentType))
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(content);
    }

    private static MediaType mediaType(String type) {
        try {
            return MediaType.parseMediaType(type);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
