package fi.aspa.qna;

/** What the new event form posts; everything as text so that anything a client sends gets a message, not a 400. */
public class EventForm {
    private String titleFi;
    private String titleSv;
    private String titleEn;
    private String descriptionFi;
    private String descriptionSv;
    private String descriptionEn;
    private String startsAt;
    private String endsAt;
    private String audience = "PUBLIC";
    private String premoderated;

    public String getTitleFi() { return titleFi; }
    public void setTitleFi(String v) { titleFi = v; }
    public String getTitleSv() { return titleSv; }
    public void setTitleSv(String v) { titleSv = v; }
    public String getTitleEn() { return titleEn; }
    public void setTitleEn(String v) { titleEn = v; }
    public String getDescriptionFi() { return descriptionFi; }
    public void setDescriptionFi(String v) { descriptionFi = v; }
    public String getDescriptionSv() { return descriptionSv; }
    public void setDescriptionSv(String v) { descriptionSv = v; }
    public String getDescriptionEn() { return descriptionEn; }
    public void setDescriptionEn(String v) { descriptionEn = v; }
    public String getStartsAt() { return startsAt; }
    public void setStartsAt(String v) { startsAt = v; }
    public String getEndsAt() { return endsAt; }
    public void setEndsAt(String v) { endsAt = v; }
    public String getAudience() { return audience; }
    public void setAudience(String v) { audience = v; }
    public String getPremoderated() { return premoderated; }
    public void setPremoderated(String v) { premoderated = v; }
}
