package fi.aspa.demo;

import static fi.aspa.cases.Channel.API;
import static fi.aspa.cases.Channel.APPOINTMENT;
import static fi.aspa.cases.Channel.CHAT;
import static fi.aspa.cases.Channel.CHATBOT;
import static fi.aspa.cases.Channel.EMAIL;
import static fi.aspa.cases.Channel.OPEN311;
import static fi.aspa.cases.Channel.PHONE;
import static fi.aspa.cases.Channel.WALK_IN;
import static fi.aspa.cases.Channel.WEB_FORM;
import static fi.aspa.platform.Language.FI;
import static fi.aspa.platform.Language.SV;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.HistoricalCase;
import fi.aspa.cases.HistoricalCase.Assignment;
import fi.aspa.cases.HistoricalCase.CustomerMessage;
import fi.aspa.cases.HistoricalCase.Note;
import fi.aspa.cases.HistoricalCase.PriorityChange;
import fi.aspa.cases.HistoricalCase.Reply;
import fi.aspa.cases.HistoricalCase.StatusChange;
import fi.aspa.cases.HistoricalCase.Step;
import fi.aspa.cases.HistoricalCase.Transfer;
import fi.aspa.cases.ImportedCase;
import fi.aspa.cases.Priority;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.demo.DemoTexts.Topic;
import fi.aspa.feedback.Feedback;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the demo organization Esimerkkilä / Exempelby from a {@link DemoSpec}, through the modules' APIs: the unit
 * tree, two service points, 27 staff (Finnish and Swedish speakers), customers (persons, some with a henkilötunnus,
 * businesses with a Y-tunnus, staff as internal customers), and cases over the past 18 months in every channel and
 * status, with replies, notes, follow-ups, transfers and their history. The cases go in through
 * {@link Cases#importHistorical}, which takes explicit times and writes in batches. One seeded random source drives
 * every choice, so the same spec gives the same organization. Everything happens in one transaction.
 */
@Component
class DemoGenerator {
    static final String DEMO_SLUG = "esimerkkila";
    static final String PASSWORD = "demo-salasana";
    static final String API_TOKEN = "aspa-demo-token";
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    /** The channels residents use (the demo's history has no INTERNAL cases: its customers are residents). */
    private static final Channel[] RESIDENT_CHANNELS = java.util.Arrays.stream(Channel.values())
            .filter(c -> c != Channel.INTERNAL).toArray(Channel[]::new);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy");

    private record UnitDef(String key, String parent, String fi, String sv, String en, String mailbox) {}

    private static final List<UnitDef> UNITS = List.of(
            new UnitDef("asiakaspalvelu", null, "Asiakaspalvelu", "Kundservice", "Customer service", "asiakaspalvelu"),
            new UnitDef("kasvatus", null, "Kasvatus ja koulutus", "Fostran och utbildning", "Education", null),
            new UnitDef("varhaiskasvatus", "kasvatus", "Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education", "varhaiskasvatus"),
            new UnitDef("ymparisto", null, "Kaupunkiympäristö", "Stadsmiljö", "Urban environment", null),
            new UnitDef("rakennusvalvonta", "ymparisto", "Rakennusvalvonta", "Byggnadstillsyn", "Building control", "rakennusvalvonta"),
            new UnitDef("katu", "ymparisto", "Katu- ja viheralueet", "Gatu- och grönområden", "Streets and parks", "kadut"),
            new UnitDef("sote", null, "Sosiaali- ja terveyspalvelut", "Social- och hälsovård", "Social and health services", "sote"),
            new UnitDef("kulttuuri", null, "Kulttuuri ja vapaa-aika", "Kultur och fritid", "Culture and leisure", "vapaa-aika"),
            new UnitDef("kirjasto", "kulttuuri", "Kirjasto", "Bibliotek", "Library", "kirjasto"),
            new UnitDef("konserni", null, "Konsernipalvelut", "Koncerntjänster", "Central administration", null),
            new UnitDef("laskutus", "konserni", "Talous ja laskutus", "Ekonomi och fakturering", "Finance and invoicing", "laskutus"),
            new UnitDef("tietohallinto", "konserni", "Tietohallinto", "IT-förvaltning", "IT services", "tietohallinto"));

    private record StaffDef(String username, String name, String unit, Role role, Language language, boolean internalCustomer) {}

    private static final List<StaffDef> STAFF = List.of(
            new StaffDef("agentti", "Aino Agentti", "asiakaspalvelu", Role.AGENT, FI, false),
            new StaffDef("esimies", "Eero Esimies", "asiakaspalvelu", Role.UNIT_MANAGER, FI, false),
            new StaffDef("admin", "Anna Admin", "asiakaspalvelu", Role.ADMIN, SV, false),
            new StaffDef("maria.lindholm", "Maria Lindholm", "asiakaspalvelu", Role.AGENT, SV, false),
            new StaffDef("jussi.korhonen", "Jussi Korhonen", "asiakaspalvelu", Role.AGENT, FI, true),
            new StaffDef("sanna.makinen", "Sanna Mäkinen", "asiakaspalvelu", Role.AGENT, FI, false),
            new StaffDef("liisa.heikkinen", "Liisa Heikkinen", "varhaiskasvatus", Role.UNIT_MANAGER, FI, false),
            new StaffDef("katarina.sjoberg", "Katarina Sjöberg", "varhaiskasvatus", Role.AGENT, SV, false),
            new StaffDef("tiina.laine", "Tiina Laine", "varhaiskasvatus", Role.AGENT, FI, true),
            new StaffDef("pekka.nieminen", "Pekka Nieminen", "rakennusvalvonta", Role.UNIT_MANAGER, FI, false),
            new StaffDef("johan.westerlund", "Johan Westerlund", "rakennusvalvonta", Role.AGENT, SV, false),
            new StaffDef("timo.hamalainen", "Timo Hämäläinen", "rakennusvalvonta", Role.AGENT, FI, true),
            new StaffDef("juha.koskinen", "Juha Koskinen", "katu", Role.UNIT_MANAGER, FI, false),
            new StaffDef("mikael.nystrom", "Mikael Nyström", "katu", Role.AGENT, SV, false),
            new StaffDef("riikka.jarvinen", "Riikka Järvinen", "katu", Role.AGENT, FI, true),
            new StaffDef("paivi.lehtonen", "Päivi Lehtonen", "sote", Role.UNIT_MANAGER, FI, false),
            new StaffDef("helena.gronroos", "Helena Grönroos", "sote", Role.AGENT, SV, true),
            new StaffDef("outi.salonen", "Outi Salonen", "sote", Role.AGENT, FI, false),
            new StaffDef("kaisa.rantanen", "Kaisa Rantanen", "kulttuuri", Role.UNIT_MANAGER, FI, false),
            new StaffDef("erik.holmstrom", "Erik Holmström", "kulttuuri", Role.AGENT, SV, false),
            new StaffDef("veera.heinonen", "Veera Heinonen", "kirjasto", Role.AGENT, FI, true),
            new StaffDef("ulla.berg", "Ulla Berg", "kirjasto", Role.AGENT, SV, false),
            new StaffDef("marja.tuominen", "Marja Tuominen", "laskutus", Role.AGENT, FI, true),
            new StaffDef("linnea.forsman", "Linnea Forsman", "laskutus", Role.AGENT, SV, false),
            new StaffDef("antti.saarinen", "Antti Saarinen", "tietohallinto", Role.UNIT_MANAGER, FI, false),
            new StaffDef("oskar.blomqvist", "Oskar Blomqvist", "tietohallinto", Role.AGENT, SV, false),
            new StaffDef("ville.laaksonen", "Ville Laaksonen", "tietohallinto", Role.AGENT, FI, false));

    private static final List<String> FI_FIRST = List.of("Aino", "Anna", "Maria", "Helmi", "Sofia", "Emma", "Venla", "Ella",
            "Aada", "Eevi", "Liisa", "Tuula", "Päivi", "Satu", "Minna", "Sari", "Marja", "Leena", "Hanna", "Johanna", "Kaisa",
            "Riitta", "Elina", "Noora", "Laura", "Katja", "Pirjo", "Sirpa", "Heidi", "Juhani", "Mikko", "Matti", "Timo",
            "Jari", "Antti", "Pekka", "Kari", "Jukka", "Markku", "Ville", "Eino", "Väinö", "Onni", "Leo", "Elias", "Veeti",
            "Lauri", "Aleksi", "Juha", "Petri", "Tapio", "Heikki", "Sami", "Janne", "Tommi", "Olli", "Risto", "Arto", "Ilkka");
    private static final List<String> FI_LAST = List.of("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen",
            "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
            "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen",
            "Mattila", "Savolainen", "Lahtinen", "Ahonen", "Leinonen", "Hiltunen", "Räsänen", "Kärkkäinen", "Miettinen",
            "Pitkänen", "Ojala", "Väisänen", "Hakala", "Anttila");
    private static final List<String> SV_FIRST = List.of("Anna", "Maria", "Ebba", "Elsa", "Ella", "Stella", "Linnea", "Saga",
            "Klara", "Alva", "Ingrid", "Karin", "Birgitta", "Kristina", "Marianne", "Annika", "Camilla", "Johanna", "Sofia",
            "Emilia", "Erik", "Johan", "Lars", "Anders", "Mikael", "Henrik", "Fredrik", "Oskar", "William", "Elias", "Anton",
            "Gustav", "Carl", "Nils", "Mats", "Stefan", "Kim", "Christian", "Rasmus", "Jonas");
    private static final List<String> SV_LAST = List.of("Lindholm", "Johansson", "Nyström", "Lindqvist", "Holmström", "Sjöberg",
            "Westerlund", "Grönroos", "Forsman", "Blomqvist", "Karlsson", "Andersson", "Lindroos", "Björklund", "Eriksson",
            "Backman", "Wikström", "Sundström", "Nylund", "Lindberg", "Holmberg", "Söderström", "Granholm", "Åberg", "Strandberg");
    private static final List<String> FI_TRADES = List.of("Rakennus", "Kiinteistöhuolto", "Kuljetus", "Puutarhapalvelu",
            "Sähkötyö", "Konsultointi", "Kahvila", "Tilitoimisto", "Maalaus", "LVI-palvelu");
    private static final List<String> FI_FORMS = List.of("Oy", "Oy", "Oy", "Ky", "Tmi");
    private static final List<String> SV_TRADES = List.of("Bygg", "Fastighetsservice", "Transport", "Trädgårdstjänst", "El",
            "Konsult", "Café", "Bokföring", "Måleri", "VVS");

    private final Organizations organizations;
    private final Staff staff;
    private final Customers customers;
    private final Cases cases;
    private final Feedback feedback;
    private final TransactionTemplate tx;
    private final DemoTexts texts = DemoTexts.load();

    DemoGenerator(Organizations organizations, Staff staff, Customers customers, Cases cases, Feedback feedback,
                  TransactionTemplate tx) {
        this.organizations = organizations;
        this.staff = staff;
        this.customers = customers;
        this.cases = cases;
        this.feedback = feedback;
        this.tx = tx;
    }

    /** Creates the organization of the spec in one transaction; fails if its slug is taken. */
    DemoResult generate(DemoSpec spec) {
        return tx.execute(status -> new Run(spec).create());
    }

    private record Member(StaffUser user, StaffDef def) {
        String firstName() {
            return def.name().split(" ")[0];
        }
    }

    private record Party(UUID id, CustomerKind kind, Language language, String firstName, String name) {}

    /** One generation: its random source and what it has made so far. */
    private final class Run {
        final DemoSpec spec;
        final Random random;
        final String domain;
        final Map<String, Unit> units = new LinkedHashMap<>();
        final List<Member> members = new ArrayList<>();
        final Map<String, List<Member>> handlers = new HashMap<>();
        final Map<String, Member> managers = new HashMap<>();
        final Map<CustomerKind, List<Party>> parties = new HashMap<>();
        final List<UUID> customerIds = new ArrayList<>();
        final Set<String> usedPersonalIds = new HashSet<>();
        final Set<String> usedBusinessIds = new HashSet<>();
        Organization org;

        Run(DemoSpec spec) {
            this.spec = spec;
            this.random = new Random(spec.seed());
            this.domain = spec.slug() + ".fi";
        }

        DemoResult create() {
            long started = System.nanoTime();
            org = organizations.create(spec.slug(), spec.name(), "ASPA");
            for (UnitDef u : UNITS) {
                UUID parent = u.parent() == null ? null : units.get(u.parent()).id();
                units.put(u.key(), organizations.createUnit(org.id(), parent, new LocalizedText(u.fi(), u.sv(), u.en()),
                        u.mailbox() == null ? null : u.mailbox() + "@" + domain));
            }
            organizations.createServicePoint(org.id(), units.get("asiakaspalvelu").id(),
                    new LocalizedText("Asiointipiste Kaupungintalo", "Servicepunkten Stadshuset", "Service point City Hall"),
                    "Kauppakatu 1", "01990", "Esimerkkilä");
            organizations.createServicePoint(org.id(), units.get("kirjasto").id(),
                    new LocalizedText("Palvelupiste Rantakylän kirjasto", "Servicepunkten Strandby bibliotek",
                            "Service point Rantakylä library"), "Rantatie 12", "01995", "Esimerkkilä");
            createStaff();
            createCustomers();
            List<HistoricalCase> history = cases();
            List<ImportedCase> imported = cases.importHistorical(org.id(), history);
            feedback.importHistorical(org.id(), surveys(history, imported));
            int messages = history.stream().mapToInt(c -> 1 + (int) c.steps().stream().filter(s -> s instanceof CustomerMessage
                    || s instanceof Reply || s instanceof Note || (s instanceof Transfer t && t.note() != null)).count()).sum();
            return new DemoResult(org.id(), units.size(), 2, members.size(), List.copyOf(customerIds), history.size(), messages,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        // ------------------------------------------------------------ the satisfaction survey

        /**
         * Each resident's case was invited to the survey when it was first resolved. About a third of those whose link
         * reached the resident (web form, email) answered within three days; most were satisfied, building control's
         * customers less often and the library's more often than the rest, and about two in five left a comment.
         */
        List<Feedback.HistoricalSurvey> surveys(List<HistoricalCase> history, List<ImportedCase> imported) {
            Map<UUID, String> unitKeys = new HashMap<>();
            units.forEach((key, unit) -> unitKeys.put(unit.id(), key));
            List<Feedback.HistoricalSurvey> surveys = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                HistoricalCase c = history.get(i);
                if (c.channel() == Channel.INTERNAL) continue;
                Instant resolved = null;
                UUID unit = c.unitId();
                for (Step step : c.steps()) {
                    if (step instanceof Transfer t && resolved == null) unit = t.toUnitId();
                    boolean resolves = step instanceof Reply r && r.nextStatus() == CaseStatus.RESOLVED
                            || step instanceof StatusChange sc && sc.to() == CaseStatus.RESOLVED;
                    if (resolves && resolved == null) resolved = step.at();
                }
                if (resolved == null) continue;
                Instant answered = resolved.plus(Duration.ofMinutes(30 + random.nextInt(72 * 60)));
                boolean answers = (c.channel() == WEB_FORM || c.channel() == EMAIL) && random.nextDouble() < 0.35
                        && !answered.isAfter(spec.end());
                if (!answers) {
                    surveys.add(new Feedback.HistoricalSurvey(imported.get(i).id(), unit, c.channel(), c.language(),
                            resolved, null, null, null));
                    continue;
                }
                double satisfied = switch (unitKeys.getOrDefault(unit, "")) {
                    case "rakennusvalvonta" -> 0.55;
                    case "kirjasto" -> 0.92;
                    default -> 0.78;
                };
                boolean happy = random.nextDouble() < satisfied;
                int score = happy ? (random.nextDouble() < 0.6 ? 5 : 4) : 1 + random.nextInt(3);
                String comment = random.nextDouble() < 0.4
                        ? texts.phrase(happy ? "praise" : "complaint").pick(c.language(), random) : null;
                surveys.add(new Feedback.HistoricalSurvey(imported.get(i).id(), unit, c.channel(), c.language(),
                        resolved, answered, score, comment));
            }
            return surveys;
        }

        // ------------------------------------------------------------ staff

        void createStaff() {
            boolean own = spec.slug().equals(DEMO_SLUG);
            String prefix = own ? "" : spec.slug() + ".";
            String hash = staff.hash(PASSWORD);
            for (StaffDef d : STAFF) {
                StaffUser user = staff.createWithHash(org.id(), units.get(d.unit()).id(), prefix + d.username(), d.name(),
                        ascii(d.name()).replace(' ', '.') + "@" + domain, hash, EnumSet.of(d.role()), d.language());
                Member m = new Member(user, d);
                members.add(m);
                if (d.role() == Role.UNIT_MANAGER) managers.put(d.unit(), m);
                if (d.role() != Role.ADMIN) handlers.computeIfAbsent(d.unit(), k -> new ArrayList<>()).add(m);
            }
            staff.registerApiToken(org.id(), "Demo API token", own ? API_TOKEN : API_TOKEN + "-" + spec.slug());
        }

        Member handler(String unit, Language language) {
            List<Member> list = handlers.get(unit);
            if (random.nextDouble() < 0.8) {
                List<Member> speakers = list.stream().filter(m -> m.def().language() == language).toList();
                if (!speakers.isEmpty()) return speakers.get(random.nextInt(speakers.size()));
            }
            return list.get(random.nextInt(list.size()));
        }

        // ------------------------------------------------------------ customers

        void createCustomers() {
            for (int i = 0; i < spec.customers(); i++) {
                Language language = random.nextDouble() < 0.22 ? SV : FI;
                if (random.nextDouble() < 0.12) business(i, language);
                else person(i, language);
            }
            for (Member m : members) {
                if (!m.def().internalCustomer()) continue;
                UUID id = customers.resolve(org.id(), new ContactDetails(CustomerKind.INTERNAL, m.def().name(),
                        m.user().email(), null, null, null, m.user().id(), m.def().language(), true));
                add(new Party(id, CustomerKind.INTERNAL, m.def().language(), m.firstName(), m.def().name()));
            }
        }

        void person(int index, Language language) {
            String first = pick(language == SV ? SV_FIRST : FI_FIRST);
            String last = pick(language == SV ? SV_LAST : FI_LAST);
            String name = first + " " + last;
            String email = random.nextDouble() < 0.88 ? ascii(first + "." + last) + index + "@example.com" : null;
            String phone = random.nextDouble() < 0.5 || email == null ? phone() : null;
            String personalId = null;
            if (random.nextDouble() < 0.35) {
                do personalId = FinnishIds.personalIdentityCode(random, 1935, 2006);
                while (!usedPersonalIds.add(personalId));
            }
            UUID id = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, name, email, phone, personalId, null,
                    null, language, personalId != null));
            add(new Party(id, CustomerKind.PERSON, language, first, name));
        }

        void business(int index, Language language) {
            String name;
            if (language == SV) {
                name = pick(SV_TRADES) + " " + pick(SV_LAST) + " Ab";
            } else {
                name = random.nextBoolean() ? pick(FI_TRADES) + " " + pick(FI_LAST) + " " + pick(FI_FORMS)
                        : pick(FI_LAST) + " " + pick(FI_TRADES) + " " + pick(FI_FORMS);
            }
            String businessId;
            do businessId = FinnishIds.businessId(random);
            while (!usedBusinessIds.add(businessId));
            String email = "info" + index + "@" + ascii(name).replace(' ', '-') + ".example";
            UUID id = customers.resolve(org.id(), new ContactDetails(CustomerKind.BUSINESS, name, email, phone(), null,
                    businessId, null, language, true));
            String contact = pick(language == SV ? SV_FIRST : FI_FIRST);
            add(new Party(id, CustomerKind.BUSINESS, language, contact, contact + ", " + name));
        }

        void add(Party party) {
            parties.computeIfAbsent(party.kind(), k -> new ArrayList<>()).add(party);
            customerIds.add(party.id());
        }

        String phone() {
            return "+358 40 %03d %04d".formatted(random.nextInt(1000), random.nextInt(10000));
        }

        /** A customer of the kind; a tenth of them are regulars who get about a third of the cases. */
        Party customer(CustomerKind kind) {
            List<Party> pool = parties.getOrDefault(kind, List.of());
            if (pool.isEmpty()) pool = parties.get(CustomerKind.PERSON);
            if (pool.size() >= 10 && random.nextDouble() < 0.3) return pool.get(random.nextInt(Math.max(1, pool.size() / 10)));
            return pool.get(random.nextInt(pool.size()));
        }

        // ------------------------------------------------------------ cases

        List<HistoricalCase> cases() {
            ZonedDateTime end = spec.end().atZone(HELSINKI);
            ZonedDateTime start = end.minusMonths(DemoSpec.MONTHS);
            long spanMinutes = Duration.between(start, end).toMinutes();
            List<Instant> times = new ArrayList<>(spec.cases());
            while (times.size() < spec.cases()) {
                long minute = (long) (random.nextDouble() * spanMinutes);
                ZonedDateTime t = start.plusMinutes(minute);
                boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
                double weight = (weekend ? 0.35 : 1.0) * (0.7 + 0.3 * minute / spanMinutes);
                if (random.nextDouble() >= weight) continue;
                int hour = random.nextDouble() < 0.75 ? 8 + random.nextInt(9) : (random.nextBoolean() ? 6 + random.nextInt(2) : 17 + random.nextInt(6));
                t = t.withHour(hour).withMinute(random.nextInt(60)).withSecond(random.nextInt(60));
                if (t.isBefore(start)) t = t.plusDays(1);
                if (t.isAfter(end)) t = end.minusMinutes(1 + random.nextInt(240));
                times.add(t.toInstant());
            }
            times.sort(null);
            List<HistoricalCase> result = new ArrayList<>(times.size());
            int forced = Math.min(10, times.size());
            for (int i = 0; i < times.size(); i++) {
                int k = i - (times.size() - forced);
                Channel channel = k >= 0 ? RESIDENT_CHANNELS[k % RESIDENT_CHANNELS.length] : null;
                CaseStatus status = k >= 0 ? CaseStatus.values()[k % CaseStatus.values().length] : null;
                result.add(aCase(times.get(i), channel, status));
            }
            return result;
        }

        HistoricalCase aCase(Instant created, Channel forcedChannel, CaseStatus forcedStatus) {
            ZonedDateTime at = created.atZone(HELSINKI);
            boolean officeHours = at.getDayOfWeek().getValue() <= 5 && at.getHour() >= 8 && at.getHour() < 16;
            CustomerKind kind;
            double u = random.nextDouble();
            if (forcedChannel != null) kind = CustomerKind.PERSON;
            else kind = u < 0.03 ? CustomerKind.INTERNAL : u < 0.15 ? CustomerKind.BUSINESS : CustomerKind.PERSON;
            Party customer = customer(kind);
            kind = customer.kind();
            Topic topic = topic(kind, at, forcedChannel == OPEN311);
            Channel channel = forcedChannel != null ? forcedChannel : channel(kind, topic, officeHours);
            if (forcedChannel != null && officeOnly(channel) && !officeHours) {
                ZonedDateTime office = at.withHour(10).withMinute(random.nextInt(60));
                while (office.getDayOfWeek().getValue() > 5 || office.toInstant().isAfter(spec.end())) office = office.minusDays(1);
                created = office.toInstant();
                at = office;
            }
            Language language = customer.language();
            if (language == SV && random.nextDouble() < 0.05) language = FI;
            Map<String, String> slots = slots(language, at, customer);
            String subject = DemoTexts.fill(topic.subjects().pick(language, random), slots);
            String body = DemoTexts.fill(topic.bodies().pick(language, random), slots);

            String arrival = arrivalUnit(kind, channel, topic);
            Actor openedBy = switch (channel) {
                case PHONE, WALK_IN, APPOINTMENT -> Actor.staff(handler(arrival, language).user().id());
                case API -> Actor.api();
                default -> Actor.customer();
            };
            if (channel == PHONE) body = texts.phrase("phone").pick(language, random) + "\n\n" + body;
            else if (channel == WALK_IN) body = texts.phrase("walkin").pick(language, random) + "\n\n" + body;
            else body = body + "\n\n" + DemoTexts.fill(texts.phrase("sign").pick(language, random), Map.of("name", customer.name()));

            Priority priority = topic.priority();
            double p = random.nextDouble();
            if (p < 0.08 && priority.ordinal() < Priority.URGENT.ordinal()) priority = Priority.values()[priority.ordinal() + 1];
            else if (p < 0.16 && priority.ordinal() > 0) priority = Priority.values()[priority.ordinal() - 1];
            Set<String> tags = new LinkedHashSet<>(topic.tags());
            if (priority == Priority.URGENT) tags.add("kiireellinen");

            double ageDays = Duration.between(created, spec.end()).toMinutes() / (24.0 * 60);
            CaseStatus status = forcedStatus != null ? forcedStatus : status(ageDays);
            Plan plan = new Plan();
            steps(plan, status, channel, language, topic, customer, arrival, slots);
            return new HistoricalCase(channel, customer.id(), subject, body, language, topic.key(), units.get(arrival).id(),
                    priority, tags, openedBy, created, plan.build(created, spec.end()));
        }

        Topic topic(CustomerKind kind, ZonedDateTime at, boolean open311) {
            List<Topic> fitting = texts.topics.stream().filter(t -> t.audience().contains(kind))
                    .filter(t -> t.season().includes(at.getMonth())).filter(t -> !open311 || t.open311()).toList();
            if (fitting.isEmpty()) {
                fitting = texts.topics.stream().filter(t -> t.audience().contains(kind)).filter(t -> !open311 || t.open311()).toList();
            }
            return fitting.get(random.nextInt(fitting.size()));
        }

        boolean officeOnly(Channel channel) {
            return channel == PHONE || channel == WALK_IN || channel == APPOINTMENT || channel == CHAT;
        }

        Channel channel(CustomerKind kind, Topic topic, boolean officeHours) {
            Map<Channel, Integer> weights = new LinkedHashMap<>();
            if (kind == CustomerKind.INTERNAL) {
                weights.put(EMAIL, 40);
                weights.put(WEB_FORM, 15);
                if (officeHours) {
                    weights.put(CHAT, 25);
                    weights.put(PHONE, 20);
                }
            } else {
                weights.put(WEB_FORM, 24);
                weights.put(EMAIL, 24);
                weights.put(CHATBOT, 5);
                weights.put(API, 3);
                if (topic.open311()) weights.put(OPEN311, 20);
                if (officeHours) {
                    weights.put(PHONE, 18);
                    weights.put(CHAT, 9);
                    weights.put(WALK_IN, 7);
                    weights.put(APPOINTMENT, 4);
                }
            }
            int total = weights.values().stream().mapToInt(Integer::intValue).sum();
            int r = random.nextInt(total);
            for (Map.Entry<Channel, Integer> e : weights.entrySet()) {
                r -= e.getValue();
                if (r < 0) return e.getKey();
            }
            throw new IllegalStateException();
        }

        String arrivalUnit(CustomerKind kind, Channel channel, Topic topic) {
            if (kind == CustomerKind.INTERNAL) return topic.unit();
            double u = random.nextDouble();
            return switch (channel) {
                case PHONE, WALK_IN, CHAT, CHATBOT -> u < 0.8 ? "asiakaspalvelu" : topic.unit();
                case WEB_FORM, EMAIL -> u < 0.25 ? "asiakaspalvelu" : topic.unit();
                default -> topic.unit();
            };
        }

        CaseStatus status(double ageDays) {
            double u = random.nextDouble();
            if (ageDays < 3) return u < .55 ? CaseStatus.NEW : u < .75 ? CaseStatus.OPEN : u < .85 ? CaseStatus.WAITING : CaseStatus.RESOLVED;
            if (ageDays < 14) {
                return u < .15 ? CaseStatus.NEW : u < .40 ? CaseStatus.OPEN : u < .60 ? CaseStatus.WAITING
                        : u < .95 ? CaseStatus.RESOLVED : CaseStatus.CLOSED;
            }
            if (ageDays < 60) return u < .05 ? CaseStatus.OPEN : u < .10 ? CaseStatus.WAITING : u < .30 ? CaseStatus.RESOLVED : CaseStatus.CLOSED;
            return u < .01 ? CaseStatus.OPEN : u < .02 ? CaseStatus.WAITING : u < .07 ? CaseStatus.RESOLVED : CaseStatus.CLOSED;
        }

        Map<String, String> slots(Language language, ZonedDateTime at, Party customer) {
            int l = language == SV ? 1 : 0;
            Map<String, String> slots = new HashMap<>();
            for (String key : List.of("street", "daycare", "library", "park", "school")) slots.put(key, texts.value(key, random)[l]);
            slots.put("no", String.valueOf(1 + random.nextInt(60)));
            slots.put("child", pick(language == SV ? SV_FIRST : FI_FIRST));
            slots.put("amount", "%d,%02d".formatted(15 + random.nextInt(480), random.nextInt(100)));
            slots.put("invoice", "41%07d".formatted(random.nextInt(10_000_000)));
            slots.put("permit", "%d-%04d".formatted(at.getYear(), 1 + random.nextInt(1800)));
            slots.put("date", DATE.format(at.plusDays(14 + random.nextInt(60))));
            slots.put("name", customer.kind() == CustomerKind.BUSINESS ? "" : customer.firstName());
            slots.put("detail", texts.phrase("detail").pick(language, random));
            return slots;
        }

        /** The steps that take a case to its final status, in a plausible order with plausible pauses. */
        void steps(Plan plan, CaseStatus status, Channel channel, Language language, Topic topic, Party customer,
                   String arrival, Map<String, String> slots) {
            String unit = arrival;
            if (!arrival.equals(topic.unit()) && (status != CaseStatus.NEW || random.nextBoolean())) {
                Member sender = handler(arrival, language);
                String note = texts.phrase("transfer").pick(language, random);
                UUID to = units.get(topic.unit()).id();
                plan.add(hours(0.2, 20), at -> new Transfer(at, sender.user().id(), to, note));
                unit = topic.unit();
            }
            Member handler = handler(unit, language);
            UUID me = handler.user().id();
            Channel followUpChannel = switch (channel) {
                case PHONE, WALK_IN, APPOINTMENT, CHATBOT, OPEN311, API -> random.nextBoolean() ? EMAIL : WEB_FORM;
                default -> random.nextDouble() < 0.15 ? PHONE : channel;
            };
            if (status == CaseStatus.NEW) {
                if (random.nextDouble() < 0.25) {
                    String chase = texts.phrase("chase").pick(language, random);
                    plan.add(hours(20, 72), at -> new CustomerMessage(at, followUpChannel, chase));
                }
                return;
            }
            if (random.nextDouble() < 0.5) {
                Member manager = managers.getOrDefault(unit, handler);
                plan.add(hours(0.5, 30), at -> new Assignment(at, manager.user().id(), me));
            }
            if (random.nextDouble() < 0.05) plan.add(hours(0.1, 4), at -> new PriorityChange(at, me, Priority.HIGH));
            if (random.nextDouble() < 0.3) note(plan, me);
            String ack = reply(language, handler, unit, texts.phrase("ack").pick(language, random), slots);
            String ask = reply(language, handler, unit, DemoTexts.fill(topic.questions().pick(language, random), slots), slots);
            String answer = reply(language, handler, unit, DemoTexts.fill(topic.replies().pick(language, random), slots), slots);
            String followUp = DemoTexts.fill(texts.phrase("followup").pick(language, random), slots) + "\n\n"
                    + DemoTexts.fill(texts.phrase("sign").pick(language, random), Map.of("name", customer.name()));
            double u = random.nextDouble();
            switch (status) {
                case OPEN -> {
                    if (u < 0.6) {
                        plan.add(hours(1, 48), at -> new Reply(at, me, ack, null));
                    } else {
                        plan.add(hours(1, 48), at -> new Reply(at, me, ask, CaseStatus.WAITING));
                        plan.add(hours(2, 96), at -> new CustomerMessage(at, followUpChannel, followUp));
                    }
                }
                case WAITING -> {
                    if (u < 0.3) plan.add(hours(1, 24), at -> new Reply(at, me, ack, null));
                    plan.add(hours(1, 72), at -> new Reply(at, me, ask, CaseStatus.WAITING));
                }
                case RESOLVED, CLOSED -> {
                    if (u < 0.45) {
                        plan.add(hours(2, 120), at -> new Reply(at, me, answer, CaseStatus.RESOLVED));
                    } else if (u < 0.8) {
                        plan.add(hours(1, 48), at -> new Reply(at, me, ask, CaseStatus.WAITING));
                        plan.add(hours(2, 96), at -> new CustomerMessage(at, followUpChannel, followUp));
                        if (random.nextDouble() < 0.3) note(plan, me);
                        plan.add(hours(4, 120), at -> new Reply(at, me, answer, CaseStatus.RESOLVED));
                    } else {
                        plan.add(hours(1, 24), at -> new Reply(at, me, ack, null));
                        note(plan, me);
                        plan.add(hours(4, 240), at -> new Reply(at, me, answer, CaseStatus.RESOLVED));
                    }
                    if (random.nextDouble() < 0.12) {
                        String thanks = texts.phrase("thankyou").pick(language, random);
                        plan.add(hours(1, 48), at -> new CustomerMessage(at, followUpChannel, thanks));
                        plan.add(hours(0.5, 24), at -> new StatusChange(at, Actor.staff(me), CaseStatus.RESOLVED));
                    }
                    if (status == CaseStatus.CLOSED) {
                        Actor closer = random.nextDouble() < 0.7 ? Actor.system() : Actor.staff(me);
                        plan.add(hours(7 * 24, 14 * 24), at -> new StatusChange(at, closer, CaseStatus.CLOSED));
                    }
                }
                default -> throw new IllegalStateException("unplanned status " + status);
            }
        }

        void note(Plan plan, UUID me) {
            String note = texts.phrase("note").pick(FI, random);
            plan.add(hours(0.2, 24), at -> new Note(at, me, note));
        }

        String reply(Language language, Member handler, String unit, String content, Map<String, String> slots) {
            String greeting = DemoTexts.fill(texts.phrase("greeting").pick(language, random), slots).replace(" ,", ",");
            String unitName = language == SV ? units.get(unit).name().sv() : units.get(unit).name().fi();
            String orgName = language == SV ? org.name().sv() : org.name().fi();
            return greeting + "\n\n" + texts.phrase("thanks").pick(language, random) + " " + content + "\n\n"
                    + texts.phrase("closing").pick(language, random) + "\n" + handler.def().name() + "\n" + unitName + ", " + orgName;
        }

        double hours(double min, double max) {
            return min + random.nextDouble() * (max - min);
        }

        String pick(List<String> list) {
            return list.get(random.nextInt(list.size()));
        }
    }

    /** Steps with pauses before them; squeezed to fit when the case is younger than the pauses add up to. */
    private static final class Plan {
        private final List<Double> pauses = new ArrayList<>();
        private final List<Function<Instant, Step>> steps = new ArrayList<>();

        void add(double pauseHours, Function<Instant, Step> step) {
            pauses.add(pauseHours);
            steps.add(step);
        }

        List<Step> build(Instant created, Instant end) {
            double total = pauses.stream().mapToDouble(Double::doubleValue).sum();
            double available = Duration.between(created, end).getSeconds() / 3600.0 * 0.95;
            double scale = total > available ? Math.max(0, available) / total : 1;
            List<Step> result = new ArrayList<>(steps.size());
            Instant at = created;
            for (int i = 0; i < steps.size(); i++) {
                at = at.plusSeconds(Math.max(1, (long) (pauses.get(i) * scale * 3600)));
                if (at.isAfter(end)) at = end;
                result.add(steps.get(i).apply(at.truncatedTo(ChronoUnit.SECONDS)));
            }
            return result;
        }
    }

    static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
