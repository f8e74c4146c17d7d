package io.hearth.engine;

import io.hearth.model.LogEntry;
import java.util.List;
import java.util.Optional;

/** Reads invocation logs. */
public interface LogQuery {

    /** The newest {@code limit} invocation logs of a function, newest first. */
    List<LogEntry> recent(String functionName, int limit);

    /** One invocation's log. */
    Optional<LogEntry> byRequest(String functionName, String requestId);
}
