package fi.aspa.assistant;

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

/** {@link Chatbot}: the decision of {@link AnswerFinder}, the bot's sentences in the conversation's language, the count of unanswered questions. */
@Service
class ChatbotService implements Chatbot {
    static final int MAX_QUESTION = 2000;

    private final AnswerFinder finder;
    private final BotStore store;
    private final Organizations organizations;
    private final AssistantSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    ChatbotService(SearchIndex index, BotStore store, Organizations organizations, AssistantSettings settings,
                   MessageSource messages, Clock clock) {
        this.finder = new AnswerFinder(index, settings.thresholds());
        this.store = store;
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
                AnswerFinder.Candidate best = decision.candidates().getFirst();
                yield new BotReply(BotReply.Kind.ANSWER, AnswerFinder.passage(best.hit()), List.of(source(best)), BotReply.Reason.NONE);
            }
            case CLARIFY -> {
                List<BotSource> sources = decision.candidates().stream().map(ChatbotService::source).toList();
                String asked = messages.getMessage("bot.clarify", new Object[] {sources.get(0).title(), sources.get(1).title()},
                        language.locale());
                yield new BotReply(BotReply.Kind.CLARIFY, asked, sources, BotReply.Reason.NONE);
            }
            case HANDOVER -> {
                if (decision.reason() == BotReply.Reason.NOT_CONFIDENT) {
                    String normalized = AnswerFinder.normalize(text);
                    if (!normalized.isEmpty()) store.unanswered(organization, language, normalized, text, page, clock.instant());
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
        return finder.candidates(organization, language, text, page).stream().filter(c -> c.hit().id().equals(sourceId)).findFirst()
                .map(c -> new BotReply(BotReply.Kind.ANSWER, AnswerFinder.passage(c.hit()), List.of(source(c)), BotReply.Reason.NONE));
    }

    @Override
    public String handoverText(Language language, boolean open) {
        return messages.getMessage(open ? "bot.handover.queue" : "bot.handover.closed", null, language.locale());
    }

    private static BotSource source(AnswerFinder.Candidate c) {
        return new BotSource(c.hit().id(), c.hit().type() == DocumentType.SERVICE ? "SERVICE" : "ARTICLE", c.hit().title(), c.url());
    }
}
