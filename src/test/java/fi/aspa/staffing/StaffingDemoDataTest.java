package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo staff's profiles: what the demo organization's people get, once, from their usernames and services. */
@AspaTest
class StaffingDemoDataTest {
    @Autowired Fixtures fixtures;
    @Autowired Staff staff;
    @Autowired Catalogue catalogue;
    @Autowired StaffingStore store;
    @Autowired CompetenceMaps maps;

    @Test
    void demoStaffGetLanguagesExpertiseAbsencesAndAutomaticAssignmentOnce() {
        Fixtures.Org org = fixtures.organization();
        String prefix = org.organization().slug() + ".";
        UUID unit = org.service().id();
        StaffUser manager = user(org, prefix + "esimies", unit, Language.FI);
        StaffUser agent = user(org, prefix + "agentti", unit, Language.FI);
        StaffUser swede = user(org, prefix + "maria.lindholm", unit, Language.SV);
        StaffUser never = user(org, prefix + "veera.heinonen", org.building().id(), Language.FI);
        StaffUser away = user(org, prefix + "tiina.laine", org.building().id(), Language.FI);
        StaffUser it = user(org, prefix + "antti.saarinen", org.building().id(), Language.FI);
        UUID parking = service(org, "Pysäköinninvalvonta", unit);
        UUID rental = service(org, "Kunnan vuokra-asunnot", unit);
        UUID waste = service(org, "Jätehuollon neuvonta", unit);
        Instant now = Instant.parse("2026-03-10T08:00:00Z");
        StaffingDemoData demo = new StaffingDemoData(null, staff, catalogue, store, Clock.systemUTC());

        assertThat(demo.seed(org.id(), prefix, now)).isEqualTo(6);
        assertThat(demo.seed(org.id(), prefix, now)).as("only once").isZero();

        Map<UUID, Profile> profiles = store.profiles(org.id(), Map.of(manager.id(), "fi", agent.id(), "fi", swede.id(), "sv",
                never.id(), "fi", away.id(), "fi"));
        assertThat(profiles.get(manager.id()).expertise()).containsOnly(Map.entry(parking, Level.RESPONSIBLE),
                Map.entry(rental, Level.RESPONSIBLE), Map.entry(waste, Level.RESPONSIBLE));
        assertThat(profiles.get(agent.id()).expertise()).containsOnly(Map.entry(parking, Level.CAN_HANDLE), Map.entry(rental, Level.EXPERT));
        assertThat(profiles.get(agent.id()).languages()).containsExactly("fi", "en", "sv");
        assertThat(profiles.get(swede.id()).languages()).containsExactly("fi", "sv", "en", "de");
        assertThat(profiles.get(never.id()).confirmedAt()).isNull();
        assertThat(profiles.get(manager.id()).confirmedAt()).isEqualTo(now.minusSeconds(10 * 86_400));
        assertThat(profiles.get(away.id()).absences()).singleElement()
                .satisfies(a -> assertThat(a.covers(LocalDate.of(2026, 3, 10))).isTrue());
        assertThat(store.autoAssign(org.id(), unit)).isTrue();
        assertThat(store.internalServices(org.id())).hasSize(3);
        assertThat(catalogue.internalIds(org.id())).as("the demo's IT, HR and facilities services are for staff only")
                .containsExactlyInAnyOrderElementsOf(store.internalServices(org.id()));
        assertThat(store.profile(org.id(), it.id(), "fi").expertise()).hasSize(3).containsValue(Level.RESPONSIBLE)
                .containsKeys(store.internalServices(org.id()).toArray(UUID[]::new));

        var map = maps.build(org.id(), unit, Language.FI);
        assertThat(map.single()).extracting(CompetenceMaps.Row::serviceId).containsExactly(waste);
        assertThat(map.noSwedish()).extracting(CompetenceMaps.Row::serviceId).containsExactly(waste);
    }

    StaffUser user(Fixtures.Org org, String username, UUID unit, Language language) {
        return staff.create(org.id(), unit, username, username, null, Fixtures.PASSWORD, EnumSet.of(Role.AGENT), language);
    }

    UUID service(Fixtures.Org org, String name, UUID unit) {
        return catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText(name, null, null), null, List.of(), unit)).id();
    }
}
