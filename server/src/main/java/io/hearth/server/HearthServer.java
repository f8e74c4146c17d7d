package io.hearth.server;

import io.hearth.api.ApiErrorHandler;
import io.hearth.api.ApiHandler;
import io.hearth.engine.Engine;
import io.hearth.store.Store;
import io.hearth.store.Stores;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One Hearth node: data directory lock → store → engine → HTTP API, started in that order and
 * stopped in reverse. {@link #start} either returns a ready node or leaves nothing running.
 */
public final class HearthServer implements AutoCloseable {
    private final ServerConfig config;
    private FileChannel lockChannel;
    private FileLock lock;
    private Store store;
    private Engine engine;
    private Server http;
    private ServerConnector connector;
    private volatile boolean ready;

    private HearthServer(ServerConfig config) {
        this.config = config;
    }

    public static HearthServer start(ServerConfig config, Clock clock) {
        var node = new HearthServer(config);
        try {
            node.doStart(clock);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void doStart(Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
            lockChannel = FileChannel.open(config.dataDir().resolve("hearth.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new IllegalStateException("cannot use data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new IllegalStateException("data directory " + config.dataDir()
                    + " is in use by another Hearth server");
        }
        store = Stores.sqlite(config.dataDir(), clock);
        engine = new Engine(config.engine(), store, "127.0.0.1", clock);
        var pool = new QueuedThreadPool(64, 4, 60_000);
        pool.setName("api");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 0).factory()));
        http = new Server(pool);
        var httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendDateHeader(true);
        httpConfig.setRequestHeaderSize(16 * 1024);
        httpConfig.setUriCompliance(ApiHandler.URI_COMPLIANCE);
        connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        connector.setIdleTimeout(120_000);
        http.addConnector(connector);
        http.setErrorHandler(new ApiErrorHandler());
        http.setHandler(new ApiHandler(engine.controlPlane(), engine.invokeService(), engine.logQuery(), engine.arns(),
                () -> ready, engine.kvAdmin(), engine.idempotencyAdmin(), engine.metrics()));
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        ready = true;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI endpoint() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return URI.create("http://" + host + ":" + port());
    }

    public Engine engine() {
        return engine;
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        ready = false;
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                System.err.println("hearth: error stopping HTTP: " + e);
            }
        }
        if (engine != null) engine.close();
        if (store != null) store.close();
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException ignored) {
            // the lock dies with the process anyway
        }
    }
}
