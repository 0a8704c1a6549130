package fi.aspa.sla;

final class SlaClockKeys {
    private SlaClockKeys() {}

    static String kindKey(SlaClock.Kind kind) {
        return "sla.kind." + kind.name().toLowerCase().replace('_', '-');
    }
}
