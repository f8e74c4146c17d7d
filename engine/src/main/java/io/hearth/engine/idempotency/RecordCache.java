package io.hearth.engine.idempotency;

import io.hearth.model.IdempotencyRecord;
import io.hearth.store.IdempotencyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency records in memory, backed by the store. The first lookup of a function loads its
 * records (at most {@code maxPerFunction}, newest first) from the store; from then on memory is
 * authoritative for that function, because every write on this node goes through here: a miss
 * costs no database read. Writes go to memory at once and to the store on one background thread,
 * in order. Each function keeps at most {@code maxPerFunction} records: the oldest are evicted in
 * memory at once and in the store every few hundred writes (between two trims the store may hold
 * a few hundred more; memory is what answers).
 */
final class RecordCache implements AutoCloseable {
    private final IdempotencyStore store;
    private final int maxPerFunction;
    private static final int TRIM_EVERY = 256;
    private final ConcurrentHashMap<String, Map<String, IdempotencyRecord>> byFunction = new ConcurrentHashMap<>();
    /** Writer thread only. */
    private final Map<String, Integer> writesSinceTrim = new java.util.HashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "idempotency-writer");
        t.setDaemon(true);
        return t;
    });

    RecordCache(IdempotencyStore store, int maxPerFunction) {
        this.store = store;
        this.maxPerFunction = maxPerFunction;
    }

    Optional<IdempotencyRecord> get(String functionName, String recordKey) {
        Map<String, IdempotencyRecord> records = records(functionName);
        synchronized (records) {
            return Optional.ofNullable(records.get(recordKey));
        }
    }

    void put(IdempotencyRecord r) {
        Map<String, IdempotencyRecord> records = records(r.functionName());
        synchronized (records) {
            records.remove(r.recordKey());
            records.put(r.recordKey(), r);
        }
        writer.execute(() -> {
            try {
                store.put(r);
                // trimming scans the function's records: do it once per TRIM_EVERY writes, not each time
                if (writesSinceTrim.merge(r.functionName(), 1, Integer::sum) >= TRIM_EVERY) {
                    writesSinceTrim.remove(r.functionName());
                    store.trim(r.functionName(), maxPerFunction);
                }
            } catch (RuntimeException e) {
                System.err.println("hearth: cannot store idempotency record of " + r.functionName() + ": " + e);
            }
        });
    }

    /** Forgets a record that proved stale (expired): the next run replaces it. */
    void forget(String functionName, String recordKey) {
        Map<String, IdempotencyRecord> records = records(functionName);
        synchronized (records) {
            records.remove(recordKey);
        }
    }

    int purge(String functionName) {
        flush();
        int purged = store.purge(functionName);
        byFunction.remove(functionName);
        return purged;
    }

    /** Waits until every write submitted so far reached the store. */
    void flush() {
        try {
            writer.submit(() -> {}).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("idempotency writer did not drain: " + e, e);
        }
    }

    /** The function's records, loaded from the store on first use (oldest first, so eviction order holds). */
    private Map<String, IdempotencyRecord> records(String functionName) {
        Map<String, IdempotencyRecord> loaded = byFunction.get(functionName);
        if (loaded != null) return loaded;
        return byFunction.computeIfAbsent(functionName, f -> {
            Map<String, IdempotencyRecord> m = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, IdempotencyRecord> eldest) {
                    return size() > maxPerFunction;
                }
            };
            java.util.List<IdempotencyRecord> stored = store.list(f, maxPerFunction);
            for (int i = stored.size() - 1; i >= 0; i--) m.put(stored.get(i).recordKey(), stored.get(i));
            return m;
        });
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
                System.err.println("hearth: idempotency writer did not drain in 60 s; records not yet stored are lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
