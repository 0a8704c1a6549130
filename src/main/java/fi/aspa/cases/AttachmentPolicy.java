package fi.aspa.cases;

import fi.aspa.platform.AspaException;
import java.util.List;
import java.util.Set;
import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * What files a case accepts: documents and images only, by their sniffed content (what a file claims to be is
 * not trusted), with a size limit per file and per message.
 */
@Component
class AttachmentPolicy {
    static final Set<String> ALLOWED = Set.of(
            "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/msword", "application/vnd.ms-excel");

    private final Tika tika = new Tika();
    private final long maxFileBytes;
    private final int maxFiles;

    AttachmentPolicy(@Value("${aspa.attachments.max-file-size:10MB}") DataSize maxFile,
                     @Value("${aspa.attachments.max-files:5}") int maxFiles) {
        this.maxFileBytes = maxFile.toBytes();
        this.maxFiles = maxFiles;
    }

    record Checked(String filename, String contentType, byte[] content) {}

    AttachmentLimits limits() {
        return new AttachmentLimits(maxFiles, maxFileBytes);
    }

    List<Checked> check(List<NewAttachment> attachments) {
        List<NewAttachment> present = attachments.stream().filter(a -> a.content() != null && a.content().length > 0).toList();
        if (present.size() > maxFiles) {
            throw AspaException.invalid("too-many-attachments", "At most " + maxFiles + " attachments", maxFiles);
        }
        return present.stream().map(this::check).toList();
    }

    private Checked check(NewAttachment attachment) {
        String name = safeName(attachment.filename());
        if (attachment.content().length > maxFileBytes) {
            throw new AspaException(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "attachment-too-large",
                    "Attachment " + name + " is larger than " + DataSize.ofBytes(maxFileBytes).toMegabytes() + " MB",
                    name, DataSize.ofBytes(maxFileBytes).toMegabytes());
        }
        String known = KnownTypes.of(attachment.content(), name);
        String type = known != null ? known : tika.detect(attachment.content(), name);
        if (!ALLOWED.contains(type)) {
            throw new AspaException(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-type",
                    "Attachment " + name + " is of a type that is not accepted (" + type + ")", name);
        }
        return new Checked(name, type, attachment.content());
    }

    /** Keeps the last path segment, drops control and reserved characters, caps the length. */
    static String safeName(String filename) {
        return NewAttachment.safeName(filename, NewAttachment.MAX_NAME);
    }
}
