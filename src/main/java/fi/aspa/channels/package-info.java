/** Channels: one sub-package per way a contact arrives (web form, API); each turns it into commands on cases. */
package fi.aspa.channels;
