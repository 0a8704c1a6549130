package fi.aspa.channels.phone;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a call is about: the same fixed list, codes and names ({@code contact.topic.*}) as the contact form, so
 * that cases of every channel share their topics.
 */
enum Topic {
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

    static Optional<Topic> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
