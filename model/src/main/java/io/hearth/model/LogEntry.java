package io.hearth.model;

import java.time.Instant;

/**
 * The complete log of one invocation as Lambda shows it: START, the runtime's output, END and
 * REPORT lines, newline separated.
 */
public record LogEntry(String requestId, String functionName, String version, Instant startedAt, String text) {}
