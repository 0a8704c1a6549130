package fi.aspa.assistant;

import java.util.List;
import java.util.Objects;

/**
 * What the bot says to one question.
 *
 * @param kind    answer (one source), clarify (two or more sources to choose from) or hand-over (no source)
 * @param text    for an answer, the passage quoted word for word from the source (or, when {@code generated}, the
 *                language model's phrasing of the source); otherwise the bot's own
 *                localized sentence (the question, or the hand-over)
 * @param sources where the text comes from (title and link); an answer never comes without one
 * @param reason  why a hand-over: the resident asked for a person, or the bot was not confident
 * @param generated for an answer, whether a language model phrased the text from the source (it then cites the
 *                  source as {@code [1]}, the first of {@code sources}) instead of quoting it; show it marked so
 */
public record BotReply(Kind kind, String text, List<BotSource> sources, Reason reason, boolean generated) {
    public enum Kind { ANSWER, CLARIFY, HANDOVER }

    public enum Reason { NONE, ASKED_FOR_PERSON, NOT_CONFIDENT }

    public BotReply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        sources = sources == null ? List.of() : List.copyOf(sources);
        reason = reason == null ? Reason.NONE : reason;
        if (kind == Kind.ANSWER && sources.size() != 1) throw new IllegalArgumentException("an answer has exactly one source");
        if (kind == Kind.CLARIFY && sources.size() < 2) throw new IllegalArgumentException("a question offers two sources or more");
        if (kind == Kind.HANDOVER && !sources.isEmpty()) throw new IllegalArgumentException("a hand-over quotes nothing");
        if (generated && kind != Kind.ANSWER) throw new IllegalArgumentException("only an answer is phrased by a language model");
    }

    /** A reply in the bot's own words or quoted from the source (not phrased by a language model). */
    public BotReply(Kind kind, String text, List<BotSource> sources, Reason reason) {
        this(kind, text, sources, reason, false);
    }

    public boolean handover() {
        return kind == Kind.HANDOVER;
    }
}
