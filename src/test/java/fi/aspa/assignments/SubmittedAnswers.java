package fi.aspa.assignments;

import fi.aspa.assignments.AssignmentStore.Draft;
import fi.aspa.assignments.AssignmentStore.Kind;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the assignments package (the crawler): a task sent to a unit and answered by it, as the pages make
 * it over the days between sending and the unit's answer.
 */
public final class SubmittedAnswers {
    private final AssignmentStore store;

    public SubmittedAnswers(ApplicationContext context) {
        this.store = context.getBean(AssignmentStore.class);
    }

    /** A reflection task open from today for two weeks, sent to {@code unitId}, whose answer is submitted. */
    public void submitted(OrganizationId org, UUID adminId, UUID unitId, UUID answeredBy) {
        LocalDate today = store.today();
        UUID task = store.create(org, adminId, new Draft(Kind.REFLECTION, new LocalizedText("Kyselyn tulokset", "Enkätresultat", null),
                new LocalizedText("Käykää tulokset läpi.", "Gå igenom resultaten.", null),
                List.of(new LocalizedText("Mitä kehitettävää tuloksista nousee?", "Vad behöver utvecklas?", null)),
                false, List.of(unitId), today, today.plusDays(14), null)).id();
        store.send(org, task, adminId);
        store.save(org, task, unitId, answeredBy, 0, List.of("Palautteen käsittely nopeammaksi."), true);
    }
}
