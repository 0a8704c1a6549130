/**
 * Email in and out. Mailboxes (per organization or unit) are polled over IMAP by one node at a time; every
 * message is stored raw once ({@code email_message}, keyed by Message-ID) and ends in a case: a new one, a reply
 * in its thread, or a note (auto-replies, bounces). The message is marked seen only after the commit. Agent
 * replies and acknowledgements go out by SMTP from the unit's mailbox with threading headers, in the customer's
 * language; automatic mail is never answered.
 */
package fi.aspa.channels.email;
