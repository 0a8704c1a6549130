package fi.aspa.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.identity.Staff;
import fi.aspa.organization.PublicOrganization;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo ideation: two open rounds with a few ideas, once. */
@AspaTest
class IdeasDemoDataTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdeaStore store;
    @Autowired
    Staff staff;
    @Autowired
    PublicOrganization publicOrganization;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient db;

    @Test
    void seedsOneOpenRoundPerAudienceOnce() {
        Fixtures.Org org = fixtures.organization();
        IdeasDemoData demo = new IdeasDemoData(store, staff, publicOrganization, clock);
        assertThat(demo.seed(org.id())).isEqualTo(7);
        assertThat(demo.seed(org.id())).as("once").isZero();
        assertThat(store.openRounds(org.id(), IdeaStore.Audience.PUBLIC)).hasSize(1);
        assertThat(store.openRounds(org.id(), IdeaStore.Audience.STAFF)).hasSize(1);
        assertThat(store.published(org.id(), IdeaStore.Audience.PUBLIC, true, 10)).extracting(IdeaStore.Idea::supports)
                .containsExactly(3L, 2L, 1L);
        assertThat(store.pending(org.id())).hasSize(1);
        assertThat(store.published(org.id(), IdeaStore.Audience.STAFF, false, 10)).hasSize(3);
    }
}
