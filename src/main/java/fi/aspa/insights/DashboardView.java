package fi.aspa.insights;

import fi.aspa.cases.CaseStatistics;
import fi.aspa.cases.CaseStatistics.Contacts;
import fi.aspa.cases.CaseStatistics.Durations;
import fi.aspa.cases.Channel;
import fi.aspa.feedback.Feedback;
import fi.aspa.platform.DateTimes;
import fi.aspa.routing.RoutingStatistics;
import fi.aspa.sla.SlaCompliance;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * The dashboard's figures as tables of text, written the reader's way (Finnish and Swedish decimals with a comma):
 * the page and its CSV show the same tables. A share whose whole is zero says there is nothing to count instead of
 * "0 %"; a bar is a whole percent for the page's CSS width, its value always in text beside it.
 */
final class DashboardView {
    record Cell(String text, Integer bar) {
        static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    record Row(String label, List<Cell> cells) {}

    /** {@code empty}: what the page says instead of the table when it has no rows. */
    record Table(String id, String caption, List<String> columns, List<Row> rows, String empty) {}

    record Section(String id, String title, String note, List<Table> tables) {}

    private final MessageSource messages;
    private final Locale locale;
    private final NumberFormat counts;
    private final NumberFormat hours;

    DashboardView(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.counts = NumberFormat.getIntegerInstance(locale);
        this.hours = NumberFormat.getNumberInstance(locale);
        hours.setMinimumFractionDigits(1);
        hours.setMaximumFractionDigits(1);
    }

    List<Section> sections(Dashboards.Figures figures, boolean wholeOrganization) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("residents", text("insights.residents"), text("insights.residents.note"),
                cases("residents", figures.residents())));
        sections.add(new Section("internal", text("insights.internal"), text("insights.internal.note"),
                cases("internal", figures.internal())));
        sections.add(new Section("service", text("insights.service"), text("insights.service.note"),
                List.of(sla(figures.sla()), routing(figures.routing(), wholeOrganization))));
        sections.add(new Section("satisfaction", text("insights.satisfaction"), text("insights.satisfaction.note"),
                List.of(satisfaction(figures.satisfaction()))));
        return sections;
    }

    private List<Table> cases(String side, CaseStatistics.Figures f) {
        return List.of(byChannel(side, f.contacts()), byWeek(side, f.contacts()), flow(side, f), speed(side, f));
    }

    private Table byChannel(String side, List<Contacts> contacts) {
        Map<Channel, Long> perChannel = contacts.stream()
                .collect(Collectors.groupingBy(Contacts::channel, TreeMap::new, Collectors.summingLong(Contacts::cases)));
        long total = perChannel.values().stream().mapToLong(Long::longValue).sum();
        List<Row> rows = new ArrayList<>();
        perChannel.forEach((channel, n) -> rows.add(new Row(channel(channel), List.of(count(n), share(n, total)))));
        if (!rows.isEmpty()) rows.add(new Row(text("insights.total"), List.of(count(total), share(total, total))));
        return new Table(side + "-channels", text("insights.contacts.by-channel"),
                List.of(text("insights.channel"), text("insights.cases"), text("insights.share")), rows,
                text("insights.contacts.none"));
    }

    private Table byWeek(String side, List<Contacts> contacts) {
        TreeSet<Channel> channels = contacts.stream().map(Contacts::channel).collect(Collectors.toCollection(TreeSet::new));
        Map<LocalDate, Map<Channel, Long>> weeks = contacts.stream().collect(Collectors.groupingBy(Contacts::week,
                TreeMap::new, Collectors.groupingBy(Contacts::channel, Collectors.summingLong(Contacts::cases))));
        List<String> columns = new ArrayList<>();
        columns.add(text("insights.week"));
        channels.forEach(c -> columns.add(channel(c)));
        columns.add(text("insights.total"));
        List<Row> rows = new ArrayList<>();
        weeks.forEach((week, perChannel) -> {
            List<Cell> cells = new ArrayList<>();
            channels.forEach(c -> cells.add(count(perChannel.getOrDefault(c, 0L))));
            cells.add(count(perChannel.values().stream().mapToLong(Long::longValue).sum()));
            rows.add(new Row(messages.getMessage("insights.week-of", new Object[] {
                    String.valueOf(week.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    DateTimes.date(week, locale)}, locale), cells));
        });
        return new Table(side + "-weeks", text("insights.contacts.by-week"), columns, rows, text("insights.contacts.none"));
    }

    private Table flow(String side, CaseStatistics.Figures f) {
        List<Row> rows = List.of(
                new Row(text("insights.flow.opened"), List.of(count(f.opened()))),
                new Row(text("insights.flow.transferred"), List.of(share(f.transferredByStaff(), f.opened()))),
                new Row(text("insights.flow.resolved"), List.of(count(f.resolved()))),
                new Row(text("insights.flow.reopened"), List.of(share(f.reopened(), f.resolved()))),
                new Row(text("insights.flow.backlog"), List.of(count(f.backlog()))),
                new Row(text("insights.flow.over-7"), List.of(share(f.backlogOver7Days(), f.backlog()))),
                new Row(text("insights.flow.over-30"), List.of(share(f.backlogOver30Days(), f.backlog()))));
        return new Table(side + "-flow", text("insights.flow"), List.of(text("insights.figure"), text("insights.value")),
                rows, null);
    }

    private Table speed(String side, CaseStatistics.Figures f) {
        return new Table(side + "-speed", text("insights.speed"),
                List.of(text("insights.step"), text("insights.cases"), text("insights.median"), text("insights.p90")),
                List.of(durations(text("insights.speed.first-response"), f.firstResponse()),
                        durations(text("insights.speed.resolution"), f.resolution())),
                null);
    }

    private Row durations(String label, Durations d) {
        return new Row(label, List.of(count(d.cases()), hours(d.medianHours()), hours(d.p90Hours())));
    }

    private Table sla(SlaCompliance.Compliance c) {
        return new Table("sla", text("insights.sla"),
                List.of(text("insights.sla.clock"), text("insights.sla.decided"), text("insights.sla.met")),
                List.of(new Row(text("insights.speed.first-response"),
                                List.of(count(c.firstResponseDecided()), share(c.firstResponseMet(), c.firstResponseDecided()))),
                        new Row(text("insights.speed.resolution"),
                                List.of(count(c.resolutionDecided()), share(c.resolutionMet(), c.resolutionDecided())))),
                null);
    }

    private Table routing(RoutingStatistics.Quality q, boolean wholeOrganization) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(text("insights.routing.decided"), List.of(count(q.decided()))));
        rows.add(new Row(text("insights.routing.corrected"), List.of(share(q.corrected(), q.routed()))));
        rows.add(new Row(text("insights.routing.triage"), List.of(wholeOrganization ? share(q.triage(), q.decided())
                : Cell.of(text("insights.routing.triage-unit")))));
        return new Table("routing", text("insights.routing"), List.of(text("insights.figure"), text("insights.value")),
                rows, null);
    }

    private Table satisfaction(Feedback.Satisfaction s) {
        return new Table("csat", text("insights.csat"), List.of(text("insights.figure"), text("insights.value")),
                List.of(new Row(text("insights.csat.csat"), List.of(share(s.satisfied(), s.answers()))),
                        new Row(text("insights.csat.answers"), List.of(count(s.answers()))),
                        new Row(text("insights.csat.response-rate"), List.of(share(s.deliveredAnswers(), s.delivered()))),
                        new Row(text("insights.csat.delivered"), List.of(count(s.delivered()))),
                        new Row(text("insights.csat.undelivered"), List.of(count(s.undelivered())))),
                null);
    }

    private Cell count(long n) {
        return Cell.of(counts.format(n));
    }

    /** A whole percent rounded half up, with its bar; "no cases" when the whole is zero. */
    private Cell share(long part, long whole) {
        if (whole == 0) return Cell.of(text("insights.no-data"));
        int percent = (int) Math.round(100.0 * part / whole);
        return new Cell(messages.getMessage("insights.percent", new Object[] {counts.format(percent)}, locale), percent);
    }

    private Cell hours(Double value) {
        return Cell.of(value == null ? text("insights.no-data") : hours.format(value));
    }

    private String channel(Channel channel) {
        return messages.getMessage("workspace.channel." + channel.name(), null, channel.name(), locale);
    }

    private String text(String key) {
        return messages.getMessage(key, null, locale);
    }
}
