package io.hearth.runtimeapi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Runtime API endpoint sandboxes talk to, on its own port (never the control API's). Each
 * sandbox gets a {@link RuntimeSession} whose address embeds an unguessable token. Besides
 * Lambda's routes, a session serves Hearth's key-value routes ({@code /hearth/v1/kv}, see
 * {@link RuntimeRoutes}), backed by the {@link KvGateway} given at start.
 */
public final class RuntimeApiServer implements AutoCloseable {
    /** Lambda's limit for a synchronous response. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /**
     * The largest header block a runtime may send. The official Java runtime interface client
     * posts a failed invocation's stack trace, besides its body, in the header
     * {@code Lambda-Runtime-Function-XRay-Error-Cause} when that is at most 1 MiB, and exits when
     * the post is not answered 202; Jetty's default limit (8 KiB) refused a deep stack's post
     * (431) and so turned the function's error into a {@code Runtime.ExitError}. The limit only
     * bounds parsing: each connection's read buffer keeps its default size.
     */
    static final int MAX_REQUEST_HEADER_BYTES = 1024 * 1024 + 16 * 1024;

    /**
     * Jetty refuses ambiguous paths by default; here a key-value path's tail is a key, percent-
     * encoded and decoded by {@link KvRequests} from the raw path (never mapped to a file), so
     * {@code %2F}, {@code //}, {@code %2E%2E}, {@code %25}, {@code ;} and invalid UTF-8 reach the
     * handler, which answers them itself. Jetty still refuses, with its own 400, what it cannot
     * parse at all: an escape that is not two hex digits, and {@code %00}.
     */
    private static final UriCompliance KEY_PATHS = UriCompliance.DEFAULT.with("hearth-kv-keys",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS,
            UriCompliance.Violation.BAD_PERCENT_ENCODING, UriCompliance.Violation.BAD_UTF8_ENCODING,
            UriCompliance.Violation.TRUNCATED_UTF8_ENCODING, UriCompliance.Violation.UTF16_ENCODINGS);

    private final Server server;
    private final ServerConnector connector;
    private final SessionRegistry registry = new SessionRegistry();
    private final String hostPort;
    private final UnixSocketConnector unixConnector;

    private RuntimeApiServer(String bindHost, int port, KvGateway kv, Path unixSocket) throws Exception {
        var pool = new QueuedThreadPool(16, 2, 60_000);
        pool.setName("runtime-api");
        server = new Server(pool);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setUriCompliance(KEY_PATHS);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindHost);
        connector.setPort(port);
        connector.setIdleTimeout(Long.MAX_VALUE / 4);  // /next is a long poll with no client timeout
        server.addConnector(connector);
        unixConnector = unixSocket == null ? null : new UnixSocketConnector(server, unixSocket,
                new HttpConnectionFactory(http));
        if (unixConnector != null) {
            unixConnector.setIdleTimeout(Long.MAX_VALUE / 4);
            server.addConnector(unixConnector);
        }
        server.setHandler(new RuntimeApiHandler(registry, MAX_RESPONSE_BYTES, kv));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        hostPort = bindHost + ":" + connector.getLocalPort();
    }

    /**
     * Starts the endpoint on {@code bindHost:port} ({@code 0} picks a free port) without a
     * key-value store: the key-value routes answer 501.
     */
    public static RuntimeApiServer start(String bindHost, int port) {
        return start(bindHost, port, new UnconfiguredKv());
    }

    /** Starts the endpoint on {@code bindHost:port} ({@code 0} picks a free port), key-value calls served by {@code kv}. */
    public static RuntimeApiServer start(String bindHost, int port, KvGateway kv) {
        Objects.requireNonNull(kv, "kv");
        try {
            return new RuntimeApiServer(bindHost, port, kv, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Runtime API on " + bindHost + ":" + port + ": " + e, e);
        }
    }

    /**
     * Starts the endpoint on {@code bindHost:port} and also on the Unix-domain socket
     * {@code unixSocket} (created, mode {@code rw-rw-rw-}, replacing a stale file; removed at
     * close), for sandboxes that have no network path to the host. Both serve the same sessions:
     * a runtime reaches its session at the path prefix of {@link RuntimeSession#apiAddress()}
     * (everything from the first {@code /}) over either.
     *
     * @throws IllegalArgumentException when the socket path is longer than a Unix socket address holds (107 bytes)
     */
    public static RuntimeApiServer start(String bindHost, int port, KvGateway kv, Path unixSocket) {
        Objects.requireNonNull(kv, "kv");
        Objects.requireNonNull(unixSocket, "unixSocket");
        try {
            return new RuntimeApiServer(bindHost, port, kv, unixSocket);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Runtime API on " + bindHost + ":" + port + " and "
                    + unixSocket + ": " + e, e);
        }
    }

    /** Opens a fresh session for one sandbox of {@code functionName}; its key-value calls are that function's. */
    public RuntimeSession open(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return registry.open(hostPort, functionName);
    }

    /**
     * Opens a session for a generic sandbox, bound to no function yet: its runtime may poll, but
     * has no key-value access until {@link RuntimeSession#bind} names its function.
     */
    public RuntimeSession openUnbound() {
        return registry.open(hostPort, null);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** The Unix-domain socket the endpoint also listens on, when started with one. */
    public Optional<Path> unixSocket() {
        return unixConnector == null ? Optional.empty() : Optional.of(unixConnector.path());
    }

    public int openSessions() {
        return registry.size();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Runtime API: " + e, e);
        }
    }
}
