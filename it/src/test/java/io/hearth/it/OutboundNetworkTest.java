package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Per-function outbound network through the whole node and the AWS SDK, under namespace
 * isolation: a function tagged {@code hearth:network=outbound} exchanges bytes with a service on
 * the host's network address; the same function without the tag cannot connect; a bad value of
 * the tag is an InvalidParameterValueException.
 */
class OutboundNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = """
            import socket
            def handler(event, context):
                try:
                    with socket.create_connection((event["host"], event["port"]), timeout=3) as s:
                        s.sendall(context.function_name.encode() + b"\\n")
                        return {"reply": s.makefile().readline().strip()}
                except OSError as e:
                    return {"error": type(e).__name__ + ": " + str(e)}
            """;

    private static void assumeIsolationWithOutbound() {
        String missing = !IsolatedNodeTest.namespacesUsable() ? "bubblewrap/socat missing or not root"
                : !Files.isExecutable(Path.of("/usr/bin/slirp4netns")) ? "/usr/bin/slirp4netns missing" : null;
        if (missing == null) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI must run outbound sandboxes: " + missing);
        Assumptions.abort(missing + ": outbound network test skipped");
    }

    private static Optional<InetAddress> hostAddress() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    private static void create(LambdaClient lambda, String name, Map<String, String> tags) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).handler("app.handler").role("r")
                .timeout(10).tags(tags).code(FunctionCode.builder().zipFile(Zips.of(Map.of("app.py", CALLER))).build()));
    }

    private static JsonNode call(LambdaClient lambda, String name, String event) throws IOException {
        var r = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(event)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    @Test
    void onlyAFunctionTaggedOutboundReachesTheHostsNetwork(@TempDir Path data) throws Exception {
        assumeIsolationWithOutbound();
        InetAddress address = hostAddress().orElse(null);
        Assumptions.assumeTrue(address != null, "this machine has no non-loopback IPv4 address to serve on");
        var heard = new ConcurrentLinkedQueue<String>();
        try (var server = new ServerSocket(0, 50, address);
             var h = new RunningHearth(data, 8, 16, List.of(), IsolationLevel.NAMESPACES)) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket c = server.accept()) {
                        String line = new BufferedReader(new InputStreamReader(c.getInputStream(),
                                StandardCharsets.UTF_8)).readLine();
                        heard.add(line);
                        c.getOutputStream().write(("heard " + line + "\n").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // closed at the end of the test, or a client gave up
                    }
                }
            });
            var lambda = h.lambda();
            create(lambda, "open", Map.of("hearth:network", "outbound"));
            create(lambda, "closed", Map.of("team", "core"));
            String event = "{\"host\":\"" + address.getHostAddress() + "\",\"port\":" + server.getLocalPort() + "}";

            assertThat(call(lambda, "open", event).path("reply").asText()).isEqualTo("heard open");
            assertThat(call(lambda, "open", event).path("reply").asText()).isEqualTo("heard open");   // warm
            assertThat(call(lambda, "closed", event).path("error").asText()).contains("Network is unreachable");
            assertThat(heard).containsExactly("open", "open");

            assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(lambda.getFunction(g -> g.functionName("closed"))
                    .configuration().functionArn()).tags(Map.of("hearth:network", "wide-open"))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("hearth:network must be none or outbound");
        }
    }
}
