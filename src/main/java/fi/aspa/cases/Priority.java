package fi.aspa.cases;

public enum Priority { LOW, NORMAL, HIGH, URGENT }
