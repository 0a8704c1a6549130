package fi.aspa.staffing;

import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organization;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo staff's profiles: languages, working hours, expertise in the demo catalogue's services by unit (the unit
 * manager responsible, the others experts or able to handle), a few absences and stale profiles, and automatic
 * assignment on in every unit with staff; the internal services IT support, HR and facilities (in the IT unit). Added once, when the demo organization is ready to take traffic (after its
 * catalogue is imported) and nobody has a profile yet; the same organization in gives the same profiles out, with
 * dates counted from the day of the first start.
 */
@Component
@ConditionalOnProperty(name = "aspa.demo.enabled", havingValue = "true")
class StaffingDemoData {
    private static final Logger log = LoggerFactory.getLogger(StaffingDemoData.class);

    /** Per unit (by the demo staff's usernames): the services (Finnish names, or Open311 codes) its people know. */
    static final Map<String, List<String>> SERVICES = new LinkedHashMap<>();
    /** The demo staff by unit, the unit manager first. */
    static final Map<String, List<String>> STAFF = new LinkedHashMap<>();

    static {
        unit(List.of("esimies", "agentti", "maria.lindholm", "jussi.korhonen", "sanna.makinen", "admin"),
                List.of("Pysäköinninvalvonta", "Kunnan vuokra-asunnot", "Jätehuollon neuvonta", "open311:171", "open311:246",
                        "open311:174", "open311:198"));
        unit(List.of("liisa.heikkinen", "katarina.sjoberg", "tiina.laine"),
                List.of("Kunnallinen päiväkotihoito", "Avoin varhaiskasvatuspalvelu", "Varhaiskasvatuksen vuorohoito",
                        "Erityisvarhaiskasvatus"));
        unit(List.of("pekka.nieminen", "johan.westerlund", "timo.hamalainen"),
                List.of("Rakennuslupa", "Tontin korkeuden näyttö ja rakennuksen sijainnin merkitseminen ja katselmoiminen", "Ympäristölupa"));
        unit(List.of("juha.koskinen", "mikael.nystrom", "riikka.jarvinen"),
                List.of("Katujen ja yleisten alueiden kunnossapito", "Katujen ja viheralueiden käyttöluvat ja vuokraus",
                        "Pysäköinninvalvonta", "Yksityistieavustukset"));
        unit(List.of("paivi.lehtonen", "helena.gronroos", "outi.salonen"),
                List.of("Kotihoito", "Lastenneuvolapalvelut", "Vammaisten palveluohjaus", "Sosiaalipalvelujen tarpeiden selvittäminen"));
        unit(List.of("kaisa.rantanen", "erik.holmstrom"),
                List.of("Museopalvelut", "Kansalaisopisto", "Nuorisotyö", "Kulttuuriin liittyvän kansalaistoiminnan tuki ja avustukset"));
        unit(List.of("ulla.berg", "veera.heinonen"), List.of("Kirjastopalvelut", "Tilojen vuokrauspalvelu"));
        unit(List.of("linnea.forsman", "marja.tuominen"), List.of("Talousveden laskutus"));
        unit(List.of("antti.saarinen", "oskar.blomqvist", "ville.laaksonen"), List.of("IT-tuki", "Henkilöstöasiat", "Tilat ja kiinteistöt"));
    }

    /** Languages beyond the account's own (Swedish speakers also serve in Finnish; everyone in English). */
    static final Map<String, List<String>> EXTRA_LANGUAGES = Map.of("maria.lindholm", List.of("de"), "jussi.korhonen", List.of("ru"),
            "helena.gronroos", List.of("et"), "outi.salonen", List.of("sv"), "agentti", List.of("sv"));
    /** Never confirmed, or confirmed this many days before the first start (stale after six months). */
    static final Set<String> NEVER_CONFIRMED = Set.of("veera.heinonen");
    static final Map<String, Integer> CONFIRMED_DAYS_AGO = Map.of("timo.hamalainen", 240, "mikael.nystrom", 200);
    /** Absent from (days after the first start) for (days). */
    static final Map<String, int[]> ABSENT = Map.of("tiina.laine", new int[]{0, 5}, "erik.holmstrom", new int[]{7, 14},
            "johan.westerlund", new int[]{0, 0});

    /** The internal services staff order (name, summary, keywords), handled by the IT unit in the demo. */
    static final List<LocalizedText[]> INTERNAL = List.of(
            new LocalizedText[]{new LocalizedText("IT-tuki", "IT-stöd", "IT support"),
                    new LocalizedText("Tietokoneet, tunnukset, ohjelmistot ja puhelimet", "Datorer, användarkonton, program och telefoner",
                            "Computers, accounts, software and phones"),
                    new LocalizedText("tietokone,salasana,tunnus,ohjelma,puhelin,tulostin", null, null)},
            new LocalizedText[]{new LocalizedText("Henkilöstöasiat", "Personalärenden", "HR services"),
                    new LocalizedText("Työsuhde, palkka, lomat ja työterveys", "Anställning, lön, semester och företagshälsovård",
                            "Employment, pay, holidays and occupational health"),
                    new LocalizedText("palkka,loma,työsopimus,työterveys", null, null)},
            new LocalizedText[]{new LocalizedText("Tilat ja kiinteistöt", "Lokaler och fastigheter", "Facilities"),
                    new LocalizedText("Työtilat, avaimet, siivous ja korjaukset", "Arbetsrum, nycklar, städning och reparationer",
                            "Workspaces, keys, cleaning and repairs"),
                    new LocalizedText("avain,siivous,korjaus,työtila,kulkukortti", null, null)});

    private static void unit(List<String> staff, List<String> services) {
        STAFF.put(staff.getFirst(), staff);
        SERVICES.put(staff.getFirst(), services);
    }

    private final PublicOrganization publicOrganization;
    private final Staff staff;
    private final Catalogue catalogue;
    private final StaffingStore store;
    private final Clock clock;

    StaffingDemoData(PublicOrganization publicOrganization, Staff staff, Catalogue catalogue, StaffingStore store, Clock clock) {
        this.publicOrganization = publicOrganization;
        this.staff = staff;
        this.catalogue = catalogue;
        this.store = store;
        this.clock = clock;
    }

    @EventListener
    void onReady(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) return;
        Organization org = publicOrganization.find().orElse(null);
        if (org == null) return;
        int made = seed(org.id(), "", clock.instant());
        if (made > 0) log.info("Demo staffing: {} profiles", made);
    }

    /** Adds the profiles to an organization made by the demo generator (usernames with this prefix); 0 if it has some. */
    @Transactional
    int seed(OrganizationId org, String prefix, Instant now) {
        if (store.countProfiles(org) > 0) return 0;
        Map<String, StaffUser> users = new HashMap<>();
        for (StaffUser u : staff.inOrganization(org)) {
            if (u.username().startsWith(prefix)) users.put(u.username().substring(prefix.length()), u);
        }
        if (users.isEmpty()) return 0;
        StaffUser it = users.get("antti.saarinen");
        if (it != null && it.unitId() != null) {
            for (LocalizedText[] t : INTERNAL) {
                CatalogueService made = catalogue.create(org, new ServiceDraft(t[0], t[1], t[1], null, List.of(t[2].fi().split(",")),
                        null, null, null, null, it.unitId(), null, null, null, null, null, "Service", "Free", true));
                store.markInternal(org, made.id(), true, now);
            }
        }
        Map<String, CatalogueService> byName = new HashMap<>();
        for (CatalogueService s : catalogue.list(org)) byName.putIfAbsent(s.name().fi(), s);
        LocalDate today = now.atZone(StaffingViews.HELSINKI).toLocalDate();
        int made = 0;
        for (var entry : STAFF.entrySet()) {
            List<UUID> services = new ArrayList<>();
            for (String name : SERVICES.get(entry.getKey())) {
                Optional<CatalogueService> service = name.startsWith("open311:")
                        ? catalogue.byOpen311Code(org, name.substring("open311:".length()))
                        : Optional.ofNullable(byName.get(name));
                service.ifPresent(s -> services.add(s.id()));
            }
            List<String> people = entry.getValue();
            for (int i = 0; i < people.size(); i++) {
                String username = people.get(i);
                StaffUser user = users.get(username);
                if (user == null) continue;
                List<String> languages = new ArrayList<>();
                if (user.language() == Language.SV) languages.addAll(List.of("fi", "sv", "en"));
                else languages.addAll(List.of("fi", "en"));
                for (String extra : EXTRA_LANGUAGES.getOrDefault(username, List.of())) if (!languages.contains(extra)) languages.add(extra);
                WorkingHours hours = switch (username) {
                    case "sanna.makinen" -> new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), 7 * 60 + 30, 15 * 60 + 30);
                    case "katarina.sjoberg", "ulla.berg" -> new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9 * 60, 17 * 60);
                    default -> WorkingHours.OFFICE;
                };
                Instant confirmed = now.minus(Duration.ofDays(CONFIRMED_DAYS_AGO.getOrDefault(username, 10 + 3 * i)));
                store.save(org, user.id(), job(username, i), languages, hours, confirmed);
                if (NEVER_CONFIRMED.contains(username)) {
                    store.unconfirm(org, user.id());
                }
                for (int j = 0; j < services.size(); j++) {
                    Level level;
                    if (i == 0) level = Level.RESPONSIBLE;
                    else if (j == services.size() - 1 && services.size() > 2) continue; // the last one: a single point of failure
                    else level = (i + j) % 2 == 0 ? Level.EXPERT : Level.CAN_HANDLE;
                    store.setExpertise(org, user.id(), services.get(j), level);
                }
                int[] absent = ABSENT.get(username);
                if (absent != null) store.addAbsence(org, user.id(), today.plusDays(absent[0]), today.plusDays(absent[0] + absent[1]), now);
                made++;
            }
            StaffUser manager = users.get(entry.getKey());
            if (manager != null && manager.unitId() != null) store.setAutoAssign(org, manager.unitId(), true, now);
        }
        return made;
    }

    private static String job(String username, int index) {
        return index == 0 ? "Yksikön esihenkilö; vastaa yksikön palveluista ja niiden neuvonnasta."
                : "Asiakasneuvonta ja asioiden käsittely yksikön palveluissa.";
    }
}
