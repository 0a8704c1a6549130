package fi.aspa.cases;

import java.util.Locale;

/**
 * The common attachment types recognized from their first bytes, without Tika: a PDF, PNG, JPEG or GIF whose file
 * name says the same as its magic bytes (what Tika answers for these too, after more work). Anything else, or a
 * name and content that disagree, is left to Tika.
 */
final class KnownTypes {
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};

    private KnownTypes() {}

    /** The type, or null when Tika must decide. */
    static String of(byte[] content, String filename) {
        if (content == null || filename == null) return null;
        String name = filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf") && startsWith(content, PDF)) return "application/pdf";
        if (name.endsWith(".png") && startsWith(content, PNG)) return "image/png";
        if ((name.endsWith(".jpg") || name.endsWith(".jpeg")) && startsWith(content, JPEG)) return "image/jpeg";
        if (name.endsWith(".gif") && (startsWith(content, GIF87) || startsWith(content, GIF89))) return "image/gif";
        return null;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) return false;
        }
        return true;
    }
}
