package fi.aspa.workspace;

import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The names a page needs, each list loaded once per request (never one query per row): the organization's
 * units (with their depth in the tree, for indented selects) and its staff.
 */
@Component
class Directory {
    private final Organizations organizations;
    private final Staff staff;

    Directory(Organizations organizations, Staff staff) {
        this.organizations = organizations;
        this.staff = staff;
    }

    record UnitOption(UUID id, String name, int depth) {
        /** The name indented by its depth, for a select (options cannot hold markup). */
        public String label() {
            return "\u2003".repeat(depth) + name;
        }
    }

    record StaffOption(UUID id, String name, UUID unitId) {}

    /** Units in tree order and staff by name, with lookups by id. */
    static final class Names {
        private final List<UnitOption> units;
        private final List<StaffOption> staff;
        private final Map<UUID, String> unitNames = new HashMap<>();
        private final Map<UUID, String> staffNames = new HashMap<>();

        Names(List<UnitOption> units, List<StaffOption> staff) {
            this.units = units;
            this.staff = staff;
            units.forEach(u -> unitNames.put(u.id(), u.name()));
            staff.forEach(s -> staffNames.put(s.id(), s.name()));
        }

        List<UnitOption> units() {
            return units;
        }

        List<StaffOption> staff() {
            return staff;
        }

        String unit(UUID id) {
            return id == null ? null : unitNames.get(id);
        }

        String staffName(UUID id) {
            return id == null ? null : staffNames.get(id);
        }

        boolean hasUnit(UUID id) {
            return id != null && unitNames.containsKey(id);
        }

        boolean hasStaff(UUID id) {
            return id != null && staffNames.containsKey(id);
        }
    }

    Names load(OrganizationId organization) {
        return new Names(units(organization), staff(organization));
    }

    private List<UnitOption> units(OrganizationId organization) {
        Language language = Language.of(LocaleContextHolder.getLocale());
        List<Unit> all = organizations.units(organization);
        Map<UUID, Unit> byId = new HashMap<>();
        all.forEach(u -> byId.put(u.id(), u));
        Map<UUID, List<Unit>> children = new LinkedHashMap<>();
        List<Unit> roots = new ArrayList<>();
        for (Unit unit : all) {
            if (unit.parentId() == null || !byId.containsKey(unit.parentId())) roots.add(unit);
            else children.computeIfAbsent(unit.parentId(), k -> new ArrayList<>()).add(unit);
        }
        List<UnitOption> ordered = new ArrayList<>();
        for (Unit root : roots) walk(root, 0, children, language, ordered);
        return ordered;
    }

    private static void walk(Unit unit, int depth, Map<UUID, List<Unit>> children, Language language, List<UnitOption> out) {
        out.add(new UnitOption(unit.id(), unit.name().in(language), depth));
        if (depth > 20) return;
        for (Unit child : children.getOrDefault(unit.id(), List.of())) walk(child, depth + 1, children, language, out);
    }

    private List<StaffOption> staff(OrganizationId organization) {
        return staff.inOrganization(organization).stream()
                .map((StaffUser s) -> new StaffOption(s.id(), s.displayName(), s.unitId())).toList();
    }
}
