package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/** Every function under examples/ deploys and answers, as the examples' README says. */
class ExamplesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");
    @TempDir
    static Path data;
    static RunningHearth hearth;

    @BeforeAll
    static void start() {
        hearth = new RunningHearth(data);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    static Map<String, String> files(String example) throws IOException {
        var out = new HashMap<String, String>();
        try (Stream<Path> s = Files.walk(EXAMPLES.resolve(example))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(EXAMPLES.resolve(example).relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    static String deployAndInvoke(String example, String runtime, String handler, String payload) throws IOException {
        var zip = Zips.of(files(example));
        hearth.lambda().createFunction(b -> b.functionName(example).runtime(runtime).handler(handler).role("r")
                .code(c -> c.zipFile(zip)));
        var r = hearth.lambda().invoke(b -> b.functionName(example).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return r.payload().asUtf8String();
    }

    @Test
    void pythonHelloGreetsAndCounts() throws Exception {
        var first = JSON.readTree(deployAndInvoke("python-hello", "python3.12", "app.handler", "{\"name\":\"you\"}"));
        assertThat(first.get("greeting").asText()).isEqualTo("Hello, you!");
        assertThat(first.get("calls").asInt()).isEqualTo(1);
        var second = hearth.lambda().invoke(b -> b.functionName("python-hello").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(JSON.readTree(second.payload().asUtf8String()).get("calls").asInt()).isEqualTo(2);
    }

    @Test
    void nodeHelloGreets() throws Exception {
        var out = JSON.readTree(deployAndInvoke("node-hello", "nodejs20.x", "index.handler", "{\"name\":\"node\"}"));
        assertThat(out.get("greeting").asText()).isEqualTo("Hello, node!");
        assertThat(out.get("remainingMs").asBoolean()).isTrue();
    }

    @Test
    void javaHelloGreetsFromItsJar(@TempDir Path build) throws Exception {
        var sources = new HashMap<String, String>();
        files("java-hello").forEach((path, text) -> {
            if (path.endsWith(".java")) sources.put(path.substring("src/".length()), text);
        });
        assertThat(sources).containsKey("example/Hello.java");
        byte[] jar = JavaFunctionTest.zip(JavaFunctionTest.compile(sources, build.resolve("classes")), List.of());
        hearth.lambda().createFunction(b -> b.functionName("java-hello").runtime("java21").handler("example.Hello")
                .role("r").memorySize(512).timeout(30).code(c -> c.zipFile(SdkBytes.fromByteArray(jar))));
        var r = hearth.lambda().invoke(b -> b.functionName("java-hello").payload(SdkBytes.fromUtf8String(
                "{\"name\":\"java\"}")));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        var out = JSON.readTree(r.payload().asUtf8String());
        assertThat(out.get("greeting").asText()).isEqualTo("Hello, java!");
        assertThat(out.get("remainingMs").asBoolean()).isTrue();
        assertThat(out.get("java").asInt()).isGreaterThanOrEqualTo(21);
    }

    @Test
    void providedBashEchoes() throws Exception {
        assertThat(Files.isExecutable(EXAMPLES.resolve("provided-bash/bootstrap"))).isTrue();
        var out = JSON.readTree(deployAndInvoke("provided-bash", "provided.al2023", "bootstrap", "{\"q\":1}"));
        assertThat(out.get("echo").get("q").asInt()).isEqualTo(1);
    }
}
