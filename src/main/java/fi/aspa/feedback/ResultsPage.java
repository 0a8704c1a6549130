package fi.aspa.feedback;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.Role;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.organization.Organizations;
import fi.aspa.organization.Unit;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.PageModel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The survey's results for staff who lead the service: unit managers see their own unit's, administrators the whole
 * organization's; agents none (the answers judge the unit's work, which is the managers' to follow up). For a period
 * of whole Helsinki days ending today (30 by default): CSAT (the share of answers 4 or 5 among the answers), the
 * number of answers and the response rate (answers per invitation whose link reached the resident; the invitations
 * of channels that cannot deliver it are shown apart, see {@link FeedbackStore#delivers}), in all, per unit and per channel, counted over
 * the invitations made in the period; and the latest comments with their case's reference. The comments were
 * stored with personal data stripped and the page shows no customer, so reading it is not a view of anyone's
 * personal data (nothing is logged); the case page behind a reference logs its view as always.
 */
@Controller
class ResultsPage {
    static final List<Integer> PERIODS = List.of(7, 30, 90, 365);
    static final int DEFAULT_DAYS = 30;
    static final int COMMENTS = 20;

    private final FeedbackStore store;
    private final Cases cases;
    private final Organizations organizations;
    private final MessageSource messages;
    private final Clock clock;

    ResultsPage(FeedbackStore store, Cases cases, Organizations organizations, MessageSource messages, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.organizations = organizations;
        this.messages = messages;
        this.clock = clock;
    }

    record Row(String label, long invitations, long answers, String csat, String responseRate, long undelivered) {}

    record CommentRow(UUID caseId, String reference, String unit, String channelKey, int score, String comment,
                      Instant answeredAt) {}

    @GetMapping("/workspace/feedback")
    String results(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String days, Model model,
                   Locale locale) {
        if (me == null || !me.has(Role.UNIT_MANAGER)) {
            throw AspaException.forbidden("Only unit managers and administrators see the survey results");
        }
        OrganizationId org = me.organizationId();
        Language language = Language.of(locale);
        int period = PERIODS.stream().filter(p -> String.valueOf(p).equals(days)).findFirst().orElse(DEFAULT_DAYS);
        LocalDate today = clock.instant().atZone(DateTimes.HELSINKI).toLocalDate();
        LocalDate first = today.minusDays(period - 1L);
        Instant from = first.atStartOfDay(DateTimes.HELSINKI).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(DateTimes.HELSINKI).toInstant();
        UUID unit = me.has(Role.ADMIN) ? null : me.unitId();

        Map<UUID, String> units = organizations.units(org).stream()
                .collect(Collectors.toMap(Unit::id, u -> u.name().in(language)));
        String noUnit = messages.getMessage("feedback.results.no-unit", null, locale);
        List<FeedbackStore.Tally> tallies = store.tallies(org, unit, from, to);
        Row total = tallies.stream().filter(t -> t.dimension().equals("all")).findFirst().map(t -> row("", t, locale))
                .orElse(new Row("", 0, 0, dash(), dash(), 0));
        List<Row> byUnit = rows(tallies, "unit", key -> key == null ? noUnit : units.getOrDefault(UUID.fromString(key), noUnit), locale);
        List<Row> byChannel = rows(tallies, "channel",
                key -> messages.getMessage("workspace.channel." + key, null, key, locale), locale);

        List<FeedbackStore.Comment> comments = store.comments(org, unit, from, to, COMMENTS);
        Map<UUID, String> references = cases.summaries(org, comments.stream().map(FeedbackStore.Comment::caseId).toList())
                .stream().collect(Collectors.toMap(CaseSummary::id, CaseSummary::reference, (a, b) -> a));
        List<CommentRow> commentRows = comments.stream()
                .map(c -> new CommentRow(c.caseId(), references.getOrDefault(c.caseId(), ""),
                        c.unitId() == null ? noUnit : units.getOrDefault(c.unitId(), noUnit),
                        "workspace.channel." + c.channel().name(), c.score(), c.comment(), c.answeredAt()))
                .toList();

        model.addAttribute("total", total);
        model.addAttribute("byUnit", byUnit);
        model.addAttribute("byChannel", byChannel);
        model.addAttribute("comments", commentRows);
        model.addAttribute("days", period);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("from", DateTimes.date(first, locale));
        model.addAttribute("to", DateTimes.date(today, locale));
        model.addAttribute("fromIso", DateTimes.iso(first));
        model.addAttribute("toIso", DateTimes.iso(today));
        model.addAttribute("unitName", unit == null ? null : units.get(unit));
        return "feedback/results";
    }

    private List<Row> rows(List<FeedbackStore.Tally> tallies, String dimension, Function<String, String> label, Locale locale) {
        return tallies.stream().filter(t -> t.dimension().equals(dimension))
                .map(t -> row(label.apply(t.key()), t, locale))
                .sorted(Comparator.comparing(Row::label))
                .toList();
    }

    private Row row(String label, FeedbackStore.Tally t, Locale locale) {
        return new Row(label, t.invitations(), t.answers(), percent(t.satisfied(), t.answers(), locale),
                percent(t.deliveredAnswers(), t.delivered(), locale), t.invitations() - t.delivered());
    }

    /** A whole percent, rounded half up (2 of 3 is 67 %); a dash when there is nothing to divide by. */
    private String percent(long part, long whole, Locale locale) {
        if (whole == 0) return dash();
        return messages.getMessage("feedback.results.percent", new Object[] {String.valueOf(Math.round(100.0 * part / whole))}, locale);
    }

    private static String dash() {
        return "–";
    }

    /** Tells the workspace navigation whether to offer the results (managers and administrators only). */
    @Component
    static class Navigation implements PageModel {
        @Override
        public void addTo(Page page) {
            page.put("feedbackManager", page.principal() instanceof StaffPrincipal staff && staff.has(Role.UNIT_MANAGER));
        }
    }
}
