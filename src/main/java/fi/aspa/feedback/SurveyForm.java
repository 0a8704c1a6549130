package fi.aspa.feedback;

/** What the survey page posts; the score as text so that anything a client sends gets a message, not a 400. */
public class SurveyForm {
    private String score;
    private String comment;

    public String getScore() {
        return score;
    }

    public void setScore(String score) {
        this.score = score;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
