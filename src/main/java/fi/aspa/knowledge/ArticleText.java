package fi.aspa.knowledge;

/** One language version's title and body (Markdown). */
public record ArticleText(String title, String body) {
    public ArticleText {
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.strip().replace("\r\n", "\n");
    }

    public boolean isEmpty() {
        return title.isEmpty() && body.isEmpty();
    }

    public boolean isComplete() {
        return !title.isEmpty() && !body.isEmpty();
    }
}
