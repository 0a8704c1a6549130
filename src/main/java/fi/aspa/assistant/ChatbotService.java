package fi.aspa.assistant;

import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchIndex;
import java.time.Clock;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Chatbot}: the decision of {@link AnswerFinder}, the bot's sentences in the conversation's language, the count of
 * unanswered questions. An answer is the passage quoted from the source, or, when the organization has a language model
 * on ({@link LanguageModelStore}), the model's phrasing of that source (only of it) when the phrasing passes
 * {@link LanguageModel#check}; the decision is the same either way.
 */
@Service
class ChatbotService implements Chatbot {
    static final int MAX_QUESTION = 2000;

    private final AnswerFinder finder;
    private final SearchIndex index;
    private final BotStore store;
    private final LanguageModelStore languageModels;
    private final LanguageModel languageModel;
    private final Organizations organizations;
    private final AssistantSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    ChatbotService(SearchIndex index, BotStore store, LanguageModelStore languageModels, LanguageModel languageModel,
                   Organizations organizations, AssistantSettings settings, MessageSource messages, Clock clock) {
        this.finder = new AnswerFinder(index, settings.thresholds());
        this.index = index;
        this.store = store;
        this.languageModels = languageModels;
        this.languageModel = languageModel;
        this.organizations = organizations;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean enabled(OrganizationId organization) {
        return store.chatbotEnabled(organization).orElseGet(() -> organizations.find(organization)
                .map(o -> settings.enabledFor().contains(o.slug())).orElse(false));
    }

    @Override
    @Transactional
    public void setEnabled(OrganizationId organization, boolean enabled) {
        store.setChatbotEnabled(organization, enabled, clock.instant());
    }

    /** Counting an unanswered question joins the caller's transaction (the chat line), or makes its own. */
    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public BotReply reply(OrganizationId organization, Language language, String question, String pageUrl) {
        String text = question == null ? "" : question.strip();
        if (text.length() > MAX_QUESTION) text = text.substring(0, MAX_QUESTION);
        String page = pageUrl == null || pageUrl.isBlank() || pageUrl.length() > 2000 ? null : pageUrl.strip();
        AnswerFinder.Decision decision = finder.decide(organization, language, text, page);
        return switch (decision.kind()) {
            case ANSWER -> {
                yield answer(organization, language, text, decision.candidates().getFirst());
            }
            case CLARIFY -> {
                List<BotSource> sources = decision.candidates().stream().map(ChatbotService::source).toList();
                String asked = messages.getMessage("bot.clarify", new Object[] {sources.get(0).title(), sources.get(1).title()},
                        language.locale());
                yield new BotReply(BotReply.Kind.CLARIFY, asked, sources, BotReply.Reason.NONE);
            }
            case HANDOVER -> {
                if (decision.reason() == BotReply.Reason.NOT_CONFIDENT) {
                    // every agent reads this list and it is kept until someone marks it done: it keeps the question,
                    // not the identity codes, addresses, numbers and emails residents type into it
                    String kept = PersonalDataFilter.strip(text, language);
                    String normalized = AnswerFinder.normalize(kept);
                    if (!normalized.isEmpty()) store.unanswered(organization, language, normalized, kept, page, clock.instant());
                }
                yield new BotReply(BotReply.Kind.HANDOVER, messages.getMessage(
                        decision.reason() == BotReply.Reason.ASKED_FOR_PERSON ? "bot.handover.asked" : "bot.handover.unsure", null,
                        language.locale()), List.of(), decision.reason());
            }
        };
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<BotReply> answerFrom(OrganizationId organization, Language language, String question, String pageUrl,
                                                   String sourceId) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty() || sourceId == null) return java.util.Optional.empty();
        if (text.length() > MAX_QUESTION) text = text.substring(0, MAX_QUESTION);
        String page = pageUrl == null || pageUrl.isBlank() || pageUrl.length() > 2000 ? null : pageUrl.strip();
        String asked = text;
        return finder.candidates(organization, language, text, page).stream().filter(c -> c.hit().id().equals(sourceId)).findFirst()
                .map(c -> answer(organization, language, asked, c));
    }

    /**
     * The answer from the chosen source: phrased by the organization's language model when it has one on and the
     * phrasing is acceptable, else (and always when off) the passage quoted as it stands. The model gets the question
     * with personal data stripped and the source's own title, address and text, nothing else.
     */
    private BotReply answer(OrganizationId organization, Language language, String question, AnswerFinder.Candidate best) {
        BotSource source = source(best);
        LanguageModelSettings model = languageModels.find(organization);
        if (model.usable()) {
            String text = index.stored(organization, best.hit().id(), language).map(SearchIndex.StoredText::body)
                    .filter(b -> !b.isBlank()).orElseGet(() -> AnswerFinder.passage(best.hit()));
            String asked = PersonalDataFilter.strip(question, language);
            java.util.Optional<String> phrased = languageModel.phrase(model, language, asked,
                    List.of(new LanguageModel.Source(source.id(), source.title(), source.url(), text)));
            if (phrased.isPresent()) {
                return new BotReply(BotReply.Kind.ANSWER, phrased.get(), List.of(source), BotReply.Reason.NONE, true);
            }
        }
        return new BotReply(BotReply.Kind.ANSWER, AnswerFinder.passage(best.hit()), List.of(source), BotReply.Reason.NONE);
    }

    @Override
    public String handoverText(Language language, boolean open) {
        return messages.getMessage(open ? "bot.handover.queue" : "bot.handover.closed", null, language.locale());
    }

    private static BotSource source(AnswerFinder.Candidate c) {
        return new BotSource(c.hit().id(), c.hit().type() == DocumentType.SERVICE ? "SERVICE" : "ARTICLE", c.hit().title(), c.url());
    }
}
