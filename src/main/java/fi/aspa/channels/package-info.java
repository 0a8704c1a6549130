/** The channels through which contacts arrive (web form, REST API...): each turns what arrives into commands on cases. */
package fi.aspa.channels;
