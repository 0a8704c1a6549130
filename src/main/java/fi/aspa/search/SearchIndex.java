package fi.aspa.search;

import fi.aspa.platform.OrganizationId;
import fi.aspa.platform.Language;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The search index of every organization: one index per organization, so one organization's search never
 * sees another's documents. Owners of searchable things (the service catalogue, the knowledge base, cases)
 * keep it current, typically from their events after commit; {@link #rebuild} recreates an organization's
 * index from the owners' data. Writes are visible to the next search.
 *
 * <p>The embedded implementation is Lucene; an OpenSearch cluster can implement the same contract (see
 * {@code docs/search.md}).
 */
public interface SearchIndex {

    /** Adds or replaces the document {@code (id, language)} in its organization's index. */
    void index(SearchDocument document);

    /** Adds or replaces many documents (of any organizations) with one commit per organization. */
    void indexAll(Collection<SearchDocument> documents);

    /** Deletes every language version of the document {@code id}; nothing happens when there is none. */
    void delete(OrganizationId organization, String id);

    /**
     * Replaces the organization's whole index with the given documents. Searches keep seeing the previous
     * index until the new one is complete. Documents of other organizations in the stream are rejected.
     *
     * @return how many documents were indexed
     */
    long rebuild(OrganizationId organization, Stream<SearchDocument> documents);

    /** Ranked hits in the query's organization and language that the query's visibilities allow. */
    SearchResult search(SearchQuery query);

    /**
     * The stored title and body of one language version of a document (e.g. to quote or insert an article's whole
     * text, where a hit gives only a snippet); empty when there is no such document.
     */
    Optional<StoredText> stored(OrganizationId organization, String id, Language language);

    /** A document's stored text: what {@link #stored} returns. */
    record StoredText(String id, DocumentType type, Language language, String title, String body) {}

    /** How many documents the organization's index holds (all languages). */
    long count(OrganizationId organization);

    /**
     * How many documents of the language the organization's index holds: the collection a search in that language
     * ranks against (its words' rarity is counted among them).
     */
    default long count(OrganizationId organization, Language language) {
        return count(organization);
    }

    /**
     * How many public documents of the language the organization's index holds: the collection a public search in that
     * language ranks against (staff-only cases and internal articles do not change a public answer's score).
     */
    default long publicCount(OrganizationId organization, Language language) {
        return count(organization, language);
    }

    /**
     * Whether the organization's index should be recreated from the owners' data ({@link SearchRebuild}): it is empty,
     * or it was written by an older version of the index's layout or content (after an upgrade).
     */
    default boolean needsRebuild(OrganizationId organization) {
        return count(organization) == 0;
    }

    /** The organization's synonyms were edited: the next search uses the {@link SynonymSource}'s new rules. */
    void synonymsChanged(OrganizationId organization);

    /**
     * What the organization's synonyms add to a query, for "try it" on the synonyms page: each phrase of the text that
     * a rule matches, with the words it then also finds. Empty when no rule applies.
     */
    default java.util.List<SynonymExpansion> expandSynonyms(OrganizationId organization, Language language, String text) {
        return java.util.List.of();
    }

    /** {@code words} (as typed) also find each of {@code alternatives}. */
    record SynonymExpansion(String words, java.util.List<String> alternatives) {}
}
