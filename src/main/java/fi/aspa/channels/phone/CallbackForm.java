package fi.aspa.channels.phone;

import fi.aspa.channels.Topic;
/** What the callback form posts; kept as typed to show it again when something needs fixing. */
class CallbackForm {
    private String name;
    private String phone;
    private String date;
    private String window;
    private String topic = Topic.GENERAL.getCode();
    private String message;
    /** The honeypot: people leave it empty, form-filling robots do not. */
    private String website;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getDate() { return date; }
    public void setDate(String date) { this.date = date; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
