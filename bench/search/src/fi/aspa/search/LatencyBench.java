package fi.aspa.search;
public final class LatencyBench { public static void main(String[] a) {} }
