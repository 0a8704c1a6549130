package fi.aspa.catalogue;

import fi.aspa.platform.OrganizationId;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A PTV file an administrator sends whole (the admin page's upload, the API's body), checked as a file around the
 * line-by-line {@link Catalogue#importPtv import}. A file that is empty, is not UTF-8 (a spreadsheet's "ANSI" export)
 * or has no line that is JSON at all (a CSV, a PDF, a pretty-printed JSON document) is refused as a whole, with a
 * reason a person can act on, rather than reported line by line. A UTF-8 byte order mark is skipped.
 */
final class PtvUpload {
    /** The skip codes of a line that is not JSON at all. */
    private static final Set<String> NOT_JSON = Set.of("malformed-json", "line-too-long", "not-utf-8");

    private PtvUpload() {}

    /** Why a whole file was refused. */
    enum Refusal { EMPTY, NOT_UTF_8, NOT_JSON_LINES }

    /**
     * What came of a file: the import's report, or the refusal (then nothing was imported) with the first line at
     * fault (1-based; 0 when no line is).
     */
    record Result(PtvImportReport report, Refusal refusal, int line) {

        boolean refused() {
            return refusal != null;
        }
    }

    static Result importFile(Catalogue catalogue, OrganizationId organization, byte[] file) {
        int start = file.length >= 3 && (file[0] & 0xff) == 0xef && (file[1] & 0xff) == 0xbb && (file[2] & 0xff) == 0xbf ? 3 : 0;
        if (blank(file, start)) return new Result(null, Refusal.EMPTY, 0);
        int bad = firstLineNotUtf8(file, start);
        if (bad > 0) return new Result(null, Refusal.NOT_UTF_8, bad);
        PtvImportReport report = catalogue.importPtv(organization, new ByteArrayInputStream(file, start, file.length - start));
        if (report.imported() + report.updated() == 0 && !report.skipped().isEmpty()
                && report.skipped().stream().allMatch(s -> NOT_JSON.contains(s.code()))) {
            return new Result(report, Refusal.NOT_JSON_LINES, report.skipped().getFirst().line());
        }
        return new Result(report, null, 0);
    }

    private static boolean blank(byte[] file, int start) {
        for (int i = start; i < file.length; i++) {
            byte b = file[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        }
        return true;
    }

    /** The number of the first line with bytes that are not UTF-8, or 0 when every line is UTF-8. */
    static int firstLineNotUtf8(byte[] file, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(file, start, file.length - start);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int line = 1;
                for (int i = start; i < in.position(); i++) if (file[i] == '\n') line++;
                return line;
            }
            if (result.isUnderflow()) return 0;
            out.clear();
        }
    }
}
