package fi.aspa.ideas;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.ideas.IdeaStore.Status;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization's ideation: one open PUBLIC round (four residents' ideas: three published with statuses and
 * supports, one waiting for moderation) and one open STAFF round (three staff ideas with supports and a comment).
 * Added once, when the organization has no rounds; open from a week before the first start for 60 days.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class IdeasDemoData {
    private static final Logger log = LoggerFactory.getLogger(IdeasDemoData.class);

    private final IdeaStore store;
    private final Staff staff;
    private final PublicOrganization publicOrganization;
    private final Clock clock;

    IdeasDemoData(IdeaStore store, Staff staff, PublicOrganization publicOrganization, Clock clock) {
        this.store = store;
        this.staff = staff;
        this.publicOrganization = publicOrganization;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seed() {
        publicOrganization.find().ifPresent(org -> seed(org.id()));
    }

    /** Adds the demo rounds and ideas to an organization that has no rounds; returns how many ideas were added. */
    @Transactional
    int seed(OrganizationId org) {
        if (!store.rounds(org, null).isEmpty()) return 0;
        List<StaffUser> people = staff.inOrganization(org).stream().sorted(Comparator.comparing(StaffUser::username)).toList();
        if (people.isEmpty()) return 0;
        StaffUser manager = people.stream().filter(p -> p.roles().contains(Role.UNIT_MANAGER) || p.roles().contains(Role.ADMIN))
                .findFirst().orElse(people.getFirst());
        LocalDate today = LocalDate.now(clock.withZone(DateTimes.HELSINKI));
        Instant opens = today.minusDays(7).atStartOfDay(DateTimes.HELSINKI).toInstant();
        Instant closes = today.plusDays(60).atStartOfDay(DateTimes.HELSINKI).toInstant();

        IdeaStore.Round residents = store.createRound(org, manager.id(), new IdeaStore.NewRound(Audience.PUBLIC,
                new LocalizedText("Miten kehittäisimme asiakaspalveluamme?", "Hur skulle vi utveckla vår kundservice?",
                        "How should we develop our customer service?"),
                new LocalizedText("Kerro, mikä asioinnissa toimii ja mikä ei. Julkaisemme ideat tarkastuksen jälkeen.",
                        "Berätta vad som fungerar och vad som inte gör det. Idéerna publiceras efter granskning.",
                        "Tell us what works and what does not. Ideas are published after moderation."),
                null, opens, closes));
        int count = 0;
        String[][] ideas = {
                {"Chat-palvelu auki myös iltaisin", "Töissä käyvänä ehtisin asioida vasta kuuden jälkeen.", "PLANNED", "Kokeilemme iltapäivystystä ensi keväänä."},
                {"Selkokieliset ohjeet lupa-asioihin", "Rakennuslupaohjeet ovat vaikeita ymmärtää.", "UNDER_CONSIDERATION", null},
                {"Tekstiviesti, kun asia etenee", "Haluaisin tiedon puhelimeeni, kun hakemukseni käsittely etenee.", "NEW", null},
        };
        for (int n = 0; n < ideas.length; n++) {
            String[] i = ideas[n];
            IdeaStore.Submitted sent = store.submitPublic(org, residents.id(), i[0], i[1], Language.FI, null);
            store.publish(org, sent.idea().id(), manager.id(), i[0], i[1]);
            store.setStatus(org, sent.idea().id(), manager.id(), Status.valueOf(i[2]), i[3]);
            for (int s = 0; s < 3 - n; s++) store.supportByBrowser(org, sent.idea().id(), "demo-browser-" + n + "-" + s);
            count++;
        }
        store.submitPublic(org, residents.id(), "Lisää penkkejä asiointipisteeseen", "Odotustilassa ei ole tarpeeksi istumapaikkoja.",
                Language.FI, null);
        count++;

        IdeaStore.Round colleagues = store.createRound(org, manager.id(), new IdeaStore.NewRound(Audience.STAFF,
                new LocalizedText("Ideoi asiakaslähtöisempää työtä", "Idéer för ett mer kundorienterat arbete",
                        "Ideas for more customer-centric work"),
                new LocalizedText("Koko henkilöstön ideointikysely: miten palvelisimme asiakkaita paremmin?",
                        "Idéenkät för hela personalen: hur skulle vi betjäna kunderna bättre?",
                        "An ideation survey for all staff: how could we serve our customers better?"),
                null, opens, closes));
        String[][] staffIdeas = {
                {"Yhteinen vastauspohjakirjasto", "Kootaan hyvät vastaukset yhteen paikkaan kaikkien käyttöön."},
                {"Asiakkaan palaute viikkopalaveriin", "Käydään viikon palautteet läpi yhdessä joka maanantai."},
                {"Tuuraus ruotsinkielisille asiakkaille", "Sovitaan, kuka palvelee ruotsiksi, kun vakituinen on poissa."},
        };
        for (int n = 0; n < staffIdeas.length; n++) {
            StaffUser author = people.get(n % people.size());
            IdeaStore.Idea idea = store.submitStaff(org, colleagues.id(), staffIdeas[n][0], staffIdeas[n][1], Language.FI, author.id());
            for (int s = 0; s < Math.min(people.size(), 4 - n); s++) store.supportByStaff(org, idea.id(), people.get(s).id());
            if (n == 0) store.comment(org, idea.id(), manager.id(), "Hyvä idea! Aloitetaan tietopankin ohjeista.");
            count++;
        }
        log.info("Demo ideation: 2 rounds, {} ideas", count);
        return count;
    }
}
