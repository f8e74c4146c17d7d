package io.hearth.sandbox.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.model.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One runtime under test: a code directory of handler files, a {@link FakeRuntimeApi} and the
 * real process started through {@link RuntimeLaunchers}. A test writes its handler files,
 * {@link #start}s, then {@link #invoke}s events and inspects what was posted.
 */
final class BootstrapHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeLaunchers launchers;
    private final Runtime runtime;
    final Path code;
    final FakeRuntimeApi api;
    private RuntimeProcess process;
    private int sequence;

    BootstrapHarness(RuntimeLaunchers launchers, Runtime runtime, Path root) throws IOException {
        this.launchers = launchers;
        this.runtime = runtime;
        this.code = Files.createDirectories(root.resolve("task"));
        this.api = new FakeRuntimeApi();
    }

    BootstrapHarness file(String relative, String content) throws IOException {
        Path file = code.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    BootstrapHarness start(String handler) throws IOException {
        return start(handler, Map.of());
    }

    BootstrapHarness start(String handler, Map<String, String> env) throws IOException {
        process = RuntimeProcess.start(launchers, runtime, code, handler, api, env);
        return this;
    }

    RuntimeProcess process() { return process; }

    /** Queues {@code event} and returns what the runtime posted for it. */
    FakeRuntimeApi.Post invoke(String eventJson) throws InterruptedException {
        return invoke(FakeRuntimeApi.Event.of("req-" + ++sequence, eventJson));
    }

    FakeRuntimeApi.Post invoke(FakeRuntimeApi.Event event) throws InterruptedException {
        api.enqueue(event);
        FakeRuntimeApi.Post post = api.pollPost(WAIT);
        if (post == null) {
            throw new AssertionError("no post for " + event.requestId() + "; output:\n" + process.output());
        }
        assertThat(post.requestId()).as("request id of the post").isEqualTo(event.requestId());
        return post;
    }

    /** The init error the runtime posts when loading the handler fails, then its (non-zero) exit status. */
    FakeRuntimeApi.Post initError() throws InterruptedException {
        FakeRuntimeApi.Post post = api.pollPost(WAIT);
        if (post == null) throw new AssertionError("no init error; output:\n" + process.output());
        assertThat(post.kind()).isEqualTo("init-error");
        return post;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (process != null) process.close();
        } finally {
            api.close();
        }
    }
}
