package fi.aspa.channels;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a contact is about: a fixed list the resident picks from (contact form, call-back request) or the agent logs
 * (phone call); the code is stored as the case's topic and named by {@code contact.topic.<code>} in every channel.
 * Feedback comes in three kinds (praise, complaint, idea) beside plain feedback, so that they can be counted apart.
 */
public enum Topic {
    GENERAL("general"),
    EARLY_EDUCATION("early-education"),
    SOCIAL_HEALTH("social-health"),
    BUILDING_ENVIRONMENT("building-environment"),
    STREETS_PARKS("streets-parks"),
    CULTURE_LEISURE("culture-leisure"),
    FEEDBACK("feedback"),
    /** Feedback that thanks: what works, to keep and to tell the staff. */
    FEEDBACK_PRAISE("feedback-praise"),
    /** Feedback that criticizes: something went wrong. */
    FEEDBACK_COMPLAINT("feedback-complaint"),
    /** Feedback that proposes: how a service could be better. */
    FEEDBACK_IDEA("feedback-idea");

    private final String code;

    Topic(String code) {
        this.code = code;
    }

    public String getCode() {
        return code;
    }

    /** Feedback of any kind: the resident may leave it without a name. */
    public boolean isFeedback() {
        return this == FEEDBACK || this == FEEDBACK_PRAISE || this == FEEDBACK_COMPLAINT || this == FEEDBACK_IDEA;
    }

    public String getMessageKey() {
        return "contact.topic." + code;
    }

    public static Optional<Topic> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
