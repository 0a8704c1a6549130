package fi.aspa.appointments;

/** What the booking form posts; kept as typed to show it again when something needs fixing. */
class BookingForm {
    private String start;
    private String mode;
    private String name;
    private String email;
    private String phone;
    private String language;
    /** The honeypot: people leave it empty, form-filling robots do not. */
    private String website;

    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
