/**
 * The phone channel. Agents log calls in a few keystrokes ({@code /workspace/phone}: the caller found by number,
 * topic, notes, outcome → a PHONE case on the customer's timeline, resolved at once when the call settled it).
 * Residents ask for a call back on the web ({@code /callback}; honeypot and a per-address rate limit); each request
 * is a PHONE case tagged {@code callback} and a task in the callback queue ({@code /workspace/callbacks}: the
 * number and the message only on a request's own page, a logged view), whose outcome is written on the case as a
 * note. A telephony system announces an incoming call with
 * {@code POST /api/v1/telephony/incoming} (the organization's API token) and gets the matching customers and the
 * workspace link that opens the caller's timeline.
 */
package fi.aspa.channels.phone;
