package fi.aspa.assignments;

import fi.aspa.assignments.AssignmentStore.Draft;
import fi.aspa.assignments.AssignmentStore.Kind;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.Unit;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * The demo organization's reflection task after the satisfaction survey: sent to every unit a week ago, due in two
 * weeks, answered and submitted by the first two units that have a manager (customer service and building control in
 * the demo; otherwise the first two such units by name), the others not started. Added once, when the organization
 * has no tasks; the dates are counted from today, so the task is open whenever the demo starts.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class AssignmentsDemoData {
    private static final Logger log = LoggerFactory.getLogger(AssignmentsDemoData.class);
    private static final List<String> PREFERRED = List.of("Asiakaspalvelu", "Rakennusvalvonta");

    static final LocalizedText TITLE = new LocalizedText("Kyselyn tulokset ja arjen asiakastyö",
            "Enkätens resultat och kundarbetet i vardagen", "The survey’s results and everyday customer work");

    private static final List<LocalizedText> QUESTIONS = List.of(
            new LocalizedText("Mitkä asiakaskeskeisen työn kehittämiskohteet kyselyn tuloksista nousevat yksikössänne esiin?",
                    "Vilka utvecklingsområden i det kundcentrerade arbetet lyfter enkätens resultat fram i er enhet?",
                    "Which development targets of customer-centred work do the survey’s results raise in your unit?"),
            new LocalizedText("Miten ne näkyvät yksikkönne arjessa?", "Hur syns de i er enhets vardag?",
                    "How do they show in your unit’s everyday work?"),
            new LocalizedText("Mitä kokeilette seuraavaksi?", "Vad prövar ni härnäst?", "What will you try next?"));

    private static final List<List<String>> ANSWERS = List.of(
            List.of("Sähköpostivastausten nopeus ja se, että asiakas tietää, milloin asia etenee.",
                    "Jono kasvaa maanantaisin, ja asiakkaat soittavat perään kysyäkseen, saiko meili perille.",
                    "Jaetaan sähköpostijono aamu- ja iltapäivävuoroon ja kerrotaan kuittauksessa arvioitu vastausaika."),
            List.of("Lupahakemusten liitteiden ohjeet ja päätösten ymmärrettävyys.",
                    "Moni asia avataan uudelleen puuttuvan liitteen takia, mikä kuormittaa käsittelijöitä.",
                    "Tehdään liitteistä tarkistuslista hakemussivulle ja kirjoitetaan päätösten saatteet selkokielellä."));

    private final AssignmentStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final PublicOrganization publicOrganization;

    AssignmentsDemoData(AssignmentStore store, Organizations organizations, Staff staff,
                        PublicOrganization publicOrganization) {
        this.store = store;
        this.organizations = organizations;
        this.staff = staff;
        this.publicOrganization = publicOrganization;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seed() {
        publicOrganization.find().ifPresent(org -> seed(org.id()));
    }

    /** Adds the demo task to an organization that has none; returns how many units' answers were added. */
    @Transactional
    int seed(OrganizationId org) {
        if (store.any(org)) return 0;
        List<StaffUser> people = staff.inOrganization(org).stream().sorted(Comparator.comparing(StaffUser::username)).toList();
        Optional<StaffUser> sender = people.stream().filter(p -> p.roles().contains(Role.ADMIN)).findFirst()
                .or(() -> people.stream().filter(p -> p.roles().contains(Role.UNIT_MANAGER)).findFirst());
        if (sender.isEmpty()) return 0;
        List<Unit> managed = organizations.units(org).stream()
                .filter(u -> people.stream().anyMatch(p -> u.id().equals(p.unitId()) && p.roles().contains(Role.UNIT_MANAGER)))
                .sorted(Comparator.comparing((Unit u) -> PREFERRED.contains(u.name().fi()) ? PREFERRED.indexOf(u.name().fi()) : PREFERRED.size())
                        .thenComparing(u -> u.name().fi()))
                .toList();
        LocalDate today = store.today();
        AssignmentStore.Task task = store.create(org, sender.get().id(), new Draft(Kind.REFLECTION, TITLE,
                new LocalizedText(
                        "Asiakastyytyväisyyskyselyn tulokset on julkaistu. Käykää tulokset läpi yhdessä yksikön palaverissa ja kirjatkaa yksikön yhteinen vastaus. Vastaukset kootaan jatkokehittämisen pohjaksi.",
                        "Resultaten av kundnöjdhetsenkäten har publicerats. Gå igenom resultaten tillsammans på enhetens möte och skriv enhetens gemensamma svar. Svaren samlas som grund för den fortsatta utvecklingen.",
                        "The results of the customer satisfaction survey have been published. Go through them together at your unit’s meeting and write the unit’s joint answer. The answers are gathered for further development."),
                QUESTIONS, true, List.of(), today.minusDays(7), today.plusDays(14), null));
        store.send(org, task.id(), sender.get().id());
        int count = 0;
        for (int n = 0; n < Math.min(managed.size(), ANSWERS.size()); n++) {
            Unit unit = managed.get(n);
            StaffUser manager = people.stream().filter(p -> unit.id().equals(p.unitId()) && p.roles().contains(Role.UNIT_MANAGER))
                    .findFirst().orElseThrow();
            StaffUser writer = people.stream().filter(p -> unit.id().equals(p.unitId()) && !p.roles().contains(Role.UNIT_MANAGER))
                    .findFirst().orElse(manager);
            store.save(org, task.id(), unit.id(), writer.id(), 0, ANSWERS.get(n), false);
            int version = store.answer(org, task.id(), unit.id()).orElseThrow().version();
            store.save(org, task.id(), unit.id(), manager.id(), version, ANSWERS.get(n), true);
            count++;
        }
        log.info("Demo reflection task with {} units' answers", count);
        return count;
    }
}
