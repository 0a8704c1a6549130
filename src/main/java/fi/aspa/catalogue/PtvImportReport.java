package fi.aspa.catalogue;

import java.util.List;

/** What an import did: how many services were created and updated, and every skipped line with the reason. */
public record PtvImportReport(int imported, int updated, List<Skipped> skipped) {

    public PtvImportReport {
        skipped = List.copyOf(skipped);
    }

    /**
     * A line that was not imported: its number (1-based), the PTV id when it could be read, a stable {@code code} for
     * programs and translations (one of {@link Skipped#CODES}) and the {@code reason} in English, with the details.
     */
    public record Skipped(int line, String ptvId, String code, String reason) {

        /** Every code a skipped line may carry. */
        public static final List<String> CODES = List.of("line-too-long", "not-utf-8", "malformed-json", "not-an-object",
                "missing-id", "bad-id", "missing-finnish-name", "too-long", "unknown-structure", "too-many-keywords",
                "open311-code-taken", "invalid", "not-stored");
    }
}
