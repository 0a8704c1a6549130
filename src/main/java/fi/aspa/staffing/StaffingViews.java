package fi.aspa.staffing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Builds what the staffing pages show: people with their profiles, in the reader's language, at the current time. */
@Component
class StaffingViews {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final StaffingStore store;
    private final Staff staff;
    private final Organizations organizations;
    private final Catalogue catalogue;
    private final Clock clock;
    private final int confirmEveryMonths;

    StaffingViews(StaffingStore store, Staff staff, Organizations organizations, Catalogue catalogue, Clock clock,
                  @Value("${aspa.staffing.confirm-every-months:6}") int confirmEveryMonths) {
        this.store = store;
        this.staff = staff;
        this.organizations = organizations;
        this.catalogue = catalogue;
        this.clock = clock;
        this.confirmEveryMonths = confirmEveryMonths;
    }

    /** A text and the language it is in (Finnish where the translation is missing), for the lang attribute. */
    record Text(String text, String lang) {
        static Text of(LocalizedText value, Language language) {
            if (value == null) return new Text("", language.code());
            String wanted = switch (language) {
                case FI -> value.fi();
                case SV -> value.sv();
                case EN -> value.en();
            };
            if (wanted != null && !wanted.isBlank()) return new Text(wanted, language.code());
            return new Text(value.fi() == null ? "" : value.fi(), "fi");
        }
    }

    record ServiceLevel(UUID serviceId, Text service, String level) {}

    record AbsenceView(UUID id, String first, String last, String firstIso, String lastIso, boolean today) {}

    /** Where the person is now: AT_WORK, ABSENT (today), OFF (not working hours). */
    enum Presence { AT_WORK, ABSENT, OFF }

    /** Dates and the working hours' start and end as the reader reads them ("7.30"); the profile form has its own. */
    record Person(UUID id, String name, String email, UUID unitId, Text unit, String job, List<String> languageCodes,
                  List<String> languages, List<String> days, String start, String end, List<ServiceLevel> expertise,
                  List<AbsenceView> absences, Presence presence, String confirmed, boolean stale, boolean saved) {

        boolean absentToday() {
            return presence == Presence.ABSENT;
        }

        public String presenceKey() {
            return "staffing.presence." + presence.name();
        }
    }

    Instant now() {
        return clock.instant();
    }

    LocalDateTime localNow() {
        return clock.instant().atZone(HELSINKI).toLocalDateTime();
    }

    LocalDate today() {
        return localNow().toLocalDate();
    }

    boolean stale(Instant confirmedAt) {
        return confirmedAt == null
                || confirmedAt.atZone(HELSINKI).plusMonths(confirmEveryMonths).toInstant().isBefore(clock.instant());
    }

    int confirmEveryMonths() {
        return confirmEveryMonths;
    }

    /** Everyone of the organization (optionally one unit), by name. */
    List<Person> people(OrganizationId organization, UUID unitId, Language language) {
        List<StaffUser> users = staff.inOrganization(organization).stream()
                .filter(u -> unitId == null || unitId.equals(u.unitId())).toList();
        return people(organization, users, language);
    }

    List<Person> people(OrganizationId organization, List<StaffUser> users, Language language) {
        Map<UUID, String> defaults = new LinkedHashMap<>();
        users.forEach(u -> defaults.put(u.id(), u.language().code()));
        Map<UUID, Profile> profiles = store.profiles(organization, defaults);
        Map<UUID, Unit> units = organizations.units(organization).stream().collect(Collectors.toMap(Unit::id, Function.identity()));
        Map<UUID, CatalogueService> services = services(organization);
        LocalDateTime now = localNow();
        return users.stream().map(u -> person(u, profiles.get(u.id()), units, services, now, language)).toList();
    }

    Person person(OrganizationId organization, StaffUser user, Language language) {
        return people(organization, List.of(user), language).getFirst();
    }

    Map<UUID, CatalogueService> services(OrganizationId organization) {
        return catalogue.list(organization).stream().collect(Collectors.toMap(CatalogueService::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private Person person(StaffUser u, Profile p, Map<UUID, Unit> units, Map<UUID, CatalogueService> services,
                          LocalDateTime now, Language language) {
        Locale locale = language.locale();
        Unit unit = u.unitId() == null ? null : units.get(u.unitId());
        List<ServiceLevel> expertise = p.expertise().entrySet().stream()
                .filter(e -> services.containsKey(e.getKey()))
                .map(e -> new ServiceLevel(e.getKey(), Text.of(services.get(e.getKey()).name(), language), e.getValue().name()))
                .sorted(Comparator.comparing((ServiceLevel s) -> Level.valueOf(s.level())).thenComparing(s -> s.service().text()))
                .toList();
        LocalDate today = now.toLocalDate();
        List<AbsenceView> absences = p.absences().stream().filter(a -> !a.lastDay().isBefore(today))
                .map(a -> new AbsenceView(a.id(), DateTimes.date(a.firstDay(), locale), DateTimes.date(a.lastDay(), locale), a.firstDay().toString(),
                        a.lastDay().toString(), a.covers(today)))
                .toList();
        Presence presence = p.absences().stream().anyMatch(a -> a.covers(today)) ? Presence.ABSENT
                : p.hours().at(now) ? Presence.AT_WORK : Presence.OFF;
        return new Person(u.id(), u.displayName(), u.email(), u.unitId(), unit == null ? null : Text.of(unit.name(), language),
                p.jobDescription(), p.languages(), p.languages().stream().map(code -> languageName(code, locale)).toList(),
                p.hours().sortedDays().stream().map(d -> dayName(d, locale)).toList(), DateTimes.clock(p.hours().start(), locale), DateTimes.clock(p.hours().end(), locale),
                expertise, absences, presence,
                p.confirmedAt() == null ? null : DateTimes.date(p.confirmedAt(), locale), stale(p.confirmedAt()), p.saved());
    }

    static String languageName(String code, Locale locale) {
        String name = Locale.of(code).getDisplayLanguage(locale);
        return name == null || name.isBlank() || name.equals(code) ? code : name;
    }

    static String dayName(DayOfWeek day, Locale locale) {
        return day.getDisplayName(TextStyle.FULL, locale);
    }

    /** The organization's units by name, for selects. */
    List<UnitOption> units(OrganizationId organization, Language language) {
        return organizations.units(organization).stream()
                .map(u -> new UnitOption(u.id(), Text.of(u.name(), language))).toList();
    }

    record UnitOption(UUID id, Text name) {}

    static boolean same(UUID a, UUID b) {
        return Objects.equals(a, b);
    }
}
