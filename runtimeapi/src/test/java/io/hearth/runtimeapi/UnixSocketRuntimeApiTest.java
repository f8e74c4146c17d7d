package io.hearth.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Runtime;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runtime API over its Unix-domain socket, spoken byte by byte as a runtime would. */
class UnixSocketRuntimeApiTest {
    @TempDir
    Path dir;

    private static Invocation invocation(String id, String payload) {
        var config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 128, Map.of(), "");
        var version = new FunctionVersion("fn", "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
        return new Invocation(id, version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                payload.getBytes(StandardCharsets.UTF_8), 1234567L, null, null, null);
    }

    private static String prefix(RuntimeSession s) {
        String address = s.apiAddress();
        return address.substring(address.indexOf('/'));
    }

    /** One HTTP/1.1 exchange on {@code channel}; returns the whole answer (head and body). */
    private static String exchange(SocketChannel channel, String request) throws IOException {
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
        var answer = new StringBuilder();
        var buf = ByteBuffer.allocate(8192);
        while (true) {
            int n = channel.read(buf);
            if (n < 0) break;
            answer.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            buf.clear();
            int head = answer.indexOf("\r\n\r\n");
            if (head < 0) continue;
            var lengthLine = answer.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .findFirst();
            int length = lengthLine.map(l -> Integer.parseInt(l.substring(15).trim())).orElse(0);
            if (answer.length() >= head + 4 + length) break;
        }
        return answer.toString();
    }

    private static SocketChannel connect(Path socket) throws IOException {
        var channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    @Test
    void aRuntimeTakesAndAnswersItsInvocationOverTheSocketOnOneKeepAliveConnection() throws Exception {
        Path socket = dir.resolve("run/runtime.sock");
        try (var server = RuntimeApiServer.start("127.0.0.1", 0, new UnconfiguredKv(), socket);
             var channel = connect(socket)) {
            assertThat(server.unixSocket()).hasValue(socket.toAbsolutePath());
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw-rw-"));
            var session = server.open("fn");
            var reply = session.deliver(invocation("req-1", "{\"a\":1}"));

            String next = exchange(channel, "GET " + prefix(session) + "/2018-06-01/runtime/invocation/next HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:9001\r\n\r\n");
            assertThat(next).startsWith("HTTP/1.1 200").contains("Lambda-Runtime-Aws-Request-Id: req-1")
                    .endsWith("{\"a\":1}");

            String posted = exchange(channel, "POST " + prefix(session) + "/2018-06-01/runtime/invocation/req-1/response"
                    + " HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nContent-Length: 4\r\n\r\n\"ok\"");
            assertThat(posted).startsWith("HTTP/1.1 202");
            var answer = (RuntimeReply.Response) reply.get(5, TimeUnit.SECONDS);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("\"ok\"");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void anUnknownTokenIsRefusedOnTheSocketAsOnThePort() throws Exception {
        Path socket = dir.resolve("runtime.sock");
        try (var server = RuntimeApiServer.start("127.0.0.1", 0, new UnconfiguredKv(), socket);
             var channel = connect(socket)) {
            server.open("fn");
            String answer = exchange(channel, "GET /s/AAAAAAAAAAAAAAAAAAAAAA/2018-06-01/runtime/invocation/next HTTP/1.1\r\n"
                    + "Host: x\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 404").contains("unknown runtime session");
        }
    }

    @Test
    void aStaleSocketFileLeftByACrashedRunIsReplaced() throws Exception {
        Path socket = dir.resolve("runtime.sock");
        Files.writeString(socket, "stale");
        try (var server = RuntimeApiServer.start("127.0.0.1", 0, new UnconfiguredKv(), socket);
             var channel = connect(socket)) {
            assertThat(channel.isConnected()).isTrue();
        }
    }

    @Test
    void aSocketPathLongerThanAUnixAddressHoldsIsRefusedAtStart() {
        Path socket = dir.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> RuntimeApiServer.start("127.0.0.1", 0, new UnconfiguredKv(), socket))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 107 bytes");
    }

    @Test
    void theTcpPortKeepsWorkingBesideTheSocket() throws Exception {
        Path socket = dir.resolve("runtime.sock");
        try (var server = RuntimeApiServer.start("127.0.0.1", 0, new UnconfiguredKv(), socket);
             var channel = SocketChannel.open(server.address())) {
            var session = server.open("fn");
            session.deliver(invocation("req-2", "{}"));
            String next = exchange(channel, "GET " + prefix(session) + "/2018-06-01/runtime/invocation/next HTTP/1.1\r\n"
                    + "Host: x\r\n\r\n");
            assertThat(next).startsWith("HTTP/1.1 200").contains("Lambda-Runtime-Aws-Request-Id: req-2");
        }
    }
}
