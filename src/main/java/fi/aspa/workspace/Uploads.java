package fi.aspa.workspace;

import fi.aspa.cases.AttachmentLimits;
import fi.aspa.cases.NewAttachment;
import fi.aspa.platform.FieldMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files an agent chose for a reply or a note. A browser sends an empty part without a name when nothing was
 * chosen: that is no file. A chosen file that is empty is refused with its name rather than dropped without a word
 * (the agent meant to send something). The count and each size are checked here against the cases module's own
 * limits so that they are reported together with the form's other errors; the cases module checks them again,
 * with the sniffed type, when the message is stored.
 */
final class Uploads {
    private Uploads() {}

    static List<MultipartFile> chosen(List<MultipartFile> files) {
        if (files == null) return List.of();
        return files.stream().filter(f -> f != null && (!f.isEmpty() || hasName(f))).toList();
    }

    /** The errors of the chosen files, for the field {@code field}, in the form's language. */
    static List<FieldMessage> check(List<MultipartFile> chosen, AttachmentLimits limits, String field, WorkspaceLabels labels) {
        List<FieldMessage> errors = new ArrayList<>();
        if (chosen.size() > limits.maxFiles()) {
            errors.add(new FieldMessage(field, labels.msg("error.too-many-attachments", limits.maxFiles())));
        }
        for (MultipartFile file : chosen) {
            String name = NewAttachment.safeName(file.getOriginalFilename(), NewAttachment.MAX_NAME);
            if (file.isEmpty()) {
                errors.add(new FieldMessage(field, labels.msg("workspace.error.attachment-empty", name)));
            } else if (file.getSize() > limits.maxFileBytes()) {
                errors.add(new FieldMessage(field, labels.msg("error.attachment-too-large", name, limits.maxFileMegabytes())));
            }
        }
        return errors;
    }

    static List<NewAttachment> toAttachments(List<MultipartFile> chosen) {
        return chosen.stream().map(f -> {
            try {
                return new NewAttachment(f.getOriginalFilename(), f.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static boolean hasName(MultipartFile file) {
        return file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
    }
}
