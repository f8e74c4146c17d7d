package io.hearth.server;

import io.hearth.engine.EngineConfig;
import io.hearth.engine.PoolSettings;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth server}: runs a node until SIGTERM/SIGINT, then stops every part and sandbox. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a Hearth node (Lambda API, runtime API, sandboxes, store).")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:HEARTH_PORT:-4327}",
            description = "HTTP port of the Lambda and Hearth APIs; 0 picks a free port (env HEARTH_PORT, default 4327).")
    int port;

    @Option(names = "--bind", defaultValue = "${env:HEARTH_BIND:-127.0.0.1}",
            description = "Address to listen on (env HEARTH_BIND, default 127.0.0.1).")
    String bind;

    @Option(names = "--data", defaultValue = "${env:HEARTH_DATA:-.hearth}",
            description = "Data directory: database, code, sandbox files (env HEARTH_DATA, default ./.hearth).")
    Path data;

    @Option(names = "--region", defaultValue = "${env:HEARTH_REGION:-us-east-1}",
            description = "Region in ARNs and AWS_REGION (env HEARTH_REGION, default us-east-1).")
    String region;

    @Option(names = "--account", defaultValue = "${env:HEARTH_ACCOUNT:-000000000000}",
            description = "12-digit account id in ARNs (env HEARTH_ACCOUNT, default 000000000000).")
    String account;

    @Option(names = "--concurrency", defaultValue = "${env:HEARTH_CONCURRENCY:-64}",
            description = "Invocations running at once on this node; more → 429 (env HEARTH_CONCURRENCY, default 64).")
    int concurrency;

    @Option(names = "--max-sandboxes", defaultValue = "${env:HEARTH_MAX_SANDBOXES:-128}",
            description = "Live sandboxes, busy or idle, on this node (env HEARTH_MAX_SANDBOXES, default 128).")
    int maxSandboxes;

    @Option(names = "--keep-alive", defaultValue = "${env:HEARTH_KEEP_ALIVE:-10m}",
            description = "How long an idle sandbox stays warm (env HEARTH_KEEP_ALIVE, default 10m).")
    String keepAlive;

    @Option(names = "--event-retry-delays", defaultValue = "${env:HEARTH_EVENT_RETRY_DELAYS:-1m,2m}",
            description = "Waits before retrying a failed Event invoke, at most 2 (env HEARTH_EVENT_RETRY_DELAYS, "
                    + "default 1m,2m).")
    String eventRetryDelays;

    @Option(names = "--isolation", defaultValue = "${env:HEARTH_ISOLATION:-auto}",
            description = "Sandbox isolation: none, namespaces (bubblewrap + cgroups + seccomp) or auto = the strongest "
                    + "this host supports (env HEARTH_ISOLATION, default auto).")
    String isolation;

    @Option(names = "--warm-pool-min", defaultValue = "${env:HEARTH_WARM_POOL_MIN:-2}",
            description = "Generic sandboxes (runtime up, no function) kept ready per runtime family, python and node, "
                    + "and per --warm-pool-java-memory size for java, for first invokes to bind "
                    + "(env HEARTH_WARM_POOL_MIN, default 2).")
    int warmPoolMin;

    @Option(names = "--warm-pool-max", defaultValue = "${env:HEARTH_WARM_POOL_MAX:-16}",
            description = "At most this many per family; the pool grows toward it with the rate of cold starts; "
                    + "0 disables the pool (env HEARTH_WARM_POOL_MAX, default 16).")
    int warmPoolMax;

    @Option(names = "--warm-pool-java-memory", defaultValue = "${env:HEARTH_WARM_POOL_JAVA_MEMORY:-512}",
            description = "Memory sizes (MB, comma-separated) whose generic JVMs the pool keeps at --warm-pool-min; "
                    + "a JVM's heap is fixed at start, so Java is pooled per size and other sizes only on demand; "
                    + "empty = none kept (env HEARTH_WARM_POOL_JAVA_MEMORY, default 512).")
    String warmPoolJavaMemory;

    @Option(names = "--keep-alive-min", defaultValue = "${env:HEARTH_KEEP_ALIVE_MIN:-}",
            description = "Shortest adaptive keep-alive: what a rarely called function's idle sandbox gets "
                    + "(env HEARTH_KEEP_ALIVE_MIN, default 1m or --keep-alive if shorter).")
    String keepAliveMin;

    @Option(names = "--keep-alive-max", defaultValue = "${env:HEARTH_KEEP_ALIVE_MAX:-}",
            description = "Longest adaptive keep-alive, however regular the calls (env HEARTH_KEEP_ALIVE_MAX, "
                    + "default 15m or --keep-alive if longer).")
    String keepAliveMax;

    @Option(names = "--prewarm", defaultValue = "${env:HEARTH_PREWARM:-on}",
            description = "on|off: start a sandbox for a periodic function shortly before its next expected call "
                    + "(env HEARTH_PREWARM, default on).")
    String prewarm;

    @Option(names = "--prewarm-max", defaultValue = "${env:HEARTH_PREWARM_MAX:-16}",
            description = "Pre-warmed sandboxes waiting for their call at once on the node (env HEARTH_PREWARM_MAX, "
                    + "default 16).")
    int prewarmMax;

    ServerConfig config() {
        Path dir = data.toAbsolutePath().normalize();
        var engine = new EngineConfig(dir, region, account, concurrency, maxSandboxes,
                ServerConfig.duration("--keep-alive", keepAlive),
                ServerConfig.durations("--event-retry-delays", eventRetryDelays),
                IsolationLevel.parse(isolation), new PoolSettings(warmPoolMin, warmPoolMax,
                        optionalDuration("--keep-alive-min", keepAliveMin),
                        optionalDuration("--keep-alive-max", keepAliveMax), onOff("--prewarm", prewarm), prewarmMax,
                        memorySizes("--warm-pool-java-memory", warmPoolJavaMemory)));
        return new ServerConfig(bind, port, dir, engine);
    }

    private static java.time.Duration optionalDuration(String key, String value) {
        return value == null || value.isBlank() ? null : ServerConfig.duration(key, value);
    }

    private static List<Integer> memorySizes(String key, String value) {
        var sizes = new ArrayList<Integer>();
        for (String part : value.split(",", -1)) {
            if (part.isBlank() && value.isBlank()) break;
            try {
                sizes.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be memory sizes in MB separated by commas, got '"
                        + value + "'");
            }
        }
        return sizes;
    }

    private static boolean onOff(String key, String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be on or off, got '" + value + "'");
        };
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("hearth: invalid configuration: " + e.getMessage());
            return 2;
        }
        Quiet.libraryLogging();
        HearthServer node;
        try {
            node = HearthServer.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("hearth: cannot start: " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            System.out.println("Hearth stopped");
            System.out.flush();
            stopped.countDown();
        }, "shutdown"));
        if (node.engine().leftoversKilled() > 0) {
            System.out.println("Cleaned up " + node.engine().leftoversKilled() + " sandbox process(es) left by a previous run");
        }
        System.out.println("Isolation: " + node.engine().isolationDescription());
        if (!node.engine().isolated()) {
            System.out.println("WARNING: sandboxes are not isolated: functions run as ordinary processes of this user "
                    + "and can read what it can read and reach what it can reach");
        }
        System.out.println("Hearth listening on " + node.endpoint() + " (data " + config.dataDir() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
