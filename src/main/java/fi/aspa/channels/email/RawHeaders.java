package fi.aspa.channels.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header block of a raw message, read by Aspa itself: unfolded, each line decoded as UTF-8 when it is valid
 * UTF-8 (RFC 6532) and as windows-1252 otherwise, so 8-bit headers from any mailer come out readable.
 * Encoded words are left as they are ({@link Text#decodeWords}).
 */
final class RawHeaders {
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,490})>");
    private final Map<String, List<String>> values;
    private final int bodyOffset;
    private final boolean wellFormed;

    private RawHeaders(Map<String, List<String>> values, int bodyOffset, boolean wellFormed) {
        this.values = values;
        this.bodyOffset = bodyOffset;
        this.wellFormed = wellFormed;
    }

    static RawHeaders parse(byte[] raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int end = headerEnd(raw);
        int bodyOffset = end < 0 ? raw.length : end;
        boolean wellFormed = true;
        List<byte[]> lines = new ArrayList<>();
        int limit = end < 0 ? raw.length : end;
        int start = 0;
        for (int i = 0; i <= limit; i++) {
            if (i == limit || raw[i] == '\n') {
                int stop = i > start && raw[i - 1] == '\r' ? i - 1 : i;
                if (stop > start) lines.add(java.util.Arrays.copyOfRange(raw, start, stop));
                start = i + 1;
            }
        }
        String name = null;
        StringBuilder value = new StringBuilder();
        for (byte[] bytes : lines) {
            String line = Text.decode(bytes, null);
            if (line.isEmpty()) continue;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(line); // unfolding: the line break goes, the whitespace stays
                continue;
            }
            if (name != null) add(values, name, value.toString());
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).strip().contains(" ")) {
                if (!line.startsWith("From ")) wellFormed = false; // mbox "From " lines are not headers
                name = null;
                value.setLength(0);
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value.setLength(0);
            value.append(line.substring(colon + 1));
        }
        if (name != null) add(values, name, value.toString());
        return new RawHeaders(values, bodyOffset, wellFormed);
    }

    private static void add(Map<String, List<String>> values, String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.strip());
    }

    /** The offset of the first body byte (after the empty line), or -1 when the message has no empty line. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i < raw.length - 1; i++) {
            if (raw[i] == '\n') {
                if (raw[i + 1] == '\n') return i + 2;
                if (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') return i + 3;
            }
        }
        return -1;
    }

    String first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    int bodyOffset() {
        return bodyOffset;
    }

    /** False when lines that are not headers appear in the header block, or there is no header at all. */
    boolean wellFormed() {
        return wellFormed && !values.isEmpty();
    }

    /** The ids in angle brackets of a Message-ID, In-Reply-To or References value, in order. */
    static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) return ids;
        Matcher m = ANGLE_ID.matcher(value);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }

    /** A Message-ID without its brackets; a bare id is taken as it is. Null when there is none. */
    static String messageId(String value) {
        if (value == null || value.isBlank()) return null;
        List<String> ids = ids(value);
        if (!ids.isEmpty()) return ids.getFirst();
        String bare = value.strip();
        return bare.length() > 490 || bare.contains(" ") ? null : bare;
    }
}
