package fi.aspa.cases;

/**
 * What a message may carry ({@code aspa.attachments.*}), for forms to say beforehand: at most {@code maxFiles} files,
 * each at most {@code maxFileBytes}. The cases module checks these itself whatever a form says.
 */
public record AttachmentLimits(int maxFiles, long maxFileBytes) {

    /** The per-file limit in whole megabytes (MiB), as the refusals say it. */
    public long maxFileMegabytes() {
        return maxFileBytes / (1024 * 1024);
    }
}
