package fi.aspa.assignments;

import java.util.ArrayList;
import java.util.List;

/**
 * What the task form posts: text as typed, checked by {@link TaskPages} so that bad input gets a message. The
 * questions come as {@code question-<n>-fi}, {@code -sv} and {@code -en} (n = 1..10), read from the request.
 */
class TaskForm {
    private String kind;
    private String titleFi;
    private String titleSv;
    private String titleEn;
    private String instructionsFi;
    private String instructionsSv;
    private String instructionsEn;
    private String audience;
    private List<String> units = new ArrayList<>();
    private String opens;
    private String due;
    private String event;
    private List<QuestionInput> questions = new ArrayList<>();

    /** One question's texts as typed. */
    record QuestionInput(String fi, String sv, String en) {
        boolean blank() {
            return TaskPages.blank(fi) && TaskPages.blank(sv) && TaskPages.blank(en);
        }
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getTitleFi() {
        return titleFi;
    }

    public void setTitleFi(String titleFi) {
        this.titleFi = titleFi;
    }

    public String getTitleSv() {
        return titleSv;
    }

    public void setTitleSv(String titleSv) {
        this.titleSv = titleSv;
    }

    public String getTitleEn() {
        return titleEn;
    }

    public void setTitleEn(String titleEn) {
        this.titleEn = titleEn;
    }

    public String getInstructionsFi() {
        return instructionsFi;
    }

    public void setInstructionsFi(String instructionsFi) {
        this.instructionsFi = instructionsFi;
    }

    public String getInstructionsSv() {
        return instructionsSv;
    }

    public void setInstructionsSv(String instructionsSv) {
        this.instructionsSv = instructionsSv;
    }

    public String getInstructionsEn() {
        return instructionsEn;
    }

    public void setInstructionsEn(String instructionsEn) {
        this.instructionsEn = instructionsEn;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public List<String> getUnits() {
        return units;
    }

    public void setUnits(List<String> units) {
        this.units = units == null ? new ArrayList<>() : units;
    }

    public String getOpens() {
        return opens;
    }

    public void setOpens(String opens) {
        this.opens = opens;
    }

    public String getDue() {
        return due;
    }

    public void setDue(String due) {
        this.due = due;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    List<QuestionInput> questions() {
        return questions;
    }

    void questions(List<QuestionInput> questions) {
        this.questions = questions;
    }
}
