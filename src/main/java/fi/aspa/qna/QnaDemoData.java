package fi.aspa.qna;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import fi.aspa.qna.QnaStore.Audience;
import fi.aspa.qna.QnaStore.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo organization's residents' evening: one upcoming PUBLIC event ({@value #CODE}, a week from the first
 * start, 18–20 Helsinki time) with two advance questions, made once (nothing when the code exists).
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class QnaDemoData {
    static final String CODE = "asukasilta";

    private final QnaStore store;
    private final Staff staff;
    private final PublicOrganization publicOrganization;

    QnaDemoData(QnaStore store, Staff staff, PublicOrganization publicOrganization) {
        this.store = store;
        this.staff = staff;
        this.publicOrganization = publicOrganization;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seed() {
        publicOrganization.find().ifPresent(org -> seed(org.id()));
    }

    /** The event, when made now; empty when it existed already or the organization has no manager to own it. */
    Optional<Event> seed(OrganizationId org) {
        if (store.byCode(org, CODE).isPresent()) return Optional.empty();
        Optional<StaffUser> owner = staff.inOrganization(org).stream()
                .filter(p -> p.roles().contains(Role.UNIT_MANAGER) || p.roles().contains(Role.ADMIN))
                .min(Comparator.comparing(StaffUser::username));
        if (owner.isEmpty()) return Optional.empty();
        LocalDate day = store.now().atZone(DateTimes.HELSINKI).toLocalDate().plusDays(7);
        Instant starts = day.atTime(LocalTime.of(18, 0)).atZone(DateTimes.HELSINKI).toInstant();
        Instant ends = day.atTime(LocalTime.of(20, 0)).atZone(DateTimes.HELSINKI).toInstant();
        Optional<Event> event = store.create(org, owner.get().id(), new QnaStore.NewEvent(
                new LocalizedText("Asukasilta: keskustan liikennesuunnitelma", "Invånarkväll: trafikplanen för centrum",
                        "Residents’ evening: the town centre traffic plan"),
                new LocalizedText("Kerromme suunnitelmasta ja vastaamme kysymyksiin. Voit kysyä jo etukäteen.",
                        "Vi berättar om planen och svarar på frågor. Du kan ställa frågor redan nu.",
                        "We present the plan and answer questions. You can ask in advance."),
                starts, ends, Audience.PUBLIC, false), CODE);
        event.ifPresent(e -> {
            store.ask(e, "Tuleeko Asematielle lisää pyöräpysäköintiä?", null);
            store.ask(e, "Miten koulujen ympäristön liikenneturvallisuutta parannetaan?", null);
        });
        return event;
    }
}
