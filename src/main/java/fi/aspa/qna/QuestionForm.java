package fi.aspa.qna;

/** What the participant's form posts: the question, an optional name and the honeypot. */
public class QuestionForm {
    private String text;
    private String name;
    private String website;

    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    /** The honeypot: people leave it empty, form-filling robots do not. */
    public String getWebsite() { return website; }
    public void setWebsite(String v) { website = v; }
}
