package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Reserved concurrency through the AWS SDK and the raw wire. */
class ReservedConcurrencyTest {

    @Test
    void aReservationBoundsTheFunctionAndIsCarvedOutOfTheNode(@TempDir Path data, @TempDir Path out) throws Exception {
        try (var h = new RunningHearth(data, 10, 20, List.of(Duration.ofMillis(200)));
             var threads = Executors.newCachedThreadPool()) {
            Functions.python(h.lambda(), "capped", 10, Map.of("OUT_DIR", out.toString()));
            var put = h.lambda().putFunctionConcurrency(b -> b.functionName("capped").reservedConcurrentExecutions(1));
            assertThat(put.reservedConcurrentExecutions()).isEqualTo(1);
            assertThat(h.lambda().getFunctionConcurrency(b -> b.functionName("capped")).reservedConcurrentExecutions())
                    .isEqualTo(1);
            assertThat(h.lambda().getFunction(b -> b.functionName("capped")).concurrency().reservedConcurrentExecutions())
                    .isEqualTo(1);
            assertThat(h.lambda().getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(9);

            var busy = CompletableFuture.supplyAsync(() -> InvokeSdkTestSupport.invoke(h, "capped",
                    "{\"action\":\"sleep\",\"seconds\":2}"), threads);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.server().engine().liveSandboxes() == 1);
            Thread.sleep(300);
            var raw = RawHttp.post(h.endpoint().resolve("/2015-03-31/functions/capped/invocations"), "{}");
            assertThat(raw.statusCode()).isEqualTo(429);
            assertThat(raw.body()).contains("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(raw.headers().firstValue("Retry-After")).isPresent();
            // an event while it is at its limit is held, then runs
            assertThat(h.lambda().invoke(b -> b.functionName("capped").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"touch\"}"))).statusCode()).isEqualTo(202);
            busy.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.list(out).count() == 1);

            // other functions are not limited by it
            Functions.python(h.lambda(), "free", 10, Map.of());
            assertThat(InvokeSdkTestSupport.invoke(h, "free", "{}").functionError()).isNull();

            // too large a reservation leaves the node no unreserved share
            assertThatThrownBy(() -> h.lambda().putFunctionConcurrency(b -> b.functionName("free")
                    .reservedConcurrentExecutions(10))).isInstanceOf(InvalidParameterValueException.class);

            h.lambda().deleteFunctionConcurrency(b -> b.functionName("capped"));
            assertThat(h.lambda().getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(10);
        }
    }

    @Test
    void zeroThrottlesEverythingAndSurvivesARestart(@TempDir Path data, @TempDir Path out) throws Exception {
        var h = new RunningHearth(data, 10, 20, List.of(Duration.ofMillis(200)));
        try {
            Functions.python(h.lambda(), "off", 10, Map.of("OUT_DIR", out.toString()));
            h.lambda().putFunctionConcurrency(b -> b.functionName("off").reservedConcurrentExecutions(0));
            var raw = RawHttp.post(h.endpoint().resolve("/2015-03-31/functions/off/invocations"), "{}");
            assertThat(raw.statusCode()).isEqualTo(429);
            assertThat(raw.body()).contains("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(h.lambda().invoke(b -> b.functionName("off").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"touch\"}"))).statusCode()).isEqualTo(202);
            Thread.sleep(800);
            assertThat(Files.list(out).count()).isZero();   // held, not dropped
            h.restart();
            assertThat(RawHttp.post(h.endpoint().resolve("/2015-03-31/functions/off/invocations"), "{}").statusCode())
                    .isEqualTo(429);
            h.lambda().deleteFunctionConcurrency(b -> b.functionName("off"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.list(out).count() == 1);
        } finally {
            h.close();
        }
    }
}
