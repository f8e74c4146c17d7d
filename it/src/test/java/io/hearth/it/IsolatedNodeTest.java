package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A whole node with namespace isolation, driven by the AWS SDK: python, node and a curl-based
 * {@code provided} runtime answer; a function cannot read host secrets, Hearth's data or reach
 * the node's own API; exceeding the memory size is reported as Runtime.OutOfMemory and the next
 * invoke gets a fresh sandbox. (The escape tests of each mechanism live in the sandbox module.)
 */
class IsolatedNodeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PROBE = """
            import os, socket, json
            def handler(event, context):
                out = {"uid": os.getuid(), "task": os.environ["LAMBDA_TASK_ROOT"]}
                try:
                    open("/etc/shadow").read(); out["shadow"] = "read"
                except Exception as e:
                    out["shadow"] = type(e).__name__
                out["data"] = sorted(os.listdir(event["data"])) if os.path.isdir(event["data"]) else "absent"
                s = socket.socket(); s.settimeout(1)
                try:
                    s.connect(("127.0.0.1", event["port"])); out["api"] = "connected"
                except Exception as e:
                    out["api"] = type(e).__name__
                if event.get("hog"):
                    blocks = []
                    while True:
                        blocks.append(bytearray(50 * 1024 * 1024))
                return out
            """;

    static boolean namespacesUsable() {
        return Files.isExecutable(Path.of("/usr/bin/bwrap")) && Files.isExecutable(Path.of("/usr/bin/socat"))
                && "root".equals(System.getProperty("user.name"));
    }

    @Test
    void functionsRunIsolatedThroughTheWholeNode(@TempDir Path data) throws Exception {
        if (!namespacesUsable()) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI must be able to run isolated sandboxes");
            Assumptions.abort("bubblewrap/socat missing or not root: isolated node test skipped");
        }
        try (var h = new RunningHearth(data, 8, 16, List.of(), io.hearth.sandbox.isolation.IsolationLevel.NAMESPACES)) {
            assertThat(h.server().engine().isolated()).isTrue();
            var lambda = h.lambda();
            lambda.createFunction(b -> b.functionName("probe").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role("r").timeout(10).code(FunctionCode.builder().zipFile(Zips.of(Map.of("app.py", PROBE))).build()));
            String event = "{\"data\":\"" + data.toAbsolutePath() + "\",\"port\":" + h.endpoint().getPort() + "}";
            var r = lambda.invoke(b -> b.functionName("probe").payload(SdkBytes.fromUtf8String(event)));
            assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
            var out = JSON.readTree(r.payload().asUtf8String());
            assertThat(out.get("uid").asInt()).isNotZero();
            assertThat(out.get("task").asText()).isEqualTo("/var/task");
            assertThat(out.get("shadow").asText()).isEqualTo("PermissionError");
            assertThat(out.get("data").toString()).isIn("[]", "\"absent\"");
            assertThat(out.get("api").asText()).isNotEqualTo("connected");

            Functions.node(lambda, "node-iso", Functions.NODE);
            assertThat(JSON.readTree(lambda.invoke(b -> b.functionName("node-iso")
                    .payload(SdkBytes.fromUtf8String("{\"a\":1}"))).payload().asUtf8String()).get("node").asBoolean()).isTrue();

            Functions.bash(lambda, "bash-iso");
            var bash = lambda.invoke(b -> b.functionName("bash-iso").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"q\":1}")));
            assertThat(bash.payload().asUtf8String()).contains("\"bash\":true");

            String hog = "{\"data\":\"/x\",\"port\":1,\"hog\":true}";
            var oom = lambda.invoke(b -> b.functionName("probe").payload(SdkBytes.fromUtf8String(hog)));
            assertThat(oom.functionError()).isEqualTo("Unhandled");
            assertThat(JSON.readTree(oom.payload().asUtf8String()).get("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
            var after = lambda.invoke(b -> b.functionName("probe").payload(SdkBytes.fromUtf8String(event)));
            assertThat(after.functionError()).isNull();
            var report = lambda.invoke(b -> b.functionName("probe").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String(event)));
            String log = new String(java.util.Base64.getDecoder().decode(report.logResult()));
            var used = java.util.regex.Pattern.compile("Max Memory Used: (\\d+) MB").matcher(log);
            assertThat(used.find()).isTrue();
            assertThat(Integer.parseInt(used.group(1))).isBetween(1, 128);
        }
    }
}
