package io.hearth.runtimeapi;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A Jetty connector listening on a Unix-domain socket, so that sandboxes without any network
 * path to the host (their own network namespace) still reach the Runtime API through a socket
 * file bind-mounted into them. Accepting is non-blocking, on the connector's single selector (no
 * acceptor thread); connections are ordinary {@link SocketChannelEndPoint}s, so the same HTTP
 * handler serves them as the TCP connector's.
 *
 * <p>The socket file is made {@code rw} for everyone: sandboxes run as an unprivileged uid, and
 * the session token in every path, not the file's mode, is what authorises a caller (as on the
 * TCP port, which any local user can reach). A stale file left by a crashed run is replaced; the
 * file is removed at stop.
 */
final class UnixSocketConnector extends AbstractConnector {
    /** Longest path a Unix socket address holds on Linux ({@code sun_path} minus its NUL). */
    static final int MAX_PATH_BYTES = 107;

    private final Path path;
    private final SelectorManager selectors;
    private volatile ServerSocketChannel channel;
    private volatile Closeable acceptor;

    UnixSocketConnector(Server server, Path path, ConnectionFactory factory) {
        super(server, null, null, null, 0, factory);
        this.path = path.toAbsolutePath();
        if (this.path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the Runtime API socket path is longer than " + MAX_PATH_BYTES
                    + " bytes: " + this.path);
        }
        selectors = new Selectors(getExecutor(), getScheduler());
        addBean(selectors, true);
    }

    Path path() {
        return path;
    }

    @Override
    protected void doStart() throws Exception {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 128);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            server.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        channel = server;
        super.doStart();
        acceptor = selectors.acceptor(server);
    }

    @Override
    protected void doStop() throws Exception {
        Closeable a = acceptor;
        if (a != null) a.close();
        ServerSocketChannel c = channel;
        if (c != null) c.close();
        super.doStop();
        Files.deleteIfExists(path);
    }

    /** Never called: the connector has no acceptor threads, its selector accepts. */
    @Override
    protected void accept(int acceptorId) {
        throw new UnsupportedOperationException("the Unix socket connector accepts on its selector");
    }

    @Override
    public Object getTransport() {
        return channel;
    }

    private final class Selectors extends SelectorManager {
        Selectors(Executor executor, Scheduler scheduler) {
            super(executor, scheduler, 1);
        }

        @Override
        protected void accepted(SelectableChannel accepted) throws IOException {
            accepted.configureBlocking(false);
            accept(accepted);
        }

        @Override
        protected EndPoint newEndPoint(SelectableChannel accepted, ManagedSelector selector, SelectionKey key) {
            var endPoint = new SocketChannelEndPoint((SocketChannel) accepted, selector, key, getScheduler());
            endPoint.setIdleTimeout(getIdleTimeout());
            return endPoint;
        }

        @Override
        public Connection newConnection(SelectableChannel accepted, EndPoint endPoint, Object attachment) {
            return getDefaultConnectionFactory().newConnection(UnixSocketConnector.this, endPoint);
        }

        @Override
        protected void endPointOpened(EndPoint endPoint) {
            super.endPointOpened(endPoint);
            onEndPointOpened(endPoint);
        }

        @Override
        protected void endPointClosed(EndPoint endPoint) {
            onEndPointClosed(endPoint);
            super.endPointClosed(endPoint);
        }
    }
}
