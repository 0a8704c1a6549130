package fi.aspa.catalogue;

/** Channels through which a service is offered. */
public enum ServiceChannel { ONLINE, WEB_FORM, EMAIL, PHONE, CHAT, SERVICE_POINT, APPOINTMENT, OPEN311, PRINTABLE_FORM }
