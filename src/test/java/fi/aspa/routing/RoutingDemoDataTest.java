package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo organization's routing history: imported once, to the right services and languages, and learnt from. */
@AspaTest
class RoutingDemoDataTest {
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired ServiceRouter router;
    @Autowired Routing routing;
    @Autowired RoutingFeedback feedback;
    @Autowired JdbcClient db;

    @Test
    void theExampleRequestsBecomeTheOrganizationsHistoryOnce() {
        Fixtures.Org org = fixtures.organization();
        RoutingDemoData demo = new RoutingDemoData(router, catalogue, null, db);
        assertThat(demo.seed(org.id())).as("no Helsinki services: nothing to import").isZero();
        assertThatThrownBy(() -> router.history(org.id(), List.of(new ServiceRouter.Past("Kuoppa kadussa", Language.FI, UUID.randomUUID()))))
                .as("a service the organization does not have").isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("unknown-service");
        assertThat(feedback.recent(org.id(), 10)).isEmpty();

        catalogue.addHelsinkiFeedbackServices(org.id(), org.service().id());
        Map<String, Map<Language, List<String>>> examples = RoutingDemoData.examples();
        assertThat(examples).hasSize(10);
        int all = examples.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
        assertThat(all).isEqualTo(600);
        assertThat(demo.seed(org.id())).isEqualTo(all);
        assertThat(demo.seed(org.id())).as("only once").isZero();

        List<RoutingFeedback.Entry> history = feedback.recent(org.id(), 1000);
        assertThat(history).hasSize(all).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(RoutingFeedback.Kind.HISTORY);
            assertThat(e.caseId()).isNull();
        });
        UUID playgrounds = catalogue.byOpen311Code(org.id(), "211").orElseThrow().id();
        Map<Language, List<String>> expected = examples.get("211");
        Map<Language, List<String>> stored = history.stream().filter(e -> e.serviceId().equals(playgrounds))
                .collect(Collectors.groupingBy(RoutingFeedback.Entry::language, Collectors.mapping(RoutingFeedback.Entry::text, Collectors.toList())));
        assertThat(stored.keySet()).containsExactlyInAnyOrder(Language.FI, Language.SV);
        stored.forEach((language, texts) -> assertThat(texts).containsExactlyInAnyOrderElementsOf(expected.get(language)));

        // the classifier learns from them: each Swedish playground request is now ranked to its service first
        for (String text : expected.get(Language.SV)) {
            assertThat(routing.suggest(org.id(), text, Language.SV).ranked().getFirst().open311Code()).as(text).isEqualTo("211");
        }
    }
}
