package fi.aspa.staffing;

/** How well a person knows a service; the order is the order of preference when assigning. */
public enum Level { RESPONSIBLE, EXPERT, CAN_HANDLE }
