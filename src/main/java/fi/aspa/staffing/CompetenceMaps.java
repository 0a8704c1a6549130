package fi.aspa.staffing;

import fi.aspa.catalogue.CatalogueService;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The competence map of a unit or of the whole organization: its services (those the unit answers for, and those its
 * people know) by its people, with how many people know each service, whether any of them speaks Swedish, and who is
 * away today. Every level counts as knowing the service.
 */
@Component
class CompetenceMaps {
    /** Fewer people than this knowing a service is a single point of failure. */
    static final int ENOUGH = 2;

    private final StaffingViews views;
    private final StaffingStore store;

    CompetenceMaps(StaffingViews views, StaffingStore store) {
        this.views = views;
        this.store = store;
    }

    enum Coverage { NOBODY, SINGLE, OK }

    record Row(UUID serviceId, StaffingViews.Text service, List<String> levels, int people, boolean swedish, Coverage coverage) {

        public String coverageKey() {
            return "staffing.coverage." + coverage.name();
        }
    }

    record Result(List<StaffingViews.Person> people, List<Row> rows, List<Row> nobody, List<Row> single,
                List<Row> noSwedish, List<StaffingViews.Person> absentToday) {}

    Result build(OrganizationId organization, UUID unitId, Language language) {
        List<StaffingViews.Person> inScope = views.people(organization, unitId, language);
        Map<UUID, CatalogueService> services = views.services(organization);
        Map<UUID, Map<UUID, Level>> expertise = store.expertiseByService(organization);
        Set<UUID> scopeIds = new LinkedHashSet<>();
        inScope.forEach(p -> scopeIds.add(p.id()));
        Set<UUID> serviceIds = new LinkedHashSet<>();
        services.values().stream()
                .filter(s -> unitId == null ? s.unitId() != null : unitId.equals(s.unitId()))
                .forEach(s -> serviceIds.add(s.id()));
        expertise.forEach((service, people) -> {
            if (services.containsKey(service) && people.keySet().stream().anyMatch(scopeIds::contains)) serviceIds.add(service);
        });
        List<StaffingViews.Person> columns = inScope.stream()
                .filter(p -> p.expertise().stream().anyMatch(e -> serviceIds.contains(e.serviceId()))).toList();
        List<Row> rows = new ArrayList<>();
        for (UUID id : serviceIds) {
            Map<UUID, Level> who = expertise.getOrDefault(id, Map.of());
            List<String> levels = columns.stream().map(p -> who.get(p.id()) == null ? null : who.get(p.id()).name()).toList();
            int count = (int) inScope.stream().filter(p -> who.containsKey(p.id())).count();
            boolean swedish = inScope.stream().anyMatch(p -> who.containsKey(p.id()) && p.languageCodes().contains("sv"));
            Coverage coverage = count == 0 ? Coverage.NOBODY : count < ENOUGH ? Coverage.SINGLE : Coverage.OK;
            rows.add(new Row(id, StaffingViews.Text.of(services.get(id).name(), language), levels, count, swedish, coverage));
        }
        rows.sort(Comparator.comparing((Row r) -> r.service().text().toLowerCase(language.locale())));
        return new Result(columns, rows,
                rows.stream().filter(r -> r.coverage() == Coverage.NOBODY).toList(),
                rows.stream().filter(r -> r.coverage() == Coverage.SINGLE).toList(),
                rows.stream().filter(r -> r.people() > 0 && !r.swedish()).toList(),
                inScope.stream().filter(StaffingViews.Person::absentToday).toList());
    }
}
