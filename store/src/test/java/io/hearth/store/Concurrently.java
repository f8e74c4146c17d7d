package io.hearth.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs work on several threads released at the same moment, and rethrows the first failure. */
final class Concurrently {

    /** One thread's share of the work, given the thread's number (0 .. threads - 1). */
    @FunctionalInterface
    interface Work {
        void run(int thread) throws Exception;
    }

    private Concurrently() {}

    /** Starts {@code threads} threads together and waits (at most a minute) until all are done. */
    static void run(int threads, Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
