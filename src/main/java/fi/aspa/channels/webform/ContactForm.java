package fi.aspa.channels.webform;

import fi.aspa.channels.Topic;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** What the contact form posts; kept as typed to show it again when something needs fixing (files excepted). */
class ContactForm {
    private String name;
    private String email;
    private String phone;
    private String language;
    private String topic = Topic.GENERAL.getCode();
    private String subject;
    private String message;
    /** The honeypot: people leave it empty, form-filling robots do not. */
    private String website;
    /** What the feedback is about when a page links to the form for it: only {@link ContactPage#ABOUT_ACCESSIBILITY}. */
    private String about;
    private List<MultipartFile> attachments;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getAbout() { return about; }
    public void setAbout(String about) { this.about = about; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
    public List<MultipartFile> getAttachments() { return attachments; }
    public void setAttachments(List<MultipartFile> attachments) { this.attachments = attachments; }
}
