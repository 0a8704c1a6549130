package fi.aspa.channels.open311;

import fi.aspa.cases.AttachmentContent;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.NewAttachment;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.PublicOrganization;
import fi.aspa.organization.Unit;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.sla.ServiceLevels;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * GeoReport v2 endpoints. Which organization: the API key's for POST; for GET the path
 * ({@code /open311/{slug}/v2/…}) or {@code jurisdiction_id} (the organization's slug), by default the organization
 * the public pages serve. Every error is the specification's error list in the requested format (see
 * {@link Open311Errors}).
 */
@Controller
@ResponseBody
class Open311Api {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    static final int MAX_REQUESTS = 1000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    static final int MAX_DESCRIPTION = 4000;
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private final Catalogue catalogue;
    private final Organizations organizations;
    private final PublicOrganization publicOrganization;
    private final Open311Keys keys;
    private final Open311Store store;
    private final Open311Intake intake;
    private final Cases cases;
    private final ServiceLevels serviceLevels;
    private final Open311RateLimit rateLimit;
    private final MessageSource messages;
    private final org.apache.tika.Tika tika = new org.apache.tika.Tika();
    private final long maxMediaBytes;
    private final int maxMediaFiles;

    Open311Api(Catalogue catalogue, Organizations organizations, PublicOrganization publicOrganization, Open311Keys keys,
               Open311Store store, Open311Intake intake, Cases cases, ServiceLevels serviceLevels,
               Open311RateLimit rateLimit, MessageSource messages,
               @org.springframework.beans.factory.annotation.Value("${aspa.open311.max-media-size:5MB}")
               org.springframework.util.unit.DataSize maxMedia,
               @org.springframework.beans.factory.annotation.Value("${aspa.open311.max-media-files:5}") int maxMediaFiles) {
        this.catalogue = catalogue;
        this.organizations = organizations;
        this.publicOrganization = publicOrganization;
        this.keys = keys;
        this.store = store;
        this.intake = intake;
        this.cases = cases;
        this.serviceLevels = serviceLevels;
        this.rateLimit = rateLimit;
        this.messages = messages;
        this.maxMediaBytes = maxMedia.toBytes();
        this.maxMediaFiles = maxMediaFiles;
    }

    // ------------------------------------------------------------------ services

    @GetMapping({"/open311/v2/services.{format}", "/open311/{jurisdiction}/v2/services.{format}"})
    ResponseEntity<byte[]> services(@PathVariable String format, @PathVariable(required = false) String jurisdiction,
                                    @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId,
                                    @RequestParam(required = false) String locale) {
        Open311Format f = Open311Format.of(format);
        Organization org = organization(jurisdiction, jurisdictionId);
        Language language = language(locale);
        List<Map<String, Object>> list = open311Services(org.id()).stream().map(s -> service(s, language)).toList();
        return f.list(HttpStatus.OK, "services", "service", list);
    }

    @GetMapping({"/open311/v2/services/{code}.{format}", "/open311/{jurisdiction}/v2/services/{code}.{format}"})
    ResponseEntity<byte[]> serviceDefinition(@PathVariable String code, @PathVariable String format,
                                             @PathVariable(required = false) String jurisdiction,
                                             @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        Open311Format f = Open311Format.of(format);
        Organization org = organization(jurisdiction, jurisdictionId);
        CatalogueService service = catalogue.byOpen311Code(org.id(), code).filter(CatalogueService::isPublic)
                .orElseThrow(() -> Open311Exception.notFound("No service with service_code " + code));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", service.open311Code());
        definition.put("attributes", List.of()); // Aspa's services ask nothing beyond the standard fields
        return f.object(HttpStatus.OK, "service_definition", definition);
    }

    // ------------------------------------------------------------------ requests

    @PostMapping({"/open311/v2/requests.{format}", "/open311/{jurisdiction}/v2/requests.{format}"})
    ResponseEntity<byte[]> post(@PathVariable String format, @PathVariable(required = false) String jurisdiction,
                                HttpServletRequest request) throws IOException {
        Open311Format f = Open311Format.of(format);
        rateLimit.address(request.getRemoteAddr());
        Params p = new Params(request);
        String apiKey = p.text("api_key", 200);
        if (apiKey == null) throw Open311Exception.forbidden("api_key is required");
        Open311Keys.Holder holder = keys.holder(apiKey).orElseThrow(() -> Open311Exception.forbidden("api_key is not valid"));
        rateLimit.key(holder.keyId());
        String jurisdictionId = p.text("jurisdiction_id", 100);
        if (jurisdiction != null || jurisdictionId != null) {
            Organization named = organization(jurisdiction, jurisdictionId);
            if (!named.id().equals(holder.organizationId())) {
                throw Open311Exception.forbidden("api_key is not valid for jurisdiction_id " + named.slug());
            }
        }
        OrganizationId org = holder.organizationId();
        String code = p.text("service_code", 100);
        if (code == null) throw Open311Exception.badRequest("service_code is required");
        CatalogueService service = catalogue.byOpen311Code(org, code).filter(CatalogueService::isPublic)
                .orElseThrow(() -> Open311Exception.badRequest("service_code " + code + " is not a service of this jurisdiction"));
        Double lat = p.coordinate("lat", 90);
        Double lon = p.coordinate("long", 180);
        if ((lat == null) != (lon == null)) throw Open311Exception.badRequest("lat and long must be given together");
        String address = p.text("address_string", 500);
        String addressId = p.text("address_id", 200);
        if (lat == null && address == null && addressId == null) {
            throw Open311Exception.badRequest("A location is required: lat and long, address_string or address_id");
        }
        String description = p.multiline("description", MAX_DESCRIPTION);
        if (description == null) throw Open311Exception.badRequest("description is required");
        String email = p.text("email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw Open311Exception.badRequest("email is not an email address");
        String mediaUrl = p.text("media_url", 2000);
        if (mediaUrl != null && !mediaUrl.matches("(?i)https?://\\S+")) throw Open311Exception.badRequest("media_url must be an http(s) URL");
        Language language = language(p.text("locale", 20));
        Open311Intake.NewRequest input = new Open311Intake.NewRequest(p.text("title", 200), description, lat, lon, address,
                addressId, email, p.text("phone", 40), p.text("first_name", 100), p.text("last_name", 100),
                p.text("device_id", 200), p.text("account_id", 200), mediaUrl, language, media(request));
        Open311Intake.Created created = intake.open(org, holder.keyId(), service, input);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", created.reference());
        answer.put("token", created.token().toString());
        answer.put("service_notice", notice(language));
        if (input.accountId() != null) answer.put("account_id", input.accountId());
        return f.list(HttpStatus.CREATED, "service_requests", "request", List.of(answer));
    }

    @GetMapping({"/open311/v2/requests.{format}", "/open311/{jurisdiction}/v2/requests.{format}"})
    ResponseEntity<byte[]> requests(@PathVariable String format, @PathVariable(required = false) String jurisdiction,
                                    HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        Params p = new Params(request);
        Organization org = organization(jurisdiction, p.text("jurisdiction_id", 100));
        Language language = language(p.text("locale", 20));
        boolean extensions = Boolean.parseBoolean(p.text("extensions", 10));
        List<String> ids = p.list("service_request_id");
        Open311Store.Query query;
        if (!ids.isEmpty()) {
            query = new Open311Store.Query(ids, null, null, null, null, null, null, MAX_REQUESTS);
        } else {
            Instant start = p.time("start_date");
            Instant end = p.time("end_date");
            Instant updatedAfter = p.time("updated_after");
            Instant updatedBefore = p.time("updated_before");
            if (start != null && end != null && start.isAfter(end)) throw Open311Exception.badRequest("start_date is after end_date");
            if (start != null && end != null && Duration.between(start, end).compareTo(DEFAULT_WINDOW) > 0) {
                throw Open311Exception.badRequest("The span from start_date to end_date may be at most 90 days");
            }
            if (start == null && end == null && updatedAfter == null && updatedBefore == null) {
                start = Instant.now().minus(DEFAULT_WINDOW);
            } else if (start == null && end != null) {
                start = end.minus(DEFAULT_WINDOW);
            } else if (start != null && end == null && updatedAfter == null && updatedBefore == null) {
                end = start.plus(DEFAULT_WINDOW);
            }
            query = new Open311Store.Query(null, codes(p.list("service_code")), start, end, statuses(p.list("status")),
                    updatedAfter, updatedBefore, MAX_REQUESTS);
        }
        List<Open311Store.StoredRequest> found = store.find(org.id(), query);
        return f.list(HttpStatus.OK, "service_requests", "request", describe(org, found, language, extensions, request));
    }

    @GetMapping({"/open311/v2/requests/{id}.{format}", "/open311/{jurisdiction}/v2/requests/{id}.{format}"})
    ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format,
                                   @PathVariable(required = false) String jurisdiction, HttpServletRequest request) {
        Open311Format f = Open311Format.of(format);
        Params p = new Params(request);
        Organization org = organization(jurisdiction, p.text("jurisdiction_id", 100));
        Open311Store.StoredRequest found = store.byReference(org.id(), id)
                .orElseThrow(() -> Open311Exception.notFound("No service request " + id));
        return f.list(HttpStatus.OK, "service_requests", "request", describe(org, List.of(found),
                language(p.text("locale", 20)), Boolean.parseBoolean(p.text("extensions", 10)), request));
    }

    @GetMapping({"/open311/v2/tokens/{token}.{format}", "/open311/{jurisdiction}/v2/tokens/{token}.{format}"})
    ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format,
                                 @PathVariable(required = false) String jurisdiction,
                                 @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        Open311Format f = Open311Format.of(format);
        Organization org = organization(jurisdiction, jurisdictionId);
        UUID value;
        try {
            value = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw Open311Exception.notFound("No such token");
        }
        Open311Store.StoredRequest found = store.byToken(org.id(), value).orElseThrow(() -> Open311Exception.notFound("No such token"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", found.reference());
        answer.put("token", token);
        return f.list(HttpStatus.OK, "service_requests", "request", List.of(answer));
    }

    /** An image uploaded with a request (public, like the request). */
    @GetMapping("/open311/v2/media/{id}")
    ResponseEntity<byte[]> media(@PathVariable String id) {
        UUID attachmentId;
        try {
            attachmentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Open311Exception.notFound("No such media");
        }
        Map.Entry<OrganizationId, UUID> owner = store.mediaOwner(attachmentId)
                .orElseThrow(() -> Open311Exception.notFound("No such media"));
        AttachmentContent content = cases.attachment(owner.getKey(), owner.getValue(), attachmentId)
                .filter(a -> IMAGE_TYPES.contains(a.contentType()))
                .orElseThrow(() -> Open311Exception.notFound("No such media"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .body(content.content());
    }

    /** Anything else under /open311: the error list, not an HTML page. */
    @RequestMapping("/open311/**")
    ResponseEntity<byte[]> unknown() {
        throw Open311Exception.notFound("No such Open311 resource; see /open311/v2/services.json");
    }

    // ------------------------------------------------------------------ answers

    private List<CatalogueService> open311Services(OrganizationId org) {
        return catalogue.list(org).stream().filter(CatalogueService::isPublic) // internal services are not offered to the public
                .filter(s -> s.open311Code() != null && !s.open311Code().isBlank()).toList();
    }

    private static Map<String, Object> service(CatalogueService s, Language language) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", s.open311Code());
        m.put("service_name", s.name().in(language));
        String description = s.description() != null ? s.description().in(language)
                : s.summary() != null ? s.summary().in(language) : null;
        if (description != null) m.put("description", description);
        m.put("metadata", false);
        m.put("type", "realtime");
        m.put("keywords", String.join(",", s.keywords()));
        String group = s.source() == CatalogueService.Source.OPEN311 && s.summary() != null ? s.summary().in(language)
                : s.serviceClasses().isEmpty() ? null : s.serviceClasses().getFirst().label().in(language);
        if (group != null) m.put("group", group);
        return m;
    }

    private List<Map<String, Object>> describe(Organization org, List<Open311Store.StoredRequest> found, Language language,
                                               boolean extensions, HttpServletRequest request) {
        if (found.isEmpty()) return List.of();
        Map<String, CatalogueService> services = catalogue.list(org.id()).stream()
                .filter(s -> s.open311Code() != null)
                .collect(Collectors.toMap(CatalogueService::open311Code, Function.identity(), (a, b) -> a));
        Map<UUID, Unit> units = organizations.units(org.id()).stream().collect(Collectors.toMap(Unit::id, Function.identity()));
        List<UUID> caseIds = found.stream().map(Open311Store.StoredRequest::caseId).toList();
        Map<UUID, List<UUID>> media = store.media(org.id(), caseIds);
        Map<UUID, List<Open311Store.HistoryEntry>> history = extensions ? store.history(org.id(), caseIds) : Map.of();
        Map<UUID, Instant> expected = serviceLevels.resolutionDue(org.id(), caseIds);
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + "/open311/v2/media/";
        String notice = notice(language);
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        for (Open311Store.StoredRequest r : found) {
            CaseStatus status = CaseStatus.valueOf(r.status());
            List<String> mediaUrls = new ArrayList<>();
            media.getOrDefault(r.caseId(), List.of()).forEach(m -> mediaUrls.add(base + m));
            if (r.mediaUrl() != null) mediaUrls.add(r.mediaUrl());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", r.reference());
            m.put("status", open(status) ? "open" : "closed");
            if (r.statusNotes() != null) m.put("status_notes", r.statusNotes());
            CatalogueService service = services.get(r.serviceCode());
            if (service != null) m.put("service_name", service.name().in(language));
            m.put("service_code", r.serviceCode());
            m.put("description", r.description());
            Unit unit = r.unitId() == null ? null : units.get(r.unitId());
            if (unit != null) m.put("agency_responsible", unit.name().in(language));
            m.put("service_notice", notice);
            m.put("requested_datetime", time(r.requestedAt()));
            m.put("updated_datetime", time(r.updatedAt()));
            // when the service-level target expects it resolved (open requests with a running resolution clock)
            Instant due = open(status) ? expected.get(r.caseId()) : null;
            if (due != null) m.put("expected_datetime", time(due));
            if (r.addressString() != null) m.put("address", r.addressString());
            if (r.addressId() != null) m.put("address_id", r.addressId());
            if (r.lat() != null) {
                m.put("lat", r.lat());
                m.put("long", r.lon());
            }
            if (!mediaUrls.isEmpty()) m.put("media_url", mediaUrls.getFirst());
            if (r.title() != null) m.put("title", r.title());
            m.put("media_urls", mediaUrls);
            if (extensions) {
                Map<String, Object> ext = new LinkedHashMap<>();
                if (r.title() != null) ext.put("title", r.title());
                ext.put("detailed_status", detailed(status));
                List<Open311Store.HistoryEntry> entries = history.getOrDefault(r.caseId(), List.of());
                Instant since = entries.stream().filter(h -> h.note() == null && h.status().equals(r.status()))
                        .map(Open311Store.HistoryEntry::at).reduce((a, b) -> b).orElse(r.requestedAt());
                ext.put("detailed_status_datetime", time(since));
                ext.put("service_notice", notice);
                ext.put("media_urls", mediaUrls);
                List<Map<String, Object>> log = new ArrayList<>();
                for (Open311Store.HistoryEntry h : entries) {
                    CaseStatus s = CaseStatus.valueOf(h.status());
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("time", time(h.at()));
                    e.put("status", open(s) ? "open" : "closed");
                    e.put("detailed_status", detailed(s));
                    if (h.note() != null) e.put("note", h.note());
                    log.add(e);
                }
                ext.put("request_history", log);
                m.put("extended_attributes", ext);
            }
            out.add(m);
        }
        return out;
    }

    static boolean open(CaseStatus status) {
        return status != CaseStatus.RESOLVED && status != CaseStatus.CLOSED;
    }

    /** Aspa's case status as Helsinki's feedback API names the detailed status. */
    static String detailed(CaseStatus status) {
        return switch (status) {
            case NEW -> "RECEIVED";
            case OPEN -> "IN_PROCESS";
            case WAITING -> "WAITING_FOR_INFORMATION";
            case RESOLVED -> "PROCESSED";
            case CLOSED -> "CLOSED";
        };
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(HELSINKI).toOffsetDateTime());
    }

    private String notice(Language language) {
        return messages.getMessage("open311.service-notice", null, language.locale());
    }

    // ------------------------------------------------------------------ input

    private Organization organization(String path, String parameter) {
        String p = blankToNull(path);
        String q = blankToNull(parameter);
        if (p != null && q != null && !p.equals(q)) throw Open311Exception.badRequest("jurisdiction_id does not match the path");
        String slug = p != null ? p : q;
        if (slug == null) return publicOrganization.get();
        if (slug.length() > 100) throw Open311Exception.notFound("Unknown jurisdiction_id");
        return organizations.findBySlug(slug).orElseThrow(() -> Open311Exception.notFound("Unknown jurisdiction_id " + slug));
    }

    /** fi, sv or en (also fi_FI, sv-FI, en_GB); Finnish for anything else. */
    static Language language(String locale) {
        if (locale == null || locale.length() < 2) return Language.FI;
        return Language.parse(locale.substring(0, 2)).orElse(Language.FI);
    }

    private static Set<String> codes(List<String> codes) {
        return codes.isEmpty() ? null : new LinkedHashSet<>(codes);
    }

    private static Set<String> statuses(List<String> values) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String v : values) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "open" -> statuses.addAll(List.of(CaseStatus.NEW.name(), CaseStatus.OPEN.name(), CaseStatus.WAITING.name()));
                case "closed" -> statuses.addAll(List.of(CaseStatus.RESOLVED.name(), CaseStatus.CLOSED.name()));
                default -> throw Open311Exception.badRequest("status must be open or closed");
            }
        }
        return statuses;
    }

    private List<NewAttachment> media(HttpServletRequest request) throws IOException {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return List.of();
        }
        List<MultipartFile> files = multipart.getFiles("media").stream().filter(file -> !file.isEmpty()).toList();
        if (files.size() > maxMediaFiles) throw Open311Exception.badRequest("At most " + maxMediaFiles + " media files");
        List<NewAttachment> media = new ArrayList<>();
        for (MultipartFile file : files) {
            if (file.getSize() > maxMediaBytes) {
                throw new Open311Exception(HttpStatus.CONTENT_TOO_LARGE,
                        "media is larger than " + maxMediaBytes / (1024 * 1024) + " MB");
            }
            byte[] bytes = file.getBytes();
            String type = tika.detect(bytes);
            if (!IMAGE_TYPES.contains(type)) {
                throw Open311Exception.badRequest("media must be a JPEG, PNG, GIF or WebP image");
            }
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "media" : file.getOriginalFilename();
            media.add(new NewAttachment(name, bytes));
        }
        return media;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The request's parameters (query or form body), checked: no broken encoding, no control characters, limits. */
    static final class Params {
        private final HttpServletRequest request;

        Params(HttpServletRequest request) {
            this.request = request;
        }

        String raw(String name) {
            String[] values = request.getParameterValues(name);
            if (values == null || values.length == 0) return null;
            if (values.length > 1 && !name.equals("service_request_id") && !name.equals("service_code") && !name.equals("status")) {
                throw Open311Exception.badRequest(name + " is given more than once");
            }
            String value = String.join(",", values);
            if (value.indexOf('\uFFFD') >= 0) throw Open311Exception.badRequest(name + " is not valid UTF-8");
            return value;
        }

        String text(String name, int max) {
            String value = blankToNull(raw(name));
            if (value == null) return null;
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw Open311Exception.badRequest(name + " contains control characters");
            }
            if (value.length() > max) throw Open311Exception.badRequest(name + " is longer than " + max + " characters");
            return value;
        }

        String multiline(String name, int max) {
            String value = blankToNull(raw(name));
            if (value == null) return null;
            value = value.replace("\r\n", "\n");
            if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                throw Open311Exception.badRequest(name + " contains control characters");
            }
            if (value.length() > max) throw Open311Exception.badRequest(name + " is longer than " + max + " characters");
            return value;
        }

        Double coordinate(String name, double limit) {
            String value = text(name, 40);
            if (value == null) return null;
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw Open311Exception.badRequest(name + " is not a number");
            }
            if (!Double.isFinite(d) || d < -limit || d > limit || !value.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                throw Open311Exception.badRequest(name + " must be a decimal number between -" + (int) limit + " and " + (int) limit);
            }
            return d;
        }

        List<String> list(String name) {
            String value = text(name, 10_000);
            if (value == null) return List.of();
            return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().limit(MAX_REQUESTS).toList();
        }

        /** ISO 8601: with an offset or Z, a local time or a date (Helsinki time). */
        Instant time(String name) {
            String value = text(name, 40);
            if (value == null) return null;
            value = value.replace(' ', '+'); // an unencoded + of an offset arrives as a space
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(value).atZone(HELSINKI).toInstant();
                } catch (DateTimeParseException e2) {
                    try {
                        return LocalDate.parse(value).atStartOfDay(HELSINKI).toInstant();
                    } catch (DateTimeParseException e3) {
                        throw Open311Exception.badRequest(name + " is not an ISO 8601 date and time (e.g. 2026-11-23T09:00:00+02:00)");
                    }
                }
            }
        }
    }
}
