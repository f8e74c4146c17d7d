package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Provisioned concurrency through the AWS SDK on a real node: PUT → 202 IN_PROGRESS → READY once that many
 * sandboxes are initialised and kept warm; invocations on them never see a cold start (no Init Duration in their
 * REPORT); a sandbox that dies is replaced; delete stops them; a failing init is FAILED with a reason; configurations
 * survive a restart and follow their alias.
 */
class ProvisionedConcurrencyTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static GetProvisionedConcurrencyConfigResponse get(RunningHearth h, String fn, String qualifier) {
        return h.lambda().getProvisionedConcurrencyConfig(b -> b.functionName(fn).qualifier(qualifier));
    }

    private static GetProvisionedConcurrencyConfigResponse awaitStatus(RunningHearth h, String fn, String qualifier,
                                                                       ProvisionedConcurrencyStatusEnum status) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> get(h, fn, qualifier).status() == status);
        return get(h, fn, qualifier);
    }

    private static String tail(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void provisionedSandboxesAreWarmBeforeTheFirstCallReplacedWhenTheyDieAndStoppedOnDelete(@TempDir Path data)
            throws Exception {
        try (var h = new RunningHearth(data); var clients = Executors.newFixedThreadPool(2)) {
            LambdaClient lambda = h.lambda();
            Functions.python(lambda, "warm", 10, Map.of());
            assertThat(lambda.publishVersion(b -> b.functionName("warm")).version()).isEqualTo("1");

            var put = lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("1")
                    .provisionedConcurrentExecutions(2));
            assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
            assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
            assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);

            var ready = awaitStatus(h, "warm", "1", ProvisionedConcurrencyStatusEnum.READY);
            assertThat(ready.allocatedProvisionedConcurrentExecutions()).isEqualTo(2);
            assertThat(ready.availableProvisionedConcurrentExecutions()).isEqualTo(2);
            assertThat(h.server().engine().liveSandboxes()).isEqualTo(2);
            assertThat(h.metrics())
                    .containsEntry("hearth_provisioned_sandboxes{function=\"warm\",qualifier=\"1\"}", 2L);
            List<Long> provisionedPids = h.server().engine().sandboxPids();

            // two calls at once, each on a provisioned sandbox: neither waits on an init
            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName("warm").qualifier("1")
                        .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(
                                "{\"action\":\"sleep\",\"seconds\":0.5}"))), clients));
            }
            for (var call : calls) {
                InvokeResponse r = call.get();
                assertThat(r.functionError()).isNull();
                assertThat(r.executedVersion()).isEqualTo("1");
                assertThat(tail(r)).contains("REPORT RequestId").doesNotContain("Init Duration");
            }
            assertThat(h.metrics()).containsEntry("hearth_cold_starts_total", 0L);
            assertThat(h.server().engine().sandboxPids()).containsExactlyInAnyOrderElementsOf(provisionedPids);

            // a provisioned sandbox that dies is replaced
            long killed = provisionedPids.getFirst();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            await().atMost(BOUND).until(() -> {
                var pids = h.server().engine().sandboxPids();
                return pids.size() == 2 && !pids.contains(killed)
                        && get(h, "warm", "1").allocatedProvisionedConcurrentExecutions() == 2;
            });
            assertThat(get(h, "warm", "1").status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
            assertThat(h.metrics().get("hearth_provisioned_replacements_total")).isGreaterThanOrEqualTo(1L);
            assertThat(tail(lambda.invoke(b -> b.functionName("warm").qualifier("1").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{}"))))).doesNotContain("Init Duration");

            // $LATEST cannot be provisioned
            assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                    .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                    .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("unpublished");

            var list = lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm"));
            assertThat(list.provisionedConcurrencyConfigs()).singleElement().satisfies(c -> {
                assertThat(c.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:warm:1");
                assertThat(c.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
                assertThat(c.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
            });

            var deleted = lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("1"));
            assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
            await().atMost(BOUND).until(() -> h.server().engine().liveSandboxes() == 0);
            assertThatThrownBy(() -> get(h, "warm", "1"))
                    .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class);
            assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm"))
                    .provisionedConcurrencyConfigs()).isEmpty();
        }
    }

    @Test
    void aFunctionWhoseInitFailsIsFailedWithAReason(@TempDir Path data) {
        try (var h = new RunningHearth(data)) {
            h.lambda().createFunction(b -> b.functionName("broken").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role("arn:aws:iam::123456789012:role/test")
                    .code(FunctionCode.builder().zipFile(Zips.of(Map.of("app.py",
                            "raise RuntimeError('cannot start')\ndef handler(e, c):\n    return 1\n"))).build()));
            h.lambda().publishVersion(b -> b.functionName("broken"));

            h.lambda().putProvisionedConcurrencyConfig(b -> b.functionName("broken").qualifier("1")
                    .provisionedConcurrentExecutions(1));

            var failed = awaitStatus(h, "broken", "1", ProvisionedConcurrencyStatusEnum.FAILED);
            assertThat(failed.statusReason()).startsWith("FUNCTION_ERROR_INIT_FAILURE");
            assertThat(failed.allocatedProvisionedConcurrentExecutions()).isZero();
            assertThat(h.metrics().get("hearth_provisioned_failures_total")).isGreaterThanOrEqualTo(1L);
        }
    }

    @Test
    void anAliasConfigurationSurvivesARestartAndFollowsTheAlias(@TempDir Path data) {
        var h = new RunningHearth(data);
        try {
            LambdaClient lambda = h.lambda();
            Functions.python(lambda, "aliased", 10, Map.of("GREETING", "one"));
            lambda.publishVersion(b -> b.functionName("aliased"));
            lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1"));
            lambda.putProvisionedConcurrencyConfig(b -> b.functionName("aliased").qualifier("live")
                    .provisionedConcurrentExecutions(1));
            awaitStatus(h, "aliased", "live", ProvisionedConcurrencyStatusEnum.READY);

            h.restart();
            lambda = h.lambda();
            var again = awaitStatus(h, "aliased", "live", ProvisionedConcurrencyStatusEnum.READY);
            assertThat(again.requestedProvisionedConcurrentExecutions()).isEqualTo(1);
            assertThat(h.server().engine().liveSandboxes()).isEqualTo(1);
            long before = h.server().engine().sandboxPids().getFirst();

            // the alias moves to version 2: the provisioned sandbox moves with it
            lambda.updateFunctionConfiguration(b -> b.functionName("aliased").environment(e -> e.variables(
                    Map.of("GREETING", "two"))));
            await().atMost(BOUND).until(() -> h.lambda().getFunction(b -> b.functionName("aliased"))
                    .configuration().lastUpdateStatusAsString().equals("Successful"));
            lambda.publishVersion(b -> b.functionName("aliased"));
            lambda.updateAlias(b -> b.functionName("aliased").name("live").functionVersion("2"));
            await().atMost(BOUND).until(() -> {
                var pids = h.server().engine().sandboxPids();
                return pids.size() == 1 && pids.getFirst() != before
                        && get(h, "aliased", "live").status() == ProvisionedConcurrencyStatusEnum.READY;
            });
            var r = lambda.invoke(b -> b.functionName("aliased").qualifier("live").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{}")));
            assertThat(r.executedVersion()).isEqualTo("2");
            assertThat(r.payload().asUtf8String()).contains("\"greeting\": \"two\"");
            assertThat(tail(r)).doesNotContain("Init Duration");
        } finally {
            h.close();
        }
    }
}
