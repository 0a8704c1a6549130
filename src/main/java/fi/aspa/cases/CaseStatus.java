package fi.aspa.cases;

/** Where a case is in its life. Moves between them are governed by {@link Lifecycle}. */
public enum CaseStatus { NEW, OPEN, WAITING, RESOLVED, CLOSED }
