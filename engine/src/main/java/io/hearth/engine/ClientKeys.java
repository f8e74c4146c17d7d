package io.hearth.engine;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.InvokeResult;
import io.hearth.model.Outcome;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Client idempotency keys ({@code Idempotency-Key} header, any function): within the TTL the
 * same key with the same payload gets the first request's answer (a second caller while the
 * first still runs waits for it; an Event is accepted once), the same key with another payload
 * is refused with 409. A key is kept only for a successful answer: a failure or refusal
 * releases it so the client's retry runs. Keys live in memory (lost on restart).
 */
final class ClientKeys {
    private static final int MAX_KEYS = 100_000;

    private record Entry(String payloadHash, CompletableFuture<InvokeResult> result, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Entry> keys = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    ClientKeys(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A synchronous invoke under {@code key}: runs {@code run} once per key and payload. */
    CompletableFuture<InvokeResult> invoke(String function, String key, byte[] payload,
                                           Supplier<CompletableFuture<InvokeResult>> run) {
        String id = function + '\u0000' + key;
        String hash = hash(payload);
        var mine = new Entry(hash, new CompletableFuture<>(), clock.instant().plus(ttl));
        Entry existing = claim(id, mine);
        if (existing != null) {
            if (!existing.payloadHash().equals(hash)) throw conflict(key);
            return existing.result().thenApply(r -> new InvokeResult(RequestIds.newRequestId(), r.executedVersion(),
                    r.outcome(), null, r.replayOf() != null ? r.replayOf() : r.requestId()));
        }
        CompletableFuture<InvokeResult> started;
        try {
            started = run.get();
        } catch (RuntimeException e) {
            keys.remove(id, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
        started.whenComplete((r, failure) -> {
            if (failure != null || !(r.outcome() instanceof Outcome.Success)) keys.remove(id, mine);
            if (failure != null) mine.result().completeExceptionally(failure);
            else mine.result().complete(r);
        });
        return mine.result();
    }

    /** An Event invoke under {@code key}: accepted once; a repeat returns the first request id. */
    String enqueue(String function, String key, byte[] payload, Supplier<String> enqueue) {
        String id = "event\u0000" + function + '\u0000' + key;
        String hash = hash(payload);
        var mine = new Entry(hash, new CompletableFuture<>(), clock.instant().plus(ttl));
        Entry existing = claim(id, mine);
        if (existing != null) {
            if (!existing.payloadHash().equals(hash)) throw conflict(key);
            return existing.result().join().requestId();
        }
        try {
            String requestId = enqueue.get();
            mine.result().complete(new InvokeResult(requestId, "", new Outcome.Success(new byte[0]), null));
            return requestId;
        } catch (RuntimeException e) {
            keys.remove(id, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    /** Puts {@code mine} unless a live entry holds the key; returns that entry, or null if mine was put. */
    private Entry claim(String id, Entry mine) {
        Instant now = clock.instant();
        if (keys.size() >= MAX_KEYS) expire();
        var holder = new Entry[1];
        keys.compute(id, (k, old) -> {
            if (old != null && old.expiresAt().isAfter(now)) {
                holder[0] = old;
                return old;
            }
            return mine;
        });
        return holder[0];
    }

    /** Drops expired keys. */
    void expire() {
        Instant now = clock.instant();
        keys.values().removeIf(e -> !e.expiresAt().isAfter(now) && e.result().isDone());
    }

    private static HearthException conflict(String key) {
        return new HearthException(ErrorCode.RESOURCE_CONFLICT, "Idempotency-Key '" + key
                + "' was already used with a different payload; use a new key for a different request");
    }

    private static String hash(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
