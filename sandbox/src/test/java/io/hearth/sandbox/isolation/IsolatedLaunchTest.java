package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Outcome;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.sandbox.LaunchSpec;
import io.hearth.sandbox.RunResult;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.SandboxStartException;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path under {@code namespaces}: the real {@link SandboxLauncher}, the real Runtime API
 * listening on its Unix socket, Hearth's Python bootstrap in a bubblewrap sandbox, a handler. The
 * bootstrap and {@code hearth.kv} talk to the socket directly; code that only knows
 * AWS_LAMBDA_RUNTIME_API (a custom runtime, a handler of its own) goes through the in-sandbox relay.
 */
class IsolatedLaunchTest {
    private static Path data;
    private static RuntimeApiServer api;
    private static Isolation isolation;
    private static RuntimeLaunchers runtimes;
    private static SandboxLauncher launcher;
    private static SandboxFleet fleet;
    private static final MapKv kv = new MapKv();

    @BeforeAll
    static void start() throws Exception {
        IsolationFixture.assumeNamespaces();
        data = Files.createTempDirectory(Path.of("/opt"), "hearth-launch-test-");
        api = RuntimeApiServer.start("127.0.0.1", 0, kv, data.resolve("runtime-api.sock"));
        isolation = Isolation.namespaces(NamespaceSettings.defaults(data, api.unixSocket().orElseThrow()));
        runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        fleet = new SandboxFleet(data.resolve("sandboxes"));
        launcher = new SandboxLauncher(api, fleet, isolation);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) fleet.stopAll("test over");
        if (api != null) api.close();
        if (isolation != null) isolation.close();
        if (data != null) {
            try (var tree = Files.walk(data)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                    Files.delete(p);
                }
            }
        }
    }

    private static Path code(String handlerSource) throws Exception {
        Path dir = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.writeString(dir.resolve("app.py"), handlerSource);
        Files.setPosixFilePermissions(dir.resolve("app.py"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return dir;
    }

    static FunctionVersion version(Runtime runtime, String handler, int memoryMb) {
        var config = new FunctionConfig(runtime, handler, 10, memoryMb, Map.of("GREETING", "hello"), "");
        return new FunctionVersion("fn", "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
    }

    private static Sandbox launch(String source, int memoryMb) throws Exception {
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        Path code = code(source);
        var v = version(Runtime.PYTHON_3_12, "app.handler", memoryMb);
        return launcher.launch(v, new LaunchSpec(runtimes.commandFor(Runtime.PYTHON_3_12, code, 128), code,
                data.resolve("runtimes"), "us-east-1"));
    }

    static RunResult invoke(Sandbox sandbox, String payload) {
        var inv = new Invocation(UUID.randomUUID().toString(), sandbox.version(),
                "arn:aws:lambda:us-east-1:000000000000:function:fn", payload.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 10_000, null, null, null);
        return sandbox.run(inv, 10_000_000_000L);
    }

    static String text(RunResult r) {
        return switch (r.outcome()) {
            case Outcome.Success s -> new String(s.payload(), StandardCharsets.UTF_8);
            case Outcome.FunctionError e -> "ERROR " + e.errorType() + " " + new String(e.payload(), StandardCharsets.UTF_8)
                    + "\n" + r.output();
        };
    }

    @Test
    void anInvocationIsAnsweredFromInsideTheSandbox() throws Exception {
        var sandbox = launch("""
                import os
                def handler(event, context):
                    return {'echo': event, 'uid': os.getuid(), 'cwd': os.getcwd(), 'root': os.environ['LAMBDA_TASK_ROOT'],
                            'greeting': os.environ['GREETING'], 'api': os.environ['AWS_LAMBDA_RUNTIME_API'].split('/')[0],
                            'memory': context.memory_limit_in_mb}
                """, 128);
        try {
            var first = invoke(sandbox, "{\"n\": 1}");
            assertThat(first.coldStart()).isTrue();
            assertThat(text(first)).isEqualTo("{\"echo\": {\"n\": 1}, \"uid\": 65534, \"cwd\": \"/var/task\", "
                    + "\"root\": \"/var/task\", \"greeting\": \"hello\", \"api\": \"127.0.0.1:9001\", \"memory\": \"128\"}");
            var second = invoke(sandbox, "{\"n\": 2}");
            assertThat(second.coldStart()).isFalse();
            assertThat(text(second)).startsWith("{\"echo\": {\"n\": 2}");
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void theKeyValueClientReachesHearthOverTheSocket() throws Exception {
        var sandbox = launch("""
                import hearth
                def handler(event, context):
                    hearth.kv.put('seen', event['n'])
                    return hearth.kv.get('seen')
                """, 128);
        try {
            assertThat(text(invoke(sandbox, "{\"n\": 42}"))).isEqualTo("42");
            assertThat(new String(kv.entries.get("fn/seen").value(), StandardCharsets.UTF_8)).isEqualTo("42");
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void aNodeHandlerAndItsKeyValueCallsWorkOverTheSocket() throws Exception {
        assumeTrue(runtimes.node().isPresent(), "node is not installed");
        Path code = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.writeString(code.resolve("index.js"), """
                const { kv } = require('hearth');
                exports.handler = async (event) => {
                  await kv.put('node-seen', event.n);
                  return { seen: await kv.get('node-seen'), uid: process.getuid(), cwd: process.cwd(),
                           socket: process.env.HEARTH_RUNTIME_SOCKET };
                };
                """);
        Files.setPosixFilePermissions(code.resolve("index.js"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("r-xr-xr-x"));
        var sandbox = launcher.launch(version(Runtime.NODEJS_20, "index.handler", 128), new LaunchSpec(
                runtimes.commandFor(Runtime.NODEJS_20, code, 128), code, data.resolve("runtimes"), "us-east-1"));
        try {
            assertThat(text(invoke(sandbox, "{\"n\": 5}"))).isEqualTo(
                    "{\"seen\":5,\"uid\":65534,\"cwd\":\"/var/task\",\"socket\":\"/run/hearth/runtime.sock\"}");
            assertThat(new String(kv.entries.get("fn/node-seen").value(), StandardCharsets.UTF_8)).isEqualTo("5");
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void codeThatOnlyKnowsAwsLambdaRuntimeApiReachesHearthThroughThePortTheBootstrapServes() throws Exception {
        var sandbox = launch("""
                import glob, json, os, urllib.request, urllib.error
                def handler(event, context):
                    base = 'http://' + os.environ['AWS_LAMBDA_RUNTIME_API'] + '/hearth/v1/kv/'
                    value = json.dumps('x' * 300000).encode()
                    urllib.request.urlopen(urllib.request.Request(base + 'big', data=value, method='PUT'), timeout=5).read()
                    same = urllib.request.urlopen(base + 'big', timeout=5).read() == value
                    try:
                        urllib.request.urlopen(base + 'absent', timeout=5)
                    except urllib.error.HTTPError as e:
                        absent = [e.code, e.read().decode()]
                    comms = sorted(open(p).read().strip() for p in glob.glob('/proc/[0-9]*/comm'))
                    return [base.split('/')[2], same, absent, comms]
                """, 128);
        try {
            String answer = text(invoke(sandbox, "{}"));
            assertThat(answer).startsWith("[\"127.0.0.1:9001\", true, [404, ").contains("KeyNotFound")
                    .doesNotContain("socat");
            assertThat(kv.entries.get("fn/big").value()).hasSize(300_002);
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void aNodeHandlerReachesAwsLambdaRuntimeApiThroughThePortTheBootstrapServes() throws Exception {
        assumeTrue(runtimes.node().isPresent(), "node is not installed");
        Path code = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.writeString(code.resolve("index.js"), """
                const http = require('http');
                const fs = require('fs');
                const call = (method, path, body) => new Promise((resolve, reject) => {
                  const req = http.request('http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/hearth/v1/kv/' + path,
                    { method }, (res) => {
                      const chunks = [];
                      res.on('data', (c) => chunks.push(c));
                      res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks).toString()]));
                    });
                  req.on('error', reject);
                  req.end(body);
                });
                exports.handler = async () => {
                  const value = JSON.stringify('y'.repeat(300000));
                  await call('PUT', 'node-big', value);
                  const [status, got] = await call('GET', 'node-big');
                  const [absent, body] = await call('GET', 'absent');
                  const comms = fs.readdirSync('/proc').filter((p) => /^[0-9]+$/.test(p))
                    .map((p) => { try { return fs.readFileSync('/proc/' + p + '/comm', 'utf8').trim(); } catch (e) { return ''; } });
                  return { status, same: got === value, absent, kind: JSON.parse(body).Type || body, comms };
                };
                """);
        Files.setPosixFilePermissions(code.resolve("index.js"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("r-xr-xr-x"));
        var sandbox = launcher.launch(version(Runtime.NODEJS_20, "index.handler", 128), new LaunchSpec(
                runtimes.commandFor(Runtime.NODEJS_20, code, 128), code, data.resolve("runtimes"), "us-east-1"));
        try {
            String answer = text(invoke(sandbox, "{}"));
            assertThat(answer).startsWith("{\"status\":200,\"same\":true,\"absent\":404,").contains("KeyNotFound")
                    .doesNotContain("socat");
            assertThat(kv.entries.get("fn/node-big").value()).hasSize(300_002);
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void aCustomRuntimeSpeaksTheRuntimeApiOverTheRelayFromItsFirstRequest() throws Exception {
        Path code = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.writeString(code.resolve("bootstrap"), """
                #!/bin/sh
                api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
                while true; do
                  body=$(curl -sS -D /tmp/headers "$api/invocation/next") || exit 1
                  id=$(grep -i '^lambda-runtime-aws-request-id:' /tmp/headers | cut -d' ' -f2 | tr -d '\r')
                  curl -sS -X POST -d "{\\"custom\\": $body, \\"root\\": \\"$LAMBDA_TASK_ROOT\\"}" \\
                    "$api/invocation/$id/response" >/dev/null
                done
                """);
        Files.setPosixFilePermissions(code.resolve("bootstrap"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("r-xr-xr-x"));
        var v = version(Runtime.PROVIDED_AL2023, "ignored", 128);
        var sandbox = launcher.launch(v, new LaunchSpec(runtimes.commandFor(Runtime.PROVIDED_AL2023, code, 128), code,
                data.resolve("runtimes"), "us-east-1"));
        try {
            assertThat(text(invoke(sandbox, "{\"n\": 7}"))).isEqualTo("{\"custom\": {\"n\": 7}, \"root\": \"/var/task\"}");
            assertThat(text(invoke(sandbox, "[1]"))).startsWith("{\"custom\": [1]");
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void aHandlerReadingHostSecretsGetsAPermissionError() throws Exception {
        var sandbox = launch("""
                def handler(event, context):
                    return open('/etc/shadow').read()
                """, 128);
        try {
            var r = invoke(sandbox, "{}");
            assertThat(text(r)).startsWith("ERROR PermissionError").contains("Permission denied: '/etc/shadow'");
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void anOutOfMemoryKillLosesTheSandboxAndFailsTheInvocationCleanly() throws Exception {
        var sandbox = launch("""
                def handler(event, context):
                    x = b'x' * (2 * 1024 ** 3)
                    return len(x)
                """, 128);
        var r = invoke(sandbox, "{}");
        assertThat(r.outcome()).isInstanceOf(Outcome.FunctionError.class);
        assertThat(text(r)).startsWith("ERROR Runtime.OutOfMemory").contains("signal: killed").contains("128 MB");
        var healthy = launch("def handler(event, context):\n    return 'fine'\n", 128);
        try {
            assertThat(text(invoke(healthy, "{}"))).isEqualTo("\"fine\"");
        } finally {
            healthy.stop("test over");
        }
    }

    @Test
    void aMissingBootstrapIsAnInvalidEntrypointAsWithoutIsolation() throws Exception {
        Path code = code("");
        var v = version(Runtime.PROVIDED_AL2023, "app.handler", 128);
        int before = api.openSessions();
        assertThatThrownBy(() -> launcher.launch(v, new LaunchSpec(runtimes.commandFor(Runtime.PROVIDED_AL2023, code, 128),
                code, data.resolve("runtimes"), "us-east-1")))
                .isInstanceOf(SandboxStartException.class)
                .hasMessageContaining("Couldn't find valid bootstrap(s): bootstrap")
                .hasMessageContaining("No such file or directory");
        assertThat(api.openSessions()).isEqualTo(before);
    }
}
