package fi.aspa.appointments;

/** How an appointment is held. */
public enum AppointmentMode { IN_PERSON, PHONE, VIDEO }
