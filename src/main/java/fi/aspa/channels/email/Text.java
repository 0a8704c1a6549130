package fi.aspa.channels.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes of any charset to Java text, and RFC 2047 encoded words, leniently: mail in the wild lies about its
 * charset, leaves it out, or sends raw 8-bit bytes. Declared Latin-1 is read as windows-1252 (its superset, as
 * browsers do); undeclared or wrongly declared bytes are UTF-8 when they are valid UTF-8, else windows-1252.
 */
final class Text {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("\\?=[ \\t\\r\\n]+=\\?");

    private Text() {}

    static String decode(byte[] bytes, String declaredCharset) {
        if (bytes == null || bytes.length == 0) return "";
        Charset declared = charset(declaredCharset);
        if (declared == null || declared.equals(StandardCharsets.UTF_8) || declared.equals(StandardCharsets.US_ASCII)) {
            String utf8 = strictUtf8(bytes);
            return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
        }
        if (declared.equals(StandardCharsets.ISO_8859_1)) declared = WINDOWS_1252;
        return new String(bytes, declared);
    }

    /** The charset of a MIME name, or null when Java does not know it. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) return null;
        String clean = name.strip().replace("\"", "").replace("'", "");
        try {
            return Charset.forName(switch (clean.toLowerCase(Locale.ROOT)) {
                case "latin1", "latin-1", "iso8859-1", "iso_8859-1" -> "ISO-8859-1";
                case "latin9", "iso8859-15" -> "ISO-8859-15";
                case "cp1252" -> "windows-1252";
                case "utf8" -> "UTF-8";
                default -> clean;
            });
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Decodes RFC 2047 encoded words anywhere in a header value; whitespace between two encoded words goes. */
    static String decodeWords(String value) {
        if (value == null) return null;
        if (!value.contains("=?")) return value;
        String joined = BETWEEN_WORDS.matcher(value).replaceAll("?==?");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        int last = 0;
        // adjacent words of one charset are decoded together: a multi-byte character may be split between them
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        String pendingCharset = null;
        while (m.find()) {
            if (m.start() > last) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(joined, last, m.start());
            }
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language suffix: =?utf-8*fi?Q?...?=
            if (star >= 0) charset = charset.substring(0, star);
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quoted(m.group(3));
            if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
                flush(out, pending, pendingCharset);
            }
            pendingCharset = charset;
            pending.writeBytes(bytes);
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(joined, last, joined.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, java.io.ByteArrayOutputStream pending, String charset) {
        if (pending.size() == 0) return;
        out.append(decode(pending.toByteArray(), charset));
        pending.reset();
    }

    static byte[] base64(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
        if (clean.length() % 4 == 1) clean = clean.substring(0, clean.length() - 1);
        clean = clean + "==".substring(0, (4 - clean.length() % 4) % 4);
        try {
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static byte[] quoted(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Drops characters a case cannot hold (NUL, other C0 controls but tab and newline), normalizes newlines. */
    static String clean(String text) {
        if (text == null) return "";
        return text.replace("\r\n", "\n").replace('\r', '\n')
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]", "");
    }

    /** Cuts at a character boundary, marking the cut. */
    static String cap(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - 2;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + " …";
    }
}
