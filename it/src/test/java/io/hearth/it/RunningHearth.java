package io.hearth.it;

import io.hearth.engine.EngineConfig;
import io.hearth.engine.PoolSettings;
import io.hearth.sandbox.isolation.IsolationLevel;
import io.hearth.server.HearthServer;
import io.hearth.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A real Hearth node on a free loopback port with its own data directory, and an AWS SDK v2
 * client pointed at it. Restartable on the same data directory.
 */
final class RunningHearth implements AutoCloseable {
    private final Path data;
    private final EngineConfig engineConfig;
    private HearthServer server;
    private LambdaClient lambda;

    RunningHearth(Path data) {
        this(data, 16, 32, List.of(Duration.ofMillis(200), Duration.ofMillis(200)));
    }

    /**
     * Most tests run unisolated: their functions leave side effects (files) on the host for the test
     * to count. {@link IsolatedNodeTest} runs a node with namespaces.
     */
    RunningHearth(Path data, int concurrency, int maxSandboxes, List<Duration> retryDelays) {
        this(data, concurrency, maxSandboxes, retryDelays, IsolationLevel.NONE);
    }

    /**
     * The default pool, without a Java lane kept ready: a node of most tests never runs Java, and two
     * pooled JVMs (plus the class-data archive they need) cost each node start about 1.5 s of CPU.
     */
    RunningHearth(Path data, int concurrency, int maxSandboxes, List<Duration> retryDelays, IsolationLevel isolation) {
        this(data, concurrency, maxSandboxes, retryDelays, isolation, PoolSettings.defaults().withJavaLanes(List.of()));
    }

    RunningHearth(Path data, IsolationLevel isolation, PoolSettings pools) {
        this(data, 16, 32, List.of(Duration.ofMillis(200), Duration.ofMillis(200)), isolation, pools);
    }

    RunningHearth(Path data, int concurrency, int maxSandboxes, List<Duration> retryDelays, IsolationLevel isolation,
                  PoolSettings pools) {
        this(data, concurrency, maxSandboxes, retryDelays, isolation, pools, Duration.ofMinutes(5));
    }

    RunningHearth(Path data, int concurrency, int maxSandboxes, List<Duration> retryDelays, IsolationLevel isolation,
                  PoolSettings pools, Duration keepAlive) {
        this.data = data;
        this.engineConfig = new EngineConfig(data.toAbsolutePath(), "us-east-1", "123456789012", concurrency,
                maxSandboxes, keepAlive, retryDelays, isolation, pools);
        start();
    }

    /** The node's metrics ({@code GET /hearth/v1/metrics}) as series → value. */
    java.util.Map<String, Long> metrics() {
        var out = new java.util.LinkedHashMap<String, Long>();
        var response = RawHttp.get(endpoint().resolve("/hearth/v1/metrics"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /hearth/v1/metrics answered " + response.statusCode() + " "
                    + response.headers().firstValue("x-amzn-ErrorType").orElse("") + ": " + response.body());
        }
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            try {
                out.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("unreadable metrics line <" + line + "> in:\n" + response.body(), e);
            }
        }
        return out;
    }

    void start() {
        server = HearthServer.start(new ServerConfig("127.0.0.1", 0, data, engineConfig), Clock.systemUTC());
        lambda = LambdaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("hearth", "hearth")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(90)).build())
                .build();
    }

    /** Stops the node (all sandboxes) and starts it again on the same data directory. */
    void restart() {
        stop();
        start();
    }

    void stop() {
        if (lambda != null) lambda.close();
        if (server != null) server.close();
        server = null;
    }

    URI endpoint() {
        return server.endpoint();
    }

    LambdaClient lambda() {
        return lambda;
    }

    HearthServer server() {
        return server;
    }

    @Override
    public void close() {
        stop();
    }
}
