package fi.aspa.insights;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.insights.TargetStore.Draft;
import fi.aspa.insights.TargetStore.Figure;
import fi.aspa.insights.TargetStore.Status;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.Unit;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * The demo organization's improvement targets: five in three units that have a manager (customer service, building
 * control and early childhood education in the demo; otherwise the first three such units by name), in every status,
 * one of them overdue, one done with its review. Added once, when the organization has no targets; due dates are
 * counted from today, so the same targets are overdue and open whenever the demo starts.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class TargetsDemoData {
    private static final Logger log = LoggerFactory.getLogger(TargetsDemoData.class);
    private static final List<String> PREFERRED = List.of("Asiakaspalvelu", "Rakennusvalvonta", "Varhaiskasvatus");

    private final TargetStore store;
    private final Organizations organizations;
    private final Staff staff;
    private final PublicOrganization publicOrganization;

    TargetsDemoData(TargetStore store, Organizations organizations, Staff staff, PublicOrganization publicOrganization) {
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

    private record Demo(String title, String description, Figure figure, int dueInDays, Status status, String review) {}

    private static final List<List<Demo>> TARGETS = List.of(
            List.of(new Demo("Vastaus sähköpostiin yhden arkipäivän kuluessa",
                            "Kyselyssä moni toivoi nopeampaa vastausta. Jaetaan sähköpostijono aamu- ja iltapäivävuoroon.",
                            Figure.FIRST_REPLY, 30, Status.IN_PROGRESS, ""),
                    new Demo("Kyselyn vastausprosentti yli 30 prosenttiin",
                            "Lisätään kyselyn linkki myös puhelinasioiden kuittausviestiin.",
                            Figure.RESPONSE_RATE, -7, Status.PLANNED, "")),
            List.of(new Demo("Selkeämmät ohjeet lupahakemuksen liitteistä",
                            "Moni asia avattiin uudelleen puuttuvan liitteen takia.",
                            Figure.REOPENED, -20, Status.DONE,
                            "Ohjesivu uudistettiin. Uudelleen avattuja asioita oli seuraavassa kuussa selvästi vähemmän."),
                    new Demo("Vähemmän siirtoja asiakaspalvelusta", "", Figure.TRANSFERS, 60, Status.PLANNED, "")),
            List.of(new Demo("Asiakastyytyväisyys vähintään 80 prosenttiin",
                    "Soitetaan takaisin jokaiselle, joka antoi arvion 1 tai 2.", Figure.CSAT, 90, Status.IN_PROGRESS, "")));

    /** Adds the demo targets to an organization that has none; returns how many were added. */
    @Transactional
    int seed(OrganizationId org) {
        if (store.any(org)) return 0;
        List<StaffUser> people = staff.inOrganization(org).stream().sorted(Comparator.comparing(StaffUser::username)).toList();
        List<Unit> managed = organizations.units(org).stream()
                .filter(u -> people.stream().anyMatch(p -> u.id().equals(p.unitId()) && p.roles().contains(Role.UNIT_MANAGER)))
                .sorted(Comparator.comparing((Unit u) -> PREFERRED.contains(u.name().fi()) ? PREFERRED.indexOf(u.name().fi()) : PREFERRED.size())
                        .thenComparing(u -> u.name().fi()))
                .toList();
        LocalDate today = store.today();
        int count = 0;
        for (int n = 0; n < Math.min(managed.size(), TARGETS.size()); n++) {
            Unit unit = managed.get(n);
            StaffUser manager = people.stream().filter(p -> unit.id().equals(p.unitId()) && p.roles().contains(Role.UNIT_MANAGER))
                    .findFirst().orElseThrow();
            Optional<StaffUser> agent = people.stream().filter(p -> unit.id().equals(p.unitId()) && !p.roles().contains(Role.UNIT_MANAGER))
                    .findFirst();
            for (int t = 0; t < TARGETS.get(n).size(); t++) {
                Demo d = TARGETS.get(n).get(t);
                StaffUser owner = t == 0 ? agent.orElse(manager) : manager;
                Draft draft = new Draft(unit.id(), d.title(), d.description(), d.figure(), owner.id(),
                        today.plusDays(d.dueInDays()), Status.PLANNED, "");
                TargetStore.Target target = store.create(org, manager.id(), draft);
                List<Status> steps = new ArrayList<>();
                if (d.status() != Status.PLANNED) steps.add(Status.IN_PROGRESS);
                if (d.status() == Status.DONE || d.status() == Status.DROPPED) steps.add(d.status());
                for (int s = 0; s < steps.size(); s++) {
                    boolean last = s == steps.size() - 1;
                    store.update(org, target.id(), manager.id(), new Draft(unit.id(), d.title(), d.description(), d.figure(),
                            owner.id(), draft.due(), steps.get(s), last ? d.review() : ""));
                }
                count++;
            }
        }
        log.info("Demo improvement targets: {}", count);
        return count;
    }
}
