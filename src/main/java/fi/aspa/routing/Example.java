package fi.aspa.routing;

/** One training text with its label (a service id or code); catalogue texts and routed cases alike. */
record Example(String label, String text) {}
