package io.hearth.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay between a loopback TCP port and a Unix socket, against a real echo server on the socket. */
class RuntimeApiRelayTest {
    @TempDir
    Path dir;

    /** Echoes every connection on {@code socket} until its client half-closes, then closes. */
    private static ServerSocketChannel echo(Path socket) throws IOException {
        var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    SocketChannel c = server.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (c) {
                            var buffer = ByteBuffer.allocate(8192);
                            while (c.read(buffer) >= 0) {
                                buffer.flip();
                                while (buffer.hasRemaining()) c.write(buffer);
                                buffer.clear();
                            }
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        });
        return server;
    }

    @Test
    void bytesGoBothWaysAndAHalfCloseReachesTheOtherSide() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (var server = echo(socket); var relay = RuntimeApiRelay.serve("127.0.0.1:0", socket)) {
            int port = ((InetSocketAddress) relay.getLocalAddress()).getPort();
            byte[] big = new byte[1_000_000];
            Arrays.fill(big, (byte) 'q');
            for (int round = 0; round < 3; round++) {   // one connection after another
                try (var client = new Socket("127.0.0.1", port)) {
                    Thread.ofPlatform().start(() -> {
                        try {
                            client.getOutputStream().write(big);
                            client.shutdownOutput();
                        } catch (IOException ignored) {
                            // seen as a short read below
                        }
                    });
                    byte[] back = client.getInputStream().readAllBytes();   // ends: the echo saw the half-close
                    assertThat(back).hasSize(big.length).isEqualTo(big);
                }
            }
        }
    }

    @Test
    void aConnectionWhenNothingListensOnTheSocketIsClosedAndTheRelayGoesOn() throws Exception {
        Path socket = dir.resolve("absent.sock");
        try (var relay = RuntimeApiRelay.serve("127.0.0.1:0", socket)) {
            int port = ((InetSocketAddress) relay.getLocalAddress()).getPort();
            try (var client = new Socket("127.0.0.1", port)) {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
            try (var server = echo(socket); var client = new Socket("127.0.0.1", port)) {
                client.getOutputStream().write("ping".getBytes());
                client.shutdownOutput();
                assertThat(new String(client.getInputStream().readAllBytes())).isEqualTo("ping");
            }
        }
    }

    @Test
    void anAddressThatIsNotHostAndPortIsRefused() {
        Path socket = dir.resolve("api.sock");
        assertThatThrownBy(() -> RuntimeApiRelay.serve("9001", socket)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> RuntimeApiRelay.serve("127.0.0.1:http", socket))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuntimeApiRelay.serve("127.0.0.1:70000", socket))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
