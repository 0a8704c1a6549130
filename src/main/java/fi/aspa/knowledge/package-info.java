/**
 * The knowledge base: articles in Finnish, Swedish and English for residents (PUBLIC) and staff (INTERNAL),
 * written by staff through a workflow (draft → in review → published → archived), every save a version with
 * history, diffs and rollback. Published language versions go to the search index after commit
 * ({@code DocumentType.ARTICLE}); residents read them at {@code /help}, staff at {@code /workspace/knowledge}.
 * The API is {@link fi.aspa.knowledge.Knowledge}.
 */
package fi.aspa.knowledge;
