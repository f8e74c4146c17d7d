package io.hearth.runtime.java;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Six-megabyte responses and aws-lambda-java-events handlers, in a real runtime process. */
class LargeAndEventsTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bundled();
    }

    @Test
    void aSixMegabyteJsonStringResponseArrivesWhole() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("large"), api.environment(task, "example.Big::make"))) {
            api.offer("{\"size\":6000000}");
            var p = api.awaitPost();
            assertThat(p.body()).hasSize(6_000_002);
            assertThat(p.text()).startsWith("\"yyy").endsWith("yyy\"");
            api.offer("{\"size\":3}");                       // the connection is still good after it
            assertThat(api.awaitPost().text()).isEqualTo("\"yyy\"");
        }
    }

    @Test
    void aRefusedResponseIsLoggedAndTheRuntimeKeepsPolling() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("large"), api.environment(task, "example.Big::make"))) {
            api.answerResponsesWith(413);
            String refused = api.offer("{\"size\":10}");
            assertThat(api.awaitPost().requestId()).isEqualTo(refused);
            api.answerResponsesWith(202);
            api.offer("{\"size\":2}");
            assertThat(api.awaitPost().text()).isEqualTo("\"yy\"");
            assertThat(rt.stderr()).contains("the Runtime API refused the response of " + refused + " (413)");
        }
    }

    @Test
    void aStreamHandlerWritingSixMebibytes() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("large"), api.environment(task, "example.Streams::big"))) {
            api.offer("{}");
            var p = api.awaitPost();
            assertThat(p.body()).hasSize(6 * 1024 * 1024);
            assertThat(p.body()[0]).isEqualTo((byte) 'z');
        }
    }

    @Test
    void apiGatewayProxyRequestAndResponseEvents() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("events"), api.environment(task, "example.Api"))) {
            api.offer(EventSamples.API_GATEWAY_PROXY);
            var p = api.awaitPost();
            assertThat(p.kind()).as(rt.stdout()).isEqualTo("response");
            assertThat(p.object()).isEqualTo(Map.of("statusCode", 201, "headers", Map.of("Content-Type", "text/plain"),
                    "body", "POST /path/to/resource q=1 ip=127.0.0.1 b64=false body=eyJ0ZXN0IjoiYm9keSJ9"));
        }
    }

    @Test
    void sqsEvents() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("events"), api.environment(task, "example.Queue"))) {
            api.offer(EventSamples.SQS);
            assertThat(api.awaitPost().text())
                    .isEqualTo("\"2|Test message.|arn:aws:sqs:us-east-2:123456789012:my-queue|blue|1\"");
        }
    }
}
