package fi.aspa.appointments;

import fi.aspa.organization.Organizations;
import fi.aspa.organization.ServicePoint;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What service points offer and when they are open; implements the module's API. */
@Service
@Transactional
class ServiceSetup implements Appointments {
    /** Used when the organization has set no pattern of its own: clearly not a real video service. */
    static final String PLACEHOLDER_VIDEO_PATTERN = "https://video.example.invalid/{organization}/{room}";
    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,49}$");

    private final JdbcClient db;
    private final Organizations organizations;
    private final String defaultVideoPattern;

    ServiceSetup(JdbcClient db, Organizations organizations,
                 @Value("${aspa.appointments.video-url-pattern:}") String defaultVideoPattern) {
        this.db = db;
        this.organizations = organizations;
        this.defaultVideoPattern = defaultVideoPattern == null || defaultVideoPattern.isBlank()
                ? PLACEHOLDER_VIDEO_PATTERN : defaultVideoPattern;
    }

    @Override
    public VisitService addService(OrganizationId organization, UUID servicePointId, NewVisitService s) {
        servicePoint(organization, servicePointId);
        if (s.code() == null || !CODE.matcher(s.code()).matches()) {
            throw AspaException.invalid("invalid-code", "A service code is 1-50 lower-case letters, digits or hyphens");
        }
        if (s.name() == null || s.name().fi() == null || s.name().fi().isBlank()) {
            throw AspaException.invalid("required", "A service needs a Finnish name", "name");
        }
        if (s.slotMinutes() < 5 || s.slotMinutes() > 480) throw AspaException.invalid("invalid-slot", "Slot length is 5-480 minutes");
        if (s.desks() < 1 || s.desks() > 50) throw AspaException.invalid("invalid-desks", "A service has 1-50 desks");
        if (!s.queueLetter().matches("^[A-Z]$")) throw AspaException.invalid("invalid-letter", "The queue letter is one of A-Z");
        UUID id = Ids.next();
        db.sql("""
                insert into visit_service (id, organization_id, service_point_id, code, name_fi, name_sv, name_en,
                    slot_minutes, desks, modes, bookable, walk_in, queue_letter)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), servicePointId, s.code(), s.name().fi(), orFi(s.name().sv(), s.name()),
                        orFi(s.name().en(), s.name()), s.slotMinutes(), s.desks(),
                        s.modes().stream().map(Enum::name).sorted().toArray(String[]::new), s.bookable(), s.walkIn(),
                        s.queueLetter())
                .update();
        return service(organization, id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<VisitService> services(OrganizationId organization, UUID servicePointId) {
        return db.sql("select * from visit_service where organization_id = ? and service_point_id = ? order by name_fi, code")
                .params(organization.value(), servicePointId).query(ServiceSetup::service).list();
    }

    /** The organization's service points where at least one service can be booked. */
    @Transactional(readOnly = true)
    List<ServicePoint> bookablePoints(OrganizationId organization) {
        Set<UUID> bookable = Set.copyOf(db.sql("select distinct service_point_id from visit_service where organization_id = ? and bookable")
                .param(organization.value()).query(UUID.class).list());
        return organizations.servicePoints(organization).stream().filter(p -> bookable.contains(p.id())).toList();
    }

    /** The organization's service points where the walk-in queue is in use. */
    @Transactional(readOnly = true)
    List<ServicePoint> walkInPoints(OrganizationId organization) {
        Set<UUID> walkIn = Set.copyOf(db.sql("select distinct service_point_id from visit_service where organization_id = ? and walk_in")
                .param(organization.value()).query(UUID.class).list());
        return organizations.servicePoints(organization).stream().filter(p -> walkIn.contains(p.id())).toList();
    }

    @Transactional(readOnly = true)
    Optional<VisitService> service(OrganizationId organization, UUID serviceId) {
        return db.sql("select * from visit_service where organization_id = ? and id = ?")
                .params(organization.value(), serviceId).query(ServiceSetup::service).optional();
    }

    @Override
    public void setOpeningHours(OrganizationId organization, UUID servicePointId, List<OpeningHours> hours) {
        servicePoint(organization, servicePointId);
        db.sql("delete from opening_hours where organization_id = ? and service_point_id = ?")
                .params(organization.value(), servicePointId).update();
        for (OpeningHours h : hours) {
            db.sql("insert into opening_hours (id, organization_id, service_point_id, weekday, opens, closes) values (?, ?, ?, ?, ?, ?)")
                    .params(Ids.next(), organization.value(), servicePointId, h.day().getValue(), h.opens(), h.closes())
                    .update();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<OpeningHours> openingHours(OrganizationId organization, UUID servicePointId) {
        return db.sql("select weekday, opens, closes from opening_hours where organization_id = ? and service_point_id = ? order by weekday, opens")
                .params(organization.value(), servicePointId)
                .query((rs, n) -> new OpeningHours(DayOfWeek.of(rs.getInt(1)), rs.getObject(2, LocalTime.class),
                        rs.getObject(3, LocalTime.class)))
                .list();
    }

    @Override
    public void addClosure(OrganizationId organization, UUID servicePointId, LocalDate day, String reason) {
        servicePoint(organization, servicePointId);
        db.sql("""
                insert into service_point_closure (id, organization_id, service_point_id, day, reason) values (?, ?, ?, ?, ?)
                on conflict (service_point_id, day) do update set reason = excluded.reason""")
                .params(Ids.next(), organization.value(), servicePointId, day, reason).update();
    }

    @Transactional(readOnly = true)
    Set<LocalDate> closures(OrganizationId organization, UUID servicePointId, LocalDate from, LocalDate to) {
        return Set.copyOf(db.sql("select day from service_point_closure where organization_id = ? and service_point_id = ? and day between ? and ?")
                .params(organization.value(), servicePointId, from, to).query(LocalDate.class).list());
    }

    @Override
    public void setVideoUrlPattern(OrganizationId organization, String pattern) {
        if (pattern == null || !pattern.startsWith("https://") || !pattern.contains("{room}")) {
            throw AspaException.invalid("invalid-video-pattern", "The pattern is an https URL with {room} in it");
        }
        db.sql("""
                insert into appointment_settings (organization_id, video_url_pattern) values (?, ?)
                on conflict (organization_id) do update set video_url_pattern = excluded.video_url_pattern""")
                .params(organization.value(), pattern).update();
    }

    /** The video link of a new appointment: the organization's pattern (or the placeholder) with a random room. */
    @Transactional(readOnly = true)
    String videoUrl(OrganizationId organization, String room) {
        String pattern = db.sql("select video_url_pattern from appointment_settings where organization_id = ?")
                .param(organization.value()).query(String.class).optional().orElse(defaultVideoPattern);
        String slug = organizations.find(organization).map(o -> o.slug()).orElse("org");
        return pattern.replace("{organization}", slug).replace("{room}", room);
    }

    /** The service point, if it is the organization's. */
    ServicePoint servicePoint(OrganizationId organization, UUID servicePointId) {
        return findServicePoint(organization, servicePointId).orElseThrow(() -> AspaException.notFound("Service point"));
    }

    Optional<ServicePoint> findServicePoint(OrganizationId organization, UUID servicePointId) {
        if (servicePointId == null) return Optional.empty();
        return organizations.servicePoints(organization).stream().filter(p -> p.id().equals(servicePointId)).findFirst();
    }

    private static String orFi(String value, LocalizedText name) {
        return value == null || value.isBlank() ? name.fi() : value;
    }

    static VisitService service(ResultSet rs, int row) throws SQLException {
        Array modes = rs.getArray("modes");
        Set<AppointmentMode> set = EnumSet.noneOf(AppointmentMode.class);
        Arrays.stream((String[]) modes.getArray()).map(m -> AppointmentMode.valueOf(m.toUpperCase(Locale.ROOT))).forEach(set::add);
        return new VisitService(rs.getObject("id", UUID.class), rs.getObject("service_point_id", UUID.class),
                rs.getString("code"), new LocalizedText(rs.getString("name_fi"), rs.getString("name_sv"), rs.getString("name_en")),
                rs.getInt("slot_minutes"), rs.getInt("desks"), set, rs.getBoolean("bookable"), rs.getBoolean("walk_in"),
                rs.getString("queue_letter"));
    }
}
