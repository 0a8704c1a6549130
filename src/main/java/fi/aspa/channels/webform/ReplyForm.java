package fi.aspa.channels.webform;

import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** A resident's answer on the tracking page. */
class ReplyForm {
    private String message;
    private List<MultipartFile> attachments;

    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public List<MultipartFile> getAttachments() { return attachments; }
    public void setAttachments(List<MultipartFile> attachments) { this.attachments = attachments; }
}
