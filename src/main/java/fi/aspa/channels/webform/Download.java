package fi.aspa.channels.webform;

import java.nio.charset.StandardCharsets;

/** A Content-Disposition that makes the browser save the file under its own name, whatever characters it has. */
final class Download {
    private Download() {}

    static String contentDisposition(String filename) {
        return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + rfc5987(filename);
    }

    /** For old clients: printable ASCII only, without quotes or backslashes. */
    static String asciiFallback(String filename) {
        StringBuilder out = new StringBuilder();
        for (char c : filename.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return out.toString();
    }

    /** RFC 5987 ext-value: UTF-8 bytes, everything outside attr-char percent-encoded. */
    static String rfc5987(String filename) {
        StringBuilder out = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
