package fi.aspa.chat;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aspa.chat.*}: limits and defaults of the chat channel.
 *
 * @param maxConcurrentPerAgent chats one agent may hold at once unless the agent has an own limit
 * @param maxMessageChars the longest line a resident or an agent may send
 * @param maxFrameBytes the largest WebSocket frame read as a command (larger ones get an error frame)
 * @param defaultHours weekly opening hours of organizations that have none of their own, Helsinki time
 * @param presenceTimeout how long an agent counts as present after the console was last seen
 * @param fanout {@code postgres} (LISTEN/NOTIFY, several nodes) or {@code local} (one node)
 * @param allowedOrigins the origins of the pages that may embed the widget ({@code *}: any)
 * @param longPoll how long a long-polling request waits for something to happen
 * @param waitWindow how far back accepted chats count for the expected wait
 * @param rateLimit how much one client address or one chat may ask of the public side ({@link RateLimit})
 */
@ConfigurationProperties("aspa.chat")
record ChatSettings(@DefaultValue("3") int maxConcurrentPerAgent,
                    @DefaultValue("4000") int maxMessageChars,
                    @DefaultValue("16384") int maxFrameBytes,
                    @DefaultValue("MON-FRI 08:00-16:00") String defaultHours,
                    @DefaultValue("90s") Duration presenceTimeout,
                    @DefaultValue("postgres") String fanout,
                    @DefaultValue("*") List<String> allowedOrigins,
                    @DefaultValue("25s") Duration longPoll,
                    @DefaultValue("2h") Duration waitWindow,
                    @DefaultValue RateLimit rateLimit) {

    /**
     * {@code aspa.chat.rate-limit.*}: the public side's allowances, counted in this node's memory by
     * {@code PublicRateLimits} (n nodes allow n times as much), refilled gradually; over one the answer is 429 with
     * {@code Retry-After}. The client address is the container's ({@code server.forward-headers-strategy} behind a
     * proxy), as for the contact form. A left message (the widget's contact form) counts as a contact-form post
     * ({@code aspa.webform.rate-limit}: 5 per 10 minutes).
     *
     * @param sessions chats one client address may start per {@code sessionsPeriod}: 10 per 10 minutes. A chat
     *        becomes a customer and a case with its first line, so this is the budget for creating them. A resident
     *        starts one chat, perhaps a second after ending the first; ten leaves room for a household or a small
     *        office behind one address, and holds a script to one new chat a minute.
     * @param lines lines a resident may write in one chat per {@code linesPeriod}: 30 a minute. A quick typist sends
     *        a short line every few seconds (10–15 a minute); 30 is twice that and lets a few lines pasted at once
     *        through. Per chat, so people chatting behind one address do not share it; lines resent after a
     *        reconnect (the same client id) are not counted.
     * @param botLines lines the chatbot answers for one client address per {@code botLinesPeriod}: 30 per 10
     *        minutes, as for the help pages' assistant ({@code aspa.help.assistant.rate-limit}): each answer is a
     *        search and possibly a call to the organization's language model, which costs the organization money.
     *        A bot conversation is a few questions before an answer or a hand-over.
     * @param signals "typing" and "read" signals one chat may send per {@code signalsPeriod}, over HTTP and the socket
     *        together: 120 a minute. Nothing is stored, but each goes to every node and to the agents following the
     *        chat. The widget sends "typing" at most every 3 seconds (20 a minute) and "read" once per line it has
     *        shown, so a resident stays well under it while a script is held to two a second.
     */
    record RateLimit(@DefaultValue("10") int sessions,
                     @DefaultValue("10m") Duration sessionsPeriod,
                     @DefaultValue("30") int lines,
                     @DefaultValue("1m") Duration linesPeriod,
                     @DefaultValue("30") int botLines,
                     @DefaultValue("10m") Duration botLinesPeriod,
                     @DefaultValue("120") int signals,
                     @DefaultValue("1m") Duration signalsPeriod) {
        RateLimit {
            if (sessions < 1 || lines < 1 || botLines < 1 || signals < 1 || !positive(sessionsPeriod) || !positive(linesPeriod)
                    || !positive(botLinesPeriod) || !positive(signalsPeriod)) {
                throw new IllegalArgumentException("aspa.chat.rate-limit needs positive limits and periods");
            }
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }
    }
}
