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
                    @DefaultValue("2h") Duration waitWindow) {}
