package io.hearth.runtime.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw HTTP/1.1 client against scripted servers over TCP and a Unix-domain socket. */
class HttpChannelTest {

    /** A scripted server: each request head maps to raw response bytes; "CLOSE" after them closes. */
    private static final class Scripted implements AutoCloseable {
        final ServerSocketChannel server;
        final AtomicInteger accepted = new AtomicInteger();
        final List<String> heads = new CopyOnWriteArrayList<>();
        final Thread thread;

        Scripted(ServerSocketChannel server, Function<String, String> script) {
            this.server = server;
            thread = new Thread(() -> {
                try {
                    while (true) {
                        SocketChannel c = server.accept();
                        accepted.incrementAndGet();
                        serve(c, script);
                    }
                } catch (IOException ignored) {
                    // server closed
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(SocketChannel c, Function<String, String> script) {
            try (c) {
                InputStream in = Channels.newInputStream(c);
                OutputStream out = Channels.newOutputStream(c);
                while (true) {
                    String head = head(in);
                    if (head == null) return;
                    heads.add(head);
                    int cl = head.toLowerCase().contains("content-length:")
                            ? Integer.parseInt(head.toLowerCase().split("content-length:")[1].split("\r\n")[0].trim()) : 0;
                    in.readNBytes(cl);
                    String reply = script.apply(head);
                    boolean close = reply.endsWith("CLOSE");
                    out.write(reply.replace("CLOSE", "").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (close) return;
                }
            } catch (IOException ignored) {
                // client went away
            }
        }

        private static String head(InputStream in) throws IOException {
            var sb = new StringBuilder();
            while (!sb.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) return null;
                sb.append((char) b);
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static Scripted tcp(Function<String, String> script) throws IOException {
        var s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new Scripted(s, script);
    }

    private static RuntimeApiAddress address(Scripted s) throws IOException {
        return RuntimeApiAddress.parse("127.0.0.1:" + ((InetSocketAddress) s.server.getLocalAddress()).getPort() + "/s/x", null);
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void keepsOneConnectionAcrossExchangesAndSendsPrefixHostAndLength() throws Exception {
        try (var s = tcp(head -> ok("{}")); var http = new HttpChannel(address(s))) {
            var addr = address(s);
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            assertThat(http.exchange("GET", addr.path("/runtime/invocation/next"), "", null, 0).status()).isEqualTo(200);
            var r = http.exchange("POST", addr.path("/runtime/invocation/1/response"), "X-Extra: y\r\n", body, body.length);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
            assertThat(s.accepted.get()).isEqualTo(1);
            assertThat(s.heads.get(0)).startsWith("GET /s/x/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: 127.0.0.1:");
            assertThat(s.heads.get(1)).startsWith("POST /s/x/2018-06-01/runtime/invocation/1/response HTTP/1.1\r\n")
                    .contains("Content-Length: 7\r\n", "X-Extra: y\r\n");
        }
    }

    @Test
    void readsChunkedAndCloseDelimitedBodiesAndInterimResponses() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (var s = tcp(head -> switch (n.getAndIncrement()) {
                case 0 -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nLambda-Runtime-Aws-Request-Id: r1\r\n\r\n"
                        + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n";
                default -> "HTTP/1.1 200 OK\r\n\r\nuntil closeCLOSE";
            }); var http = new HttpChannel(address(s))) {
            var r = http.exchange("GET", "/a", "", null, 0);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("abcdefg");
            assertThat(r.header("LAMBDA-RUNTIME-AWS-REQUEST-ID")).isEqualTo("r1");
            assertThat(new String(http.exchange("GET", "/b", "", null, 0).body(), StandardCharsets.UTF_8)).isEqualTo("until close");
            assertThat(http.exchange("GET", "/c", "", null, 0).status()).isEqualTo(200);
            assertThat(s.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aRequestOnAConnectionThePeerClosedWhileIdleIsSentAgainOnANewOne() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (var s = tcp(head -> n.getAndIncrement() == 0 ? ok("first") + "CLOSE" : ok("second"));
             var http = new HttpChannel(address(s))) {
            assertThat(new String(http.exchange("GET", "/a", "", null, 0).body(), StandardCharsets.UTF_8)).isEqualTo("first");
            Thread.sleep(50);                                   // let the close arrive
            assertThat(new String(http.exchange("GET", "/b", "", null, 0).body(), StandardCharsets.UTF_8)).isEqualTo("second");
            assertThat(s.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aFreshConnectionThatFailsIsNotRetried() throws Exception {
        try (var s = tcp(head -> "CLOSE"); var http = new HttpChannel(address(s))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.exchange("GET", "/a", "", null, 0))
                    .isInstanceOf(IOException.class).hasMessageContaining("closed the connection");
            assertThat(s.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void speaksOverAUnixSocketWithTheSameHostAndPrefix(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("api.sock");
        var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        try (var s = new Scripted(server, head -> ok("unix"));
             var http = new HttpChannel(RuntimeApiAddress.parse("127.0.0.1:9001/s/tok", sock.toString()))) {
            assertThat(new String(http.exchange("GET", "/s/tok/2018-06-01/runtime/invocation/next", "", null, 0).body(),
                    StandardCharsets.UTF_8)).isEqualTo("unix");
            assertThat(s.heads.get(0)).contains("Host: 127.0.0.1:9001\r\n");
        } finally {
            Files.deleteIfExists(sock);
        }
    }
}
