package fi.aspa.insights;

import fi.aspa.cases.CaseStatistics;
import fi.aspa.cases.Channel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network's shared concepts: the metrics every sharing organization's figures are compared by, each computed the
 * same way from the same module APIs (the residents' cases of the whole organization; INTERNAL cases, staff as
 * customers, are left out), with the base it is counted over. A rate or median whose base is under
 * {@value #MIN_BASE} cases is not compared ("too few to compare"): a few cases make a large, misleading swing.
 * The network's median is over the organizations whose value is compared.
 */
final class NetworkComparison {
    static final int MIN_BASE = 20;

    static final Set<Channel> DIGITAL = EnumSet.of(Channel.WEB_FORM, Channel.EMAIL, Channel.CHAT, Channel.CHATBOT,
            Channel.OPEN311, Channel.API);
    static final Set<Channel> PHONE = EnumSet.of(Channel.PHONE);
    static final Set<Channel> IN_PERSON = EnumSet.of(Channel.WALK_IN, Channel.APPOINTMENT);

    enum Kind { COUNT, PERCENT, HOURS }

    /** The metrics in the table's order; {@code code} names their texts ({@code insights.network.metric.<code>}). */
    enum Metric {
        CONTACTS("contacts", Kind.COUNT), DIGITAL("digital", Kind.PERCENT), PHONE("phone", Kind.PERCENT),
        IN_PERSON("in-person", Kind.PERCENT), FIRST_REPLY("first-reply", Kind.HOURS),
        RESOLUTION("resolution", Kind.HOURS), RESOLVED("resolved", Kind.PERCENT), REOPENED("reopened", Kind.PERCENT),
        CSAT("csat", Kind.PERCENT), RESPONSE_RATE("response-rate", Kind.PERCENT),
        SLA_FIRST_REPLY("sla-first-reply", Kind.PERCENT), SLA_RESOLUTION("sla-resolution", Kind.PERCENT);

        final String code;
        final Kind kind;

        Metric(String code, Kind kind) {
            this.code = code;
            this.kind = kind;
        }
    }

    /**
     * One organization's value of a metric: a count, a share (0..1) or hours; null when it is not compared (its base
     * under {@link #MIN_BASE}). A count is always compared.
     */
    record Value(Double value, long base) {
        boolean compared() {
            return value != null;
        }
    }

    private NetworkComparison() {}

    static Map<Metric, Value> values(Dashboards.Shared figures) {
        CaseStatistics.Figures r = figures.residents();
        long contacts = r.contacts().stream().mapToLong(CaseStatistics.Contacts::cases).sum();
        Map<Metric, Value> values = new EnumMap<>(Metric.class);
        values.put(Metric.CONTACTS, new Value((double) contacts, contacts));
        values.put(Metric.DIGITAL, share(in(r, DIGITAL), contacts));
        values.put(Metric.PHONE, share(in(r, PHONE), contacts));
        values.put(Metric.IN_PERSON, share(in(r, IN_PERSON), contacts));
        values.put(Metric.FIRST_REPLY, hours(r.firstResponse()));
        values.put(Metric.RESOLUTION, hours(r.resolution()));
        values.put(Metric.RESOLVED, share(r.resolution().cases(), r.opened()));
        values.put(Metric.REOPENED, share(r.reopened(), r.resolved()));
        values.put(Metric.CSAT, share(figures.satisfaction().satisfied(), figures.satisfaction().answers()));
        values.put(Metric.RESPONSE_RATE, share(figures.satisfaction().deliveredAnswers(), figures.satisfaction().delivered()));
        values.put(Metric.SLA_FIRST_REPLY, share(figures.sla().firstResponseMet(), figures.sla().firstResponseDecided()));
        values.put(Metric.SLA_RESOLUTION, share(figures.sla().resolutionMet(), figures.sla().resolutionDecided()));
        return values;
    }

    /** The median of the values compared (the mean of the middle two of an even number); null when none is. */
    static Double median(List<Value> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(Value::compared).map(Value::value).sorted().toList());
        if (sorted.isEmpty()) return null;
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long in(CaseStatistics.Figures r, Set<Channel> channels) {
        return r.contacts().stream().filter(c -> channels.contains(c.channel())).mapToLong(CaseStatistics.Contacts::cases).sum();
    }

    private static Value share(long part, long whole) {
        return new Value(whole < MIN_BASE ? null : (double) part / whole, whole);
    }

    private static Value hours(CaseStatistics.Durations d) {
        return new Value(d.cases() < MIN_BASE ? null : d.medianHours(), d.cases());
    }
}
