package io.hearth.sandbox.code;

import io.hearth.model.HearthException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-key single flight: at most one operation runs per key at a time. A caller that finds an
 * operation of its own kind under way waits for it and shares its result (or failure); one that finds
 * another kind waits for it to end, then tries again. Waiting is a {@link CompletableFuture#join()},
 * so no lock is held while the operation does its I/O, and virtual threads are not pinned.
 */
final class Flights {
    enum Kind { UNPACK, EVICT }

    private record Flight(Kind kind, CompletableFuture<Object> done) {}

    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T run(String key, Kind kind, Supplier<T> work) {
        while (true) {
            Flight mine = new Flight(kind, new CompletableFuture<>());
            Flight other = flights.putIfAbsent(key, mine);
            if (other == null) return (T) lead(key, mine, work);
            try {
                Object result = other.done().join();
                if (other.kind() == kind) return (T) result;
            } catch (CompletionException failed) {
                if (other.kind() == kind) throw rethrown(failed.getCause());
            }
        }
    }

    private Object lead(String key, Flight mine, Supplier<?> work) {
        try {
            Object result = work.get();
            mine.done().complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.done().completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /** The leader's failure for a waiter: a refusal keeps its code and message, with the waiter's stack. */
    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof HearthException h) return new HearthException(h.code(), h.getMessage(), h.extra(), h);
        if (cause instanceof RuntimeException r) return r;
        if (cause instanceof Error e) throw e;
        return new IllegalStateException(cause);
    }
}
