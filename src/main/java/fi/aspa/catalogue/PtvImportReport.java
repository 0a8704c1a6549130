package fi.aspa.catalogue;

import java.util.List;

/** What an import did: how many services were created and updated, and every skipped line with the reason. */
public record PtvImportReport(int imported, int updated, List<Skipped> skipped) {

    public PtvImportReport {
        skipped = List.copyOf(skipped);
    }

    /** A line that was not imported: its number (1-based), the PTV id when it could be read, and why. */
    public record Skipped(int line, String ptvId, String reason) {}
}
