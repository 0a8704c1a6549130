/**
 * The assistant: the residents' chatbot and the agents' suggestions, both built only on the search API
 * ({@code fi.aspa.search}) over what the owners index: knowledge-base articles (type ARTICLE, one document per
 * published language version, facets {@code service}/{@code lifeEvent}), service descriptions (SERVICE) and resolved
 * cases (CASE, which this module indexes itself).
 *
 * <p><b>Chatbot</b> ({@link fi.aspa.assistant.Chatbot}): answers from PUBLIC articles and PUBLIC service descriptions in
 * the conversation's language only. It never writes text of its own about the matter: an answer is the passage the
 * search highlighted in the best document, quoted as it stands, with the source's title and link ({@code /help/{id}}
 * or {@code /services/{id}}); {@link fi.aspa.assistant.BotReply} refuses an answer without a source. The decision comes
 * from the scores: the resident asks for a person → hand-over; best hit's confidence (score ÷ ln(1 + N/1.5), N = the
 * documents in the index) under {@code aspa.assistant.min-score} → hand-over and the question is counted for the
 * editors ({@code /workspace/bot/unanswered}); the second hit within {@code close-ratio} of the best → "did you mean A or
 * B?"; else the answer. The page the resident asked on ({@code …/services/{id}}, {@code …/help/{id}}) raises that
 * service's articles. Thresholds: {@code BENCHMARKS-bot.md}. The chat ({@code fi.aspa.chat}) calls the bot for a
 * conversation's first lines when the organization has it on ({@code bot_settings}, else on for the slugs in
 * {@code aspa.assistant.enabled-for}: the demo). The help pages' "Ask the assistant" box ({@code fi.aspa.knowledge}) calls
 * the same bot, and {@link fi.aspa.assistant.Chatbot#answerFrom} when the resident picks one of the two sources offered.
 *
 * <p><b>Language-model phrasing</b> (optional, off by default; {@code /workspace/admin/language-model},
 * {@link fi.aspa.assistant.LanguageModelAdmin}): when an organization has an OpenAI-compatible endpoint on, an answer the
 * bot has decided to give is phrased by {@link fi.aspa.assistant.LanguageModel} from that source alone (the question with
 * personal data stripped by {@code customer.PersonalDataFilter}), and used only when it cites the source and nothing
 * else ({@link fi.aspa.assistant.LanguageModel#check}); otherwise the quote. {@link fi.aspa.assistant.BotReply#generated()}
 * marks it.
 *
 * <p><b>Suggestions</b> ({@code /workspace/cases/{id}/suggestions}): articles (PUBLIC and INTERNAL) that match the
 * case's subject and latest customer message in the customer's language (other languages fill in, marked), and similar
 * resolved cases. What is shown and inserted is recorded ({@code suggestion_event}); an article inserted before ranks
 * higher ({@code 1 + 0.25·ln(1 + uses)}, counted per service when the case was routed, from {@code CaseRouted}), as do
 * articles linked to the case's service. "Insert" swaps the reply box for one holding the article's whole text (htmx),
 * or opens a pre-filled reply form (no JavaScript).
 *
 * <p>Uses the APIs of {@code search}, {@code cases}, {@code routing} (its event), {@code organization},
 * {@code identity}, {@code customer} (its personal-data filter) and {@code platform}; {@code chat} uses {@link fi.aspa.assistant.Chatbot}.
 */
package fi.aspa.assistant;
