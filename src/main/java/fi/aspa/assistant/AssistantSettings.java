package fi.aspa.assistant;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aspa.assistant.*}.
 *
 * @param minScore   the best hit's confidence (its score over the weight of one rare word in the index) below which the bot hands over
 * @param closeRatio the second hit within this share of the best makes the bot ask which one was meant
 * @param pageBoost  the factor for hits about the page the resident asked on
 * @param services   whether the bot also quotes public service descriptions (not only articles)
 * @param enabledFor the slugs of organizations whose chat starts with the bot until they decide otherwise
 */
@ConfigurationProperties("aspa.assistant")
record AssistantSettings(@DefaultValue("1.0") float minScore,
                         @DefaultValue("0.9") float closeRatio,
                         @DefaultValue("1.3") float pageBoost,
                         @DefaultValue("true") boolean services,
                         @DefaultValue("esimerkkila") List<String> enabledFor) {

    AnswerFinder.Thresholds thresholds() {
        return new AnswerFinder.Thresholds(minScore, closeRatio, pageBoost, services);
    }
}
