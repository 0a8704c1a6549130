package fi.aspa.cases;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the search index holds of cases: a case's subject and the text of its conversation without internal notes,
 * read in bulk (many cases in one query) so that keeping the index current and rebuilding it cost few round trips.
 */
public interface CaseSearchTexts {

    /** At most this many characters of the conversation. */
    int MAX_BODY = 20_000;

    /** The cases among {@code ids} that exist in the organization, in no particular order. */
    List<CaseText> byIds(OrganizationId organization, Collection<UUID> ids);

    /**
     * Every case of the organization, read lazily in pages (no transaction is held open between pages); close the
     * stream or read it to the end.
     */
    Stream<CaseText> all(OrganizationId organization);

    /** @param body the customer's and staff's messages (never notes), oldest first, at most {@link #MAX_BODY} characters */
    record CaseText(OrganizationId organizationId, UUID id, String reference, String subject, Language language,
                    CaseStatus status, UUID customerId, Instant updatedAt, String body) {}
}
