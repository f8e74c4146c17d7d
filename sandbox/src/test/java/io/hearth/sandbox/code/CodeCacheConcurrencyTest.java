package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCacheConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path base;

    /** Enough files that an unpack takes long enough for every thread to arrive while it runs. */
    private Path bigZip() throws Exception {
        TestZip zip = new TestZip();
        for (int i = 0; i < 1_500; i++) zip.file("dir" + i % 30 + "/file" + i + ".txt", "content " + i).deflated();
        return zip.writeTo(Files.createDirectories(base.resolve("zips")));
    }

    private <T> List<Future<T>> all(java.util.concurrent.Callable<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
        }
        return results;
    }

    @Test
    void eightThreadsUnpackingOneShaGetOneTree() throws Exception {
        Path zip = bigZip();
        String sha = TestZip.sha256(zip);
        CodeCache cache = new CodeCache(base.resolve("cache"), ZipLimits.lambda());

        Set<Path> trees = new HashSet<>();
        for (Future<Path> result : all(() -> cache.unpack(sha, zip))) trees.add(result.get());

        assertThat(trees).containsExactly(base.resolve("cache").resolve(sha));
        assertThat(cache.unpacked()).isEqualTo(1);
        try (var children = Files.list(base.resolve("cache"))) {
            assertThat(children).containsExactly(base.resolve("cache").resolve(sha));
        }
        assertThat(Refused.tree(trees.iterator().next())).hasSize(1 + 30 + 1_500);
    }

    @Test
    void eightThreadsUnpackingARefusedZipAllSeeTheRefusal() throws Exception {
        TestZip zip = new TestZip();
        for (int i = 0; i < 1_000; i++) zip.file("file" + i, "x").deflated();
        zip.file("../evil", "x");
        Path file = zip.writeTo(Files.createDirectories(base.resolve("zips")));
        CodeCache cache = new CodeCache(base.resolve("cache"), ZipLimits.lambda());

        for (Future<Object> result : all(() -> {
            try {
                return cache.unpack(TestZip.sha256(file), file);
            } catch (HearthException e) {
                return e;
            }
        })) {
            assertThat(result.get()).isInstanceOfSatisfying(HearthException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                assertThat(e.getMessage()).contains("'../evil' refused");
            });
        }
        assertThat(Refused.tree(base.resolve("cache"))).containsExactly("/");
    }

    @Test
    void unpacksAndEvictsRacingLeaveEitherACompleteTreeOrNone() throws Exception {
        Path zip = bigZip();
        String sha = TestZip.sha256(zip);
        CodeCache cache = new CodeCache(base.resolve("cache"), ZipLimits.lambda());
        int[] turn = {0};

        for (Future<Object> result : all(() -> {
            boolean evicts;
            synchronized (turn) {
                evicts = turn[0]++ % 2 == 0;
            }
            for (int i = 0; i < 3; i++) {
                if (evicts) cache.evict(sha);
                else cache.unpack(sha, zip);
            }
            return null;
        })) {
            result.get();
        }

        List<String> left = Refused.tree(base.resolve("cache"));
        if (cache.contains(sha)) {
            assertThat(left).hasSize(1 + 1 + 30 + 1_500).contains(sha + "/dir29/file1499.txt");
        } else {
            assertThat(left).containsExactly("/");
        }
    }
}
