package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.Arns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one-line harness: a real Jetty server on a free port running {@link ApiHandler} over the
 * in-memory fakes (virtual threads and {@link ApiHandler#URI_COMPLIANCE}, as the server module runs
 * it), and an HTTP client to drive it.
 * Time is fixed at {@link #NOW}.
 */
final class TestApi implements AutoCloseable {
    static final Arns ARNS = new Arns("us-east-1", "123456789012");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeControlPlane control = new FakeControlPlane(ARNS, Clock.fixed(NOW, ZoneOffset.UTC));
    final FakeInvokeService invoke = new FakeInvokeService(control);
    final FakeLogQuery logs = new FakeLogQuery();
    final FakeKvAdmin kv = new FakeKvAdmin(Clock.fixed(NOW, ZoneOffset.UTC));
    final FakeIdempotencyAdmin idempotency = new FakeIdempotencyAdmin(control);
    final AtomicBoolean ready = new AtomicBoolean(true);
    final URI base;
    private final Server server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestApi(UnaryOperator<Handler> wrap, boolean virtualThreads) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("api-test");
        if (virtualThreads) pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setUriCompliance(ApiHandler.URI_COMPLIANCE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setErrorHandler(new ApiErrorHandler());
        server.setHandler(wrap.apply(new ApiHandler(control, invoke, logs, ARNS, ready::get, kv, idempotency,
                () -> java.util.Map.of("hearth_invocations_total", 3L, "hearth_sandboxes_live", 1L))));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    static TestApi start() {
        return start(h -> h, true);
    }

    /** Starts with {@code wrap} around the ApiHandler, on virtual or platform threads. */
    static TestApi start(UnaryOperator<Handler> wrap, boolean virtualThreads) {
        try {
            return new TestApi(wrap, virtualThreads);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the API server", e);
        }
    }

    void reset() {
        control.reset();
        invoke.reset();
        logs.reset();
        kv.reset();
        idempotency.reset();
        ready.set(true);
    }

    /** An HTTP answer as received. */
    record Reply(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Optional<String> optionalHeader(String name) {
            return headers.firstValue(name);
        }
    }

    /**
     * Asserts a Lambda-style error: status, {@code x-amzn-ErrorType}, a request id, and a body
     * whose {@code message} and {@code Message} both contain {@code messagePart}.
     */
    static void assertError(Reply r, int status, String type, String messagePart) {
        assertThat(r.status()).as("status of %s", r.text()).isEqualTo(status);
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo(type);
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        JsonNode body = r.json();
        assertThat(body.get("Type").textValue()).isEqualTo(status >= 500 ? "Service" : "User");
        assertThat(body.get("message").textValue()).contains(messagePart);
        assertThat(body.get("Message").textValue()).isEqualTo(body.get("message").textValue());
    }

    Reply send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (headers.length > 0) b.headers(headers);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply send(String method, String path, String body, String... headers) {
        return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    Reply get(String path) {
        return send("GET", path, (String) null);
    }

    Reply delete(String path) {
        return send("DELETE", path, (String) null);
    }

    Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body);
    }

    /** A CreateFunction request body for a python function with the given handler and a real zip. */
    static ObjectNode createBody(String name, String handler) {
        ObjectNode body = JSON.createObjectNode();
        body.put("FunctionName", name);
        body.put("Runtime", "python3.12");
        body.put("Role", "arn:aws:iam::123456789012:role/lambda");
        body.put("Handler", handler);
        body.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(zip("index.py", "def handler(e, c):\n    return e\n")));
        return body;
    }

    Reply create(String name) {
        return post("/2015-03-31/functions", createBody(name, "index.handler").toString());
    }

    Reply create(ObjectNode body) {
        return post("/2015-03-31/functions", body.toString());
    }

    /** A real zip with one file. */
    static byte[] zip(String file, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(file));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the API server", e);
        } finally {
            http.close();
        }
    }

    /** An unchanged AWS SDK v2 Lambda client against this API, without retries (close it). */
    LambdaClient sdkClient() {
        return LambdaClient.builder()
                .endpointOverride(base)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
