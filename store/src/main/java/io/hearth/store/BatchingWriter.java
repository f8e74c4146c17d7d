package io.hearth.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Writes items off the caller's thread, in batches: the mechanism of {@link AsyncLogWriter} and
 * {@link AsyncDecisionWriter}, which only check what they are given and say where batches go. Offering an
 * item never blocks: when the bounded queue is full the item is dropped and counted ({@link #droppedCount}).
 * One daemon platform thread drains the queue and hands the sink batches of up to {@code maxBatch} items,
 * waiting at most {@code linger} after the first item of a batch for more. A failed batch is reported on
 * stderr ({@code "<thread>: lost N <items>: <error>"}) and lost; the writer keeps going.
 *
 * <p>{@link #flush} puts a marker behind everything already queued and waits until the writer reaches it.
 * {@link #close} flushes and stops the thread; items offered after close are dropped and counted.
 */
abstract sealed class BatchingWriter<T> implements AutoCloseable permits AsyncLogWriter, AsyncDecisionWriter {
    static final int DEFAULT_CAPACITY = 100_000;
    static final int DEFAULT_BATCH = 256;
    static final Duration DEFAULT_LINGER = Duration.ofMillis(50);

    private sealed interface Item<T> permits Write, Marker {}

    private record Write<T>(T value) implements Item<T> {}

    /** Counted down once every item queued before it has been written; {@code last} stops the writer. */
    private record Marker<T>(CountDownLatch reached, boolean last) implements Item<T> {}

    private final String threadName;
    private final String itemsName;
    private final Consumer<List<T>> sink;
    private final BlockingQueue<Item<T>> queue;
    private final int maxBatch;
    private final long lingerNanos;
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;

    /** Starts the writer thread {@code threadName}; {@code itemsName} ("log entries") names items in reports. */
    BatchingWriter(String threadName, String itemsName, Consumer<List<T>> sink, int capacity, int maxBatch,
                   Duration linger) {
        this.threadName = threadName;
        this.itemsName = itemsName;
        this.sink = Objects.requireNonNull(sink, "sink");
        if (capacity < 1 || maxBatch < 1) throw new IllegalArgumentException("capacity and batch must be >= 1");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
    }

    /** Queues the item for writing; never blocks. */
    final void offer(T item) {
        if (closed.get() || !queue.offer(new Write<>(item))) dropped.increment();
    }

    /** Blocks until every item submitted before this call has been written (or its write failed). */
    public void flush() {
        awaitMarker(false);
    }

    /** Items dropped because the queue was full or the writer closed. */
    public long droppedCount() {
        return dropped.sum();
    }

    /** Writes everything submitted so far, then stops the writer thread; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) awaitMarker(true);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Queues a marker behind everything queued and waits until the writer reaches it or is gone. An
     * interrupt does not cut the wait short (the writer's progress is bounded by the store's timeouts);
     * it is restored on return.
     */
    private void awaitMarker(boolean last) {
        CountDownLatch reached = new CountDownLatch(1);
        Marker<T> marker = new Marker<>(reached, last);
        boolean queued = false;
        boolean interrupted = false;
        while (reached.getCount() > 0 && thread.isAlive()) {
            try {
                if (queued) {
                    reached.await(10, TimeUnit.MILLISECONDS);
                } else {
                    queued = queue.offer(marker, 10, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        try {
            boolean running = true;
            while (running) {
                Item<T> item = queue.take();
                long deadline = System.nanoTime() + lingerNanos;
                while (item instanceof Write<T>(T value)) {
                    batch.add(value);
                    if (batch.size() >= maxBatch) {
                        item = null;
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                }
                write(batch);
                batch.clear();
                if (item instanceof Marker<T>(CountDownLatch reached, boolean last)) {
                    reached.countDown();
                    running = !last;
                }
            }
        } catch (InterruptedException e) {
            write(batch);
        } finally {
            releaseLeftovers();
        }
    }

    private void write(List<T> batch) {
        if (batch.isEmpty()) return;
        try {
            sink.accept(List.copyOf(batch));
        } catch (RuntimeException e) {
            System.err.println(threadName + ": lost " + batch.size() + " " + itemsName + ": " + e);
        }
    }

    /** After the writer stops: nothing more is written, so count what is left as dropped and free waiters. */
    private void releaseLeftovers() {
        Item<T> item;
        while ((item = queue.poll()) != null) {
            switch (item) {
                case Write<T> w -> dropped.increment();
                case Marker<T> m -> m.reached().countDown();
            }
        }
    }
}
