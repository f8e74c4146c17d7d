package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.engine.PoolSettings;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ServiceException;

/**
 * Java functions (java17, java21, java25) through a whole node and the AWS SDK: Hearth's Java
 * runtime on this host's newest JDK, under namespace isolation where the host allows it (the
 * server's default, {@code auto}), cold and bound from the warming pool's Java lane. The handlers
 * are compiled here, against aws-lambda-java-core/-events, and deployed as a jar and as a zip with
 * {@code lib/*.jar}.
 */
class JavaFunctionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, String> SOURCES = Map.of(
            "demo/Greeter.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    public class Greeter implements RequestHandler<Greeter.Request, Greeter.Response> {
                        public static class Request {
                            private String name; private int times;
                            public String getName() { return name; } public void setName(String n) { name = n; }
                            public int getTimes() { return times; } public void setTimes(int t) { times = t; }
                        }
                        public static class Response {
                            public String greeting; public String requestId; public String functionName;
                            public int memory; public boolean timeLeft; public String cwd; public String taskRoot;
                        }
                        @Override public Response handleRequest(Request in, Context ctx) {
                            ctx.getLogger().log("greeting " + in.getName() + " from the logger");
                            var r = new Response();
                            r.greeting = ("Hello, " + in.getName() + "! ").repeat(Math.max(1, in.getTimes())).strip();
                            r.requestId = ctx.getAwsRequestId();
                            r.functionName = ctx.getFunctionName();
                            r.memory = ctx.getMemoryLimitInMB();
                            r.timeLeft = ctx.getRemainingTimeInMillis() > 0;
                            r.cwd = System.getProperty("user.dir");
                            r.taskRoot = System.getenv("LAMBDA_TASK_ROOT");
                            return r;
                        }
                    }
                    """,
            "demo/Keys.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.Map;
                    import java.util.TreeMap;
                    public class Keys implements RequestHandler<Map<String, Object>, String> {
                        @Override public String handleRequest(Map<String, Object> in, Context ctx) {
                            return "keys " + new TreeMap<>(in).keySet() + " on " + System.getenv("AWS_EXECUTION_ENV")
                                    + ", JDK " + Runtime.version().feature();
                        }
                    }
                    """,
            "demo/Upper.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                    import java.io.*;
                    import java.nio.charset.StandardCharsets;
                    public class Upper implements RequestStreamHandler {
                        @Override public void handleRequest(InputStream in, OutputStream out, Context ctx) throws IOException {
                            out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase()
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    """,
            "demo/Methods.java", """
                    package demo;
                    import java.util.Map;
                    public class Methods {
                        public static String shout(Map<String, String> in) { return in.get("say").toUpperCase() + "!"; }
                        public String fail(Map<String, Object> in) { throw new IllegalStateException("refused: " + in.get("why")); }
                    }
                    """,
            "demo/ApiPort.java", """
                    package demo;
                    import java.io.IOException;
                    import java.net.HttpURLConnection;
                    import java.net.URI;
                    import java.nio.charset.StandardCharsets;
                    import java.nio.file.*;
                    import java.util.*;
                    public class ApiPort {
                        static Object[] call(String method, String key, byte[] body) throws IOException {
                            var url = URI.create("http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/hearth/v1/kv/" + key).toURL();
                            var c = (HttpURLConnection) url.openConnection();
                            c.setRequestMethod(method);
                            if (body != null) { c.setDoOutput(true); c.getOutputStream().write(body); }
                            int status = c.getResponseCode();
                            var in = status < 400 ? c.getInputStream() : c.getErrorStream();
                            return new Object[] {status, new String(in.readAllBytes(), StandardCharsets.UTF_8)};
                        }
                        public Map<String, Object> handle(Map<String, Object> in) throws IOException {
                            String value = '"' + "z".repeat(300_000) + '"';
                            call("PUT", "java-big", value.getBytes(StandardCharsets.UTF_8));
                            Object[] got = call("GET", "java-big", null);
                            Object[] absent = call("GET", "absent", null);
                            var comms = new ArrayList<String>();
                            try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                                for (Path p : procs) {
                                    try { comms.add(Files.readString(p.resolve("comm")).strip()); } catch (IOException e) { }
                                }
                            }
                            return Map.of("address", System.getenv("AWS_LAMBDA_RUNTIME_API").split("/")[0],
                                    "same", value.equals(got[1]), "absent", absent[0], "absentBody", absent[1], "comms", comms);
                        }
                    }
                    """,
            "demo/Api.java", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
                    import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
                    import java.util.Map;
                    public class Api implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                        @Override public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
                            return new APIGatewayProxyResponseEvent().withStatusCode(201)
                                    .withHeaders(Map.of("x-path", e.getPath())).withBody(e.getHttpMethod() + " " + e.getPath());
                        }
                    }
                    """);

    @TempDir
    static Path data;
    @TempDir
    static Path build;
    static RunningHearth hearth;
    static SdkBytes jar;
    static SdkBytes zipWithLib;

    @BeforeAll
    static void start() throws Exception {
        Path classes = compile(SOURCES, build.resolve("classes"));
        jar = SdkBytes.fromByteArray(zip(classes, List.of()));
        zipWithLib = SdkBytes.fromByteArray(zip(classes, List.of(jarOf(RequestHandler.class),
                jarOf(APIGatewayProxyRequestEvent.class))));
        var isolation = IsolatedNodeTest.namespacesUsable() ? IsolationLevel.NAMESPACES : IsolationLevel.NONE;
        if (isolation == IsolationLevel.NONE && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must be able to run isolated sandboxes");
        }
        hearth = new RunningHearth(data, isolation, new PoolSettings(1, 4).withJavaLanes(List.of(512)));
    }

    @AfterAll
    static void stop() {
        if (hearth != null) hearth.close();
    }

    // ---- helpers: compile, package, deploy, invoke ----

    /** The jar a class was loaded from (the it module's test class path). */
    static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles {@code sources} (path → text) for Java 17 against aws-lambda-java-core and -events, into {@code out}. */
    static Path compile(Map<String, String> sources, Path out) throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        var files = new ArrayList<String>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        Files.createDirectories(out);
        var args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", out.toString(), "-classpath",
                jarOf(RequestHandler.class) + ":" + jarOf(APIGatewayProxyRequestEvent.class)));
        args.addAll(files);
        var errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) throw new AssertionError("javac failed:\n" + errors.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** A zip (a jar is one) of the tree {@code classes} at its root, plus {@code libs} under lib/. */
    static byte[] zip(Path classes, List<Path> libs) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes); Stream<Path> tree = Files.walk(classes)) {
            for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(classes.relativize(p).toString()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
            for (Path lib : libs) {
                z.putNextEntry(new ZipEntry("lib/" + lib.getFileName()));
                z.write(Files.readAllBytes(lib));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static void create(LambdaClient lambda, String name, String runtime, String handler, int memory, SdkBytes code) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler(handler).role("r").memorySize(memory)
                .timeout(30).code(c -> c.zipFile(code)));
    }

    static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    static String log(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    static JsonNode json(InvokeResponse r) {
        try {
            return JSON.readTree(r.payload().asUtf8String());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- tests ----

    @Test
    void aPojoHandlerFromAJarSeesItsContextAndLogs() {
        create(hearth.lambda(), "java-pojo", "java21", "demo.Greeter", 256, jar);
        var r = invoke(hearth.lambda(), "java-pojo", "{\"name\":\"Ada\",\"times\":2,\"ignored\":true}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        var out = json(r);
        assertThat(out.get("greeting").asText()).isEqualTo("Hello, Ada! Hello, Ada!");
        assertThat(out.get("functionName").asText()).isEqualTo("java-pojo");
        assertThat(out.get("memory").asInt()).isEqualTo(256);
        assertThat(out.get("timeLeft").asBoolean()).isTrue();
        assertThat(out.get("requestId").asText()).isEqualTo(r.responseMetadata().requestId());
        assertThat(out.get("cwd").asText()).as("the working directory is the task root").isEqualTo(
                out.get("taskRoot").asText());
        if (hearth.server().engine().isolated()) assertThat(out.get("cwd").asText()).isEqualTo("/var/task");
        assertThat(log(r)).contains("greeting Ada from the logger").contains("REPORT RequestId: "
                + out.get("requestId").asText());
        // warm: the same JVM answers again
        var warm = invoke(hearth.lambda(), "java-pojo", "{\"name\":\"Bob\"}");
        assertThat(json(warm).get("greeting").asText()).isEqualTo("Hello, Bob!");
        assertThat(log(warm)).doesNotContain("Init Duration");
    }

    @Test
    void mapStreamAndMethodHandlersFromAZipWithLibraries() {
        create(hearth.lambda(), "java-keys", "java21", "demo.Keys", 256, zipWithLib);
        var keys = invoke(hearth.lambda(), "java-keys", "{\"b\":1,\"a\":[true]}");
        assertThat(keys.payload().asUtf8String()).startsWith("\"keys [a, b] on AWS_Lambda_java21, JDK ");

        create(hearth.lambda(), "java-stream", "java21", "demo.Upper", 256, zipWithLib);
        assertThat(invoke(hearth.lambda(), "java-stream", "{\"q\":\"abc\"}").payload().asUtf8String())
                .isEqualTo("{\"Q\":\"ABC\"}");

        create(hearth.lambda(), "java-method", "java21", "demo.Methods::shout", 256, zipWithLib);
        assertThat(invoke(hearth.lambda(), "java-method", "{\"say\":\"hey\"}").payload().asUtf8String())
                .isEqualTo("\"HEY!\"");

        create(hearth.lambda(), "java-api", "java21", "demo.Api", 256, zipWithLib);
        var api = json(invoke(hearth.lambda(), "java-api", "{\"httpMethod\":\"POST\",\"path\":\"/things\"}"));
        assertThat(api.get("statusCode").asInt()).isEqualTo(201);
        assertThat(api.get("body").asText()).isEqualTo("POST /things");
        assertThat(api.get("headers").get("x-path").asText()).isEqualTo("/things");
    }

    @Test
    void handlerCodeReachesAwsLambdaRuntimeApiThroughThePortTheRuntimeServes() {
        create(hearth.lambda(), "java-api-port", "java21", "demo.ApiPort::handle", 256, jar);
        var r = invoke(hearth.lambda(), "java-api-port", "{}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        var out = json(r);
        assertThat(out.get("same").asBoolean()).as(out.toString()).isTrue();
        assertThat(out.get("absent").asInt()).isEqualTo(404);
        assertThat(out.get("absentBody").asText()).contains("KeyNotFound");
        if (hearth.server().engine().isolated()) {
            assertThat(out.get("address").asText()).isEqualTo("127.0.0.1:9001");
            assertThat(out.get("comms").toString()).as("no relay process: the runtime serves the port").contains("java")
                    .doesNotContain("socat");
        }
    }

    @Test
    void anExceptionIsAnUnhandledFunctionErrorNamingItsClass() {
        create(hearth.lambda(), "java-fail", "java21", "demo.Methods::fail", 256, jar);
        var r = invoke(hearth.lambda(), "java-fail", "{\"why\":\"because\"}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        var error = json(r);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("refused: because");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("demo.Methods.fail(");
        // the JVM survives its function's exception: the next call is warm
        assertThat(log(invoke(hearth.lambda(), "java-fail", "{}"))).doesNotContain("Init Duration");
    }

    @Test
    void aMissingClassIsAnInitError() {
        create(hearth.lambda(), "java-missing", "java21", "demo.Nowhere::handle", 256, jar);
        var r = invoke(hearth.lambda(), "java-missing", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        var error = json(r);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("Class not found: demo.Nowhere");
    }

    @Test
    void java17And21And25AllRun() {
        for (String runtime : List.of("java17", "java21", "java25")) {
            String name = "java-" + runtime;
            create(hearth.lambda(), name, runtime, "demo.Keys", 384, jar);
            var r = invoke(hearth.lambda(), name, "{\"x\":1}");
            assertThat(r.functionError()).as(runtime + ": " + r.payload().asUtf8String()).isNull();
            assertThat(r.payload().asUtf8String()).as(runtime).startsWith("\"keys [x] on AWS_Lambda_" + runtime + ", JDK ");
        }
    }

    @Test
    void aJvmRunsInA128MbFunction() {
        create(hearth.lambda(), "java-small", "java21", "demo.Greeter", 128, jar);
        var r = invoke(hearth.lambda(), "java-small", "{\"name\":\"small\",\"times\":3}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(json(r).get("memory").asInt()).isEqualTo(128);
        assertThat(log(r)).containsPattern("Memory Size: 128 MB\\tMax Memory Used: \\d+ MB");
        for (int i = 0; i < 20; i++) {
            assertThat(invoke(hearth.lambda(), "java-small", "{\"name\":\"again\",\"times\":50}").functionError()).isNull();
        }
    }

    @Test
    void theFirstInvokeOfA512MbFunctionBindsAPooledJvm() throws Exception {
        String lane = "{runtime=\"java\",memory=\"512\"}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (hearth.metrics().getOrDefault("hearth_warming_pool_ready" + lane, 0L) < 1) {
            if (System.nanoTime() > deadline) throw new AssertionError("no pooled JVM: " + hearth.metrics());
            Thread.sleep(50);
        }
        create(hearth.lambda(), "java-pooled", "java25", "demo.Greeter", 512, jar);
        var r = invoke(hearth.lambda(), "java-pooled", "{\"name\":\"pool\"}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        var out = json(r);
        assertThat(out.get("functionName").asText()).isEqualTo("java-pooled");
        assertThat(out.get("memory").asInt()).isEqualTo(512);
        assertThat(out.get("cwd").asText()).isEqualTo(out.get("taskRoot").asText());
        assertThat(log(r)).contains("Init Duration").contains("greeting pool from the logger");
        var m = hearth.metrics();
        assertThat(m.get("hearth_warming_pool_bindings_total" + lane)).isEqualTo(1);
        assertThat(m.get("hearth_warming_pool_misses_total" + lane)).isZero();
        assertThat(m).containsKey("hearth_warming_pool_ready{runtime=\"python\"}");
    }

    @Test
    void aJavaFunctionOfAnotherSizeGetsALaneOnDemand() {
        create(hearth.lambda(), "java-odd", "java21", "demo.Keys", 640, jar);
        assertThat(invoke(hearth.lambda(), "java-odd", "{}").functionError()).isNull();
        var m = hearth.metrics();
        String lane = "{runtime=\"java\",memory=\"640\"}";
        assertThat(m.get("hearth_warming_pool_misses_total" + lane)).isEqualTo(1);
        assertThat(m.get("hearth_warming_pool_target" + lane)).isEqualTo(1);
    }

    /** A node whose only JDK is 17 (HEARTH_JDKS names a fake one): Java invokes fail with what was found. */
    @Test
    void withoutASuitableJdkTheInvokeFailsSayingWhatWasFound(@TempDir Path dir) throws Exception {
        Path jdk17 = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Files.writeString(dir.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path java = Files.writeString(jdk17.resolve("java"), "#!/bin/sh\nexit 1\n");
        java.toFile().setExecutable(true);
        var cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.hearth.server.Main", "server", "--data",
                dir.resolve("data").toString(), "--port", "0", "--isolation", "none");
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HEARTH_JDKS", dir.resolve("jdk-17").toString());
        Process p = pb.start();
        try {
            URI endpoint = URI.create(listening(p));
            try (var lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("h", "h")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
                create(lambda, "no-jdk", "java21", "demo.Keys", 256, jar);
                assertThatThrownBy(() -> invoke(lambda, "no-jdk", "{}"))
                        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
                        .hasMessageContaining("runtime java21 needs a JDK 21 or later; found: 17.0.15 ("
                                + dir.resolve("jdk-17").toRealPath() + ")");
                var metrics = RawHttp.get(endpoint.resolve("/hearth/v1/metrics")).body();
                assertThat(metrics).as("no Java lane without a JDK").doesNotContain("runtime=\"java\"");
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String listening(Process p) throws Exception {
        var lines = new LinkedBlockingQueue<String>();
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) lines.add(line);
            } catch (IOException ignored) {
                // the server ended
            }
        });
        var seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) continue;
            seen.append(line).append('\n');
            var m = java.util.regex.Pattern.compile("Hearth listening on (http://\\S+)").matcher(line);
            if (m.find()) return m.group(1);
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }
}
