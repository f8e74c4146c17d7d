package io.hearth.runtime.java;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Runtime API's TCP port inside an isolated sandbox, served by this process. An isolated
 * sandbox has no network path to the host: the runtime reaches the Runtime API over the Unix socket
 * {@code HEARTH_RUNTIME_SOCKET}. Handler code that follows Lambda's contract uses
 * {@code AWS_LAMBDA_RUNTIME_API} (host:port on the sandbox's own loopback) instead, so the runtime
 * listens on the address {@code HEARTH_RUNTIME_RELAY} names (that same host:port), before the
 * handler loads, and pipes every connection to the socket. Threads (daemon): one accepting
 * ({@code hearth-relay}), two per open connection; idle, they block in the kernel.
 */
final class RuntimeApiRelay {
    static final String THREAD = "hearth-relay";
    private static final int CHUNK = 64 * 1024;

    private RuntimeApiRelay() {}

    /**
     * Listens on {@code address} ({@code 127.0.0.1:9001}) and relays each connection to {@code socket}.
     *
     * @return the listening channel (closing it stops the relay)
     * @throws IllegalArgumentException for an address that is not host:port
     * @throws IOException when it cannot listen there
     */
    static ServerSocketChannel serve(String address, Path socket) throws IOException {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon <= 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HEARTH_RUNTIME_RELAY must be host:port, got '" + address + "'");
        }
        var listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            listener.bind(new InetSocketAddress(address.substring(0, colon), port), 64);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        var target = UnixDomainSocketAddress.of(socket);
        daemon(THREAD, () -> accept(listener, target));
        return listener;
    }

    private static void accept(ServerSocketChannel listener, UnixDomainSocketAddress target) {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!listener.isOpen()) return;
                pause();   // too many open files and the like: try again shortly
                continue;
            }
            try {
                daemon(THREAD + "-pipe", () -> connect(client, target));
            } catch (OutOfMemoryError e) {   // no thread to be had (pids limit): drop this connection
                closeQuietly(client);
            }
        }
    }

    private static void connect(SocketChannel client, UnixDomainSocketAddress target) {
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        var open = new AtomicInteger(2);
        try {
            daemon(THREAD + "-pipe", () -> pipe(upstream, client, open));
        } catch (OutOfMemoryError e) {
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        pipe(client, upstream, open);
    }

    /** Copies {@code from} to {@code to} until end of stream; the second direction to end closes both. */
    private static void pipe(SocketChannel from, SocketChannel to, AtomicInteger open) {
        var buffer = ByteBuffer.allocate(CHUNK);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) to.write(buffer);
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            shutdownQuietly(from);
            shutdownQuietly(to);
        }
        if (open.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shutdownQuietly(SocketChannel c) {
        try {
            c.shutdownInput();
        } catch (IOException ignored) {
            // already closed: the other direction ends on its own
        }
        try {
            c.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
