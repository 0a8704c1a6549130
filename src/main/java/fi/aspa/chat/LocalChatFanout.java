package fi.aspa.chat;

import fi.aspa.platform.AfterCommit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One node only: signals go straight to this node's receivers, after the current transaction commits. */
class LocalChatFanout implements ChatFanout {
    private static final Logger log = LoggerFactory.getLogger(LocalChatFanout.class);
    private final List<Consumer<ChatSignal>> receivers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ChatSignal signal) {
        AfterCommit.run(() -> deliver(signal));
    }

    @Override
    public void subscribe(Consumer<ChatSignal> receiver) {
        receivers.add(receiver);
    }

    private void deliver(ChatSignal signal) {
        for (Consumer<ChatSignal> receiver : receivers) {
            try {
                receiver.accept(signal);
            } catch (RuntimeException e) {
                log.warn("Chat signal receiver failed", e);
            }
        }
    }
}
