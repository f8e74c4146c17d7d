package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The official AWS Java runtime interface client (RIC 2.9.0) as a {@code provided.al2023} function,
 * built by {@code examples/java-ric/build.sh} from the example's sources (so the example and its
 * recipe stay working), with and without namespace isolation: a POJO handler and a stream handler
 * answer, a handler's exception is {@code Unhandled} with the RIC's errorType (also when the RIC's
 * X-Ray error-cause header is large), and two sandboxes of one function serve two invocations at
 * the same moment. The cold start (Init Duration of fresh sandboxes) is printed, not asserted.
 */
class JavaRicTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/java-ric");
    static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

    /** Test-only handler, compiled here with the JDK's compiler into the same package. */
    static final String PROBE = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.io.IOException;
            import java.net.HttpURLConnection;
            import java.net.URI;
            import java.nio.charset.StandardCharsets;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.UUID;

            public class Probe implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                static final String INSTANCE = UUID.randomUUID().toString();

                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    Object action = event.get("action");
                    if ("deep".equals(action)) return deep(((Number) event.get("depth")).intValue());
                    var out = new HashMap<String, Object>();
                    out.put("instance", INSTANCE);
                    if ("meet".equals(action)) out.put("met", meet((String) event.get("tag"), context.getAwsRequestId()));
                    return out;
                }

                static Map<String, Object> deep(int n) {
                    if (n == 0) throw new IllegalStateException("deep down");
                    return deep(n - 1);
                }

                /** Waits (at most 20 s) until another invocation tagged alike has arrived: both run at once. */
                static int meet(String tag, String requestId) {
                    String kv = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/hearth/v1/kv";
                    try {
                        call("PUT", kv + "/meet-" + tag + "-" + requestId);
                        long end = System.nanoTime() + 20_000_000_000L;
                        while (true) {
                            String list = call("GET", kv + "?prefix=meet-" + tag + "-");
                            int n = list.split("\\"key\\"", -1).length - 1;
                            if (n >= 2) return n;
                            if (System.nanoTime() > end) throw new IllegalStateException("alone after 20 s: " + list);
                            Thread.sleep(20);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }

                static String call(String method, String url) throws IOException {
                    var c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                    c.setRequestMethod(method);
                    if (method.equals("PUT")) {
                        c.setDoOutput(true);
                        c.getOutputStream().write("1".getBytes(StandardCharsets.UTF_8));
                    }
                    if (c.getResponseCode() != 200) throw new IOException(method + " " + url + ": " + c.getResponseCode());
                    try (var in = c.getInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            """;

    @TempDir
    static Path work;
    static SdkBytes zip;
    static final Map<IsolationLevel, RunningHearth> NODES = new EnumMap<>(IsolationLevel.class);

    @BeforeAll
    static void buildFunction() throws Exception {
        Path jars = Files.createDirectories(work.resolve("jars"));
        for (Class<?> c : List.of(AWSLambda.class, RequestHandler.class, PojoSerializer.class,
                SdkInternalThreadLocal.class)) {
            Path jar = jarOf(c);
            Files.copy(jar, jars.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = work.resolve("function");
        run(List.of(EXAMPLE.resolve("build.sh").toString(), out.toString()),
                Map.of("RIC_JARS_DIR", jars.toString(), "JAVA_HOME", System.getProperty("java.home")));
        assertThat(out.resolve("bootstrap")).isExecutable();
        assertThat(out.resolve("lib/jni/libaws-lambda-jni.linux-x86_64.so")).isRegularFile();
        assertThat(out.resolve("example/Hello.class")).isRegularFile();
        compileProbe(out);
        Path file = work.resolve("function.zip");
        run(List.of("zip", "-q", "-r", file.toString(), "."), Map.of(), out);
        zip = SdkBytes.fromByteArray(Files.readAllBytes(file));
    }

    @AfterAll
    static void stopNodes() {
        NODES.values().forEach(RunningHearth::close);
    }

    static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static void compileProbe(Path out) throws IOException {
        Path src = Files.createDirectories(work.resolve("probe-src/probe")).resolve("Probe.java");
        Files.writeString(src, PROBE);
        String classpath;
        try (var jars = Files.list(out.resolve("lib"))) {   // the compiler API expands no "lib/*"
            classpath = String.join(":", jars.filter(j -> j.toString().endsWith(".jar")).map(Path::toString).toList());
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        int rc = compiler.run(null, null, null, "--release", "17", "-cp", classpath, "-d", out.toString(), src.toString());
        assertThat(rc).as("javac of the probe").isZero();
    }

    static void run(List<String> command, Map<String, String> env) throws Exception {
        run(command, env, null);
    }

    static void run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        var p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
    }

    /** The node of {@code level}, started at first use; namespaces only where this host can run them. */
    static RunningHearth node(IsolationLevel level) {
        if (level == IsolationLevel.NAMESPACES && !IsolatedNodeTest.namespacesUsable()) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI must be able to run isolated sandboxes");
            Assumptions.abort("bubblewrap/socat missing or not root: isolated RIC test skipped");
        }
        String home = System.getProperty("java.home");
        if (level == IsolationLevel.NAMESPACES && List.of("/root", "/home", "/var", "/run", "/tmp", "/mnt", "/srv")
                .stream().anyMatch(home::startsWith)) {
            Assumptions.abort("the test's JDK " + home + " lies where a sandbox does not see it");
        }
        return NODES.computeIfAbsent(level, l -> {
            try {
                return new RunningHearth(Files.createTempDirectory(work, "data-" + l), 8, 16,
                        List.of(Duration.ofMillis(200)), l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Deploys the built function as {@code name} with {@code handler}; Java is the test's own JDK. */
    static void deploy(RunningHearth h, String name, String handler) {
        h.lambda().createFunction(b -> b.functionName(name).runtime(Runtime.PROVIDED_AL2023).handler(handler)
                .role("arn:aws:iam::123456789012:role/test").timeout(30).memorySize(512)
                .environment(e -> e.variables(Map.of("JAVA_HOME", System.getProperty("java.home"))))
                .code(c -> c.zipFile(zip)));
    }

    static InvokeResponse invoke(RunningHearth h, String name, String payload) {
        return h.lambda().invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    static JsonNode body(InvokeResponse r) throws IOException {
        return JSON.readTree(r.payload().asUtf8String());
    }

    static String log(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    static String fn(IsolationLevel level, String base) {
        return base + "-" + level.name().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void pojoHandlerGreetsAndKeepsItsStateWhileWarm(IsolationLevel level) throws Exception {
        var h = node(level);
        String name = fn(level, "ric-hello");
        deploy(h, name, "example.Hello::handleRequest");
        var first = invoke(h, name, "{\"name\":\"ric\"}");
        assertThat(first.functionError()).as(first.payload().asUtf8String()).isNull();
        assertThat(body(first).get("greeting").asText()).isEqualTo("Hello, ric!");
        assertThat(body(first).get("calls").asInt()).isEqualTo(1);
        assertThat(body(first).get("requestId").asText()).isEqualTo(first.responseMetadata().requestId());
        assertThat(log(first)).contains("greeting ric (call 1)").containsPattern(INIT);
        var second = invoke(h, name, "{\"name\":\"again\"}");
        assertThat(body(second).get("calls").asInt()).isEqualTo(2);
        assertThat(log(second)).doesNotContainPattern(INIT);
    }

    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void streamHandlerGetsTheRawEvent(IsolationLevel level) throws Exception {
        var h = node(level);
        String name = fn(level, "ric-echo");
        deploy(h, name, "example.Echo::handleRequest");
        var r = invoke(h, name, "{\"list\":[1,2,3],\"s\":\"\\u00e9\"}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(body(r).get("echo").toString()).isEqualTo("{\"list\":[1,2,3],\"s\":\"é\"}");
        assertThat(body(r).get("function").asText()).isEqualTo(name);
    }

    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void handlerExceptionIsUnhandledWithTheRicsErrorType(IsolationLevel level) throws Exception {
        var h = node(level);
        String name = fn(level, "ric-fail");
        deploy(h, name, "example.Hello::handleRequest");
        var r = invoke(h, name, "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(body(r).get("errorMessage").asText()).isEqualTo("name is required");
        assertThat(body(r).get("stackTrace").get(0).asText()).startsWith("example.Hello.handleRequest(Hello.java:");
        var after = invoke(h, name, "{\"name\":\"x\"}");
        assertThat(after.functionError()).as("the function still answers").isNull();
        assertThat(body(after).get("calls").asInt()).isEqualTo(1);
    }

    /** The RIC sends the whole stack as a Lambda-Runtime-Function-XRay-Error-Cause header (up to 1 MiB). */
    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void deepStackErrorIsReportedAndTheSandboxStays(IsolationLevel level) throws Exception {
        var h = node(level);
        String name = fn(level, "ric-deep");
        deploy(h, name, "probe.Probe::handleRequest");
        String instance = body(invoke(h, name, "{}")).get("instance").asText();
        var r = invoke(h, name, "{\"action\":\"deep\",\"depth\":600}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorType").asText()).as(r.payload().asUtf8String())
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(body(r).get("errorMessage").asText()).isEqualTo("deep down");
        var after = invoke(h, name, "{}");
        assertThat(body(after).get("instance").asText()).as("same warm JVM").isEqualTo(instance);
    }

    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void twoSandboxesServeTwoInvocationsAtOnce(IsolationLevel level) throws Exception {
        var h = node(level);
        String name = fn(level, "ric-meet");
        deploy(h, name, "probe.Probe::handleRequest");
        String payload = "{\"action\":\"meet\",\"tag\":\"" + UUID.randomUUID() + "\"}";
        try (var pool = Executors.newFixedThreadPool(2)) {
            var calls = new ArrayList<Callable<InvokeResponse>>();
            for (int i = 0; i < 2; i++) calls.add(() -> invoke(h, name, payload));
            var results = new ArrayList<JsonNode>();
            for (var f : pool.invokeAll(calls, 90, TimeUnit.SECONDS)) {
                var r = f.get();
                assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
                assertThat(log(r)).containsPattern(INIT);
                results.add(body(r));
            }
            assertThat(results).allSatisfy(b -> assertThat(b.get("met").asInt()).isEqualTo(2));
            assertThat(results.get(0).get("instance").asText()).isNotEqualTo(results.get(1).get("instance").asText());
        }
    }

    /** Not a test of speed: prints the RIC's cold start (fresh JVM up to its first /next) for the record. */
    @ParameterizedTest
    @EnumSource(value = IsolationLevel.class, names = {"NONE", "NAMESPACES"})
    void coldStartIsReported(IsolationLevel level) throws Exception {
        var h = node(level);
        var pojo = new ArrayList<String>();
        var stream = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            for (var handler : List.of("example.Hello::handleRequest", "example.Echo::handleRequest")) {
                String name = fn(level, "ric-cold-" + (handler.contains("Hello") ? "pojo" : "stream") + "-" + i);
                deploy(h, name, handler);
                long start = System.nanoTime();
                var r = invoke(h, name, "{\"name\":\"cold\"}");
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
                var m = INIT.matcher(log(r));
                assertThat(m.find()).as(log(r)).isTrue();
                (handler.contains("Hello") ? pojo : stream).add(m.group(1) + " ms init, " + ms + " ms invoke");
            }
        }
        System.out.println("RIC cold start, isolation " + level + ": POJO handler " + pojo + "; stream handler " + stream);
    }
}
