package fi.aspa.channels.webform;

import fi.aspa.cases.NewAttachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** The files that came with a post; an empty file input sends an empty part, which is no file. */
final class Uploads {
    static final int MAX_FILES = 5;

    private Uploads() {}

    static List<MultipartFile> present(List<MultipartFile> files) {
        return files == null ? List.of() : files.stream().filter(f -> f != null && !f.isEmpty()).toList();
    }

    static List<NewAttachment> toAttachments(List<MultipartFile> files) {
        return present(files).stream().map(f -> {
            try {
                return new NewAttachment(f.getOriginalFilename(), f.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
