package fi.aspa.chat;

import java.util.function.Consumer;

/**
 * Carries {@link ChatSignal}s to every application node, this one included, so that a message reaches the agent
 * whichever node each side is connected to. A signal published inside a transaction is delivered only if, and
 * after, that transaction commits. Delivery is at most once per node; the database is the truth, and a receiver
 * that may have missed signals is told so ({@link ChatSignal.Type#RESYNC}).
 *
 * <p>Implementations: {@link PostgresChatFanout} (LISTEN/NOTIFY, the default, works across nodes) and
 * {@link LocalChatFanout} (one node only). A message broker can take their place later.
 */
interface ChatFanout {

    void publish(ChatSignal signal);

    /** Receivers are called on the fan-out's own thread: they must hand slow work to another thread. */
    void subscribe(Consumer<ChatSignal> receiver);
}
