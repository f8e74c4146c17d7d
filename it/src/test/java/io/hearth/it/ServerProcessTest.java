package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code hearth server} as a real OS process: start-up line, health, SIGTERM, bad flags. */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("Hearth listening on (http://\\S+)");

    private static Process hearth(Path data, String... flags) throws Exception {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.hearth.server.Main", "server", "--data", data.toString()));
        cmd.addAll(List.of(flags));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Lines of a process's output, read on a background thread. */
    private static LinkedBlockingQueue<String> lines(Process p) {
        var q = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) q.add(line);
            } catch (Exception ignored) {
                // process ended
            }
        });
        return q;
    }

    /**
     * Host processes other than {@code server} whose command line mentions {@code data}: a
     * sandbox's runtime (its bootstrap lives under the data directory) or its bubblewrap.
     */
    private static List<ProcessHandle> sandboxProcesses(Path data, long server) {
        String dir = data.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != server)
                .filter(p -> p.info().commandLine().orElse("").contains(dir)).toList();
    }

    private static String waitFor(LinkedBlockingQueue<String> lines, Pattern p, StringBuilder seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) continue;
            seen.append(line).append('\n');
            var m = p.matcher(line);
            if (m.find()) return m.groupCount() > 0 ? m.group(1) : line;
        }
        throw new AssertionError("never saw " + p + " in:\n" + seen);
    }

    @Test
    void startsServesAndStopsCleanlyOnSigterm(@TempDir Path data) throws Exception {
        Process p = hearth(data, "--port", "0");   // default isolation: auto
        try {
            var out = lines(p);
            var seen = new StringBuilder();
            URI endpoint = URI.create(waitFor(out, LISTENING, seen));
            assertThat(RawHttp.get(endpoint.resolve("/health")).statusCode()).isEqualTo(200);
            long sandboxPid;
            try (var lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                Functions.python(lambda, "proc-fn");
                String body = lambda.invoke(b -> b.functionName("proc-fn").payload(SdkBytes.fromUtf8String("{}")))
                        .payload().asUtf8String();
                var m = Pattern.compile("\"pid\": (\\d+)").matcher(body);
                assertThat(m.find()).as(body).isTrue();
                sandboxPid = Long.parseLong(m.group(1));
            }
            assertThat(sandboxPid).isPositive();
            assertThat(sandboxProcesses(data, p.pid())).isNotEmpty();
            p.toHandle().destroy();   // SIGTERM (Process.destroy would also close our end of its output)
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            waitFor(out, Pattern.compile("Hearth stopped"), seen);
            await().atMost(Duration.ofSeconds(5)).until(() -> sandboxProcesses(data, p.pid()).isEmpty());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused(@TempDir Path data) throws Exception {
        Process first = hearth(data, "--port", "0");
        try {
            var seen = new StringBuilder();
            waitFor(lines(first), LISTENING, seen);
            Process second = hearth(data, "--port", "0");
            var secondOut = lines(second);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            waitFor(secondOut, Pattern.compile("in use by another Hearth server"), new StringBuilder());
        } finally {
            first.destroyForcibly();
        }
    }

    @Test
    void invalidConfigurationExitsWithAMessage(@TempDir Path data) throws Exception {
        for (var flags : List.of(new String[] {"--port", "70000"}, new String[] {"--keep-alive", "soon"},
                new String[] {"--concurrency", "0"})) {
            Process p = hearth(data, flags);
            var out = lines(p);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", flags)).isEqualTo(2);
            waitFor(out, Pattern.compile("invalid configuration"), new StringBuilder());
        }
    }

    @Test
    void idleSandboxesAreReapedAfterTheKeepAlive(@TempDir Path data) throws Exception {
        // no warming pool: its generic sandboxes would stay, and this test counts every sandbox process
        Process p = hearth(data, "--port", "0", "--keep-alive", "1s", "--warm-pool-max", "0");
        try {
            URI endpoint = URI.create(waitFor(lines(p), LISTENING, new StringBuilder()));
            try (var lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                Functions.python(lambda, "reaped", 3, Map.of());
                String body = lambda.invoke(b -> b.functionName("reaped")).payload().asUtf8String();
                var m = Pattern.compile("\"pid\": (\\d+)").matcher(body);
                assertThat(m.find()).isTrue();
                assertThat(Long.parseLong(m.group(1))).isPositive();
                assertThat(sandboxProcesses(data, p.pid())).isNotEmpty();
                await().atMost(Duration.ofSeconds(10)).until(() -> sandboxProcesses(data, p.pid()).isEmpty());
                // and the next invoke simply starts a new one
                assertThat(lambda.invoke(b -> b.functionName("reaped")).functionError()).isNull();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
