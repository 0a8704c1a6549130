package fi.aspa.channels;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a contact is about: a fixed list the resident picks from (contact form, call-back request) or the agent logs
 * (phone call); the code is stored as the case's topic and named by {@code contact.topic.<code>} in every channel.
 */
public enum Topic {
    GENERAL("general"),
    EARLY_EDUCATION("early-education"),
    SOCIAL_HEALTH("social-health"),
    BUILDING_ENVIRONMENT("building-environment"),
    STREETS_PARKS("streets-parks"),
    CULTURE_LEISURE("culture-leisure"),
    FEEDBACK("feedback");

    private final String code;

    Topic(String code) {
        this.code = code;
    }

    public String getCode() {
        return code;
    }

    public String getMessageKey() {
        return "contact.topic." + code;
    }

    public static Optional<Topic> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
