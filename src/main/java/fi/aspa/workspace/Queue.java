package fi.aspa.workspace;

import java.util.Arrays;
import java.util.Optional;

/** The queues an agent switches between; each narrows the cases before any filter does. */
enum Queue {
    MINE("mine"), UNIT("unit"), UNASSIGNED("unassigned"), ALL("all");

    final String param;

    Queue(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    static Optional<Queue> parse(String value) {
        return Arrays.stream(values()).filter(q -> q.param.equals(value)).findFirst();
    }
}
