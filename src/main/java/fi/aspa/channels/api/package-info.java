/**
 * The REST API under {@code /api/v1}: an organization's own systems create, search and work cases with an API
 * token scoped to that organization. JSON in and out; errors are RFC 9457 problem details.
 */
package fi.aspa.channels.api;
