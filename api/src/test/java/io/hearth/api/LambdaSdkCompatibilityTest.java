package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/** The AWS SDK for Java v2, unchanged, parses every answer and maps every error to its class. */
class LambdaSdkCompatibilityTest {
    private static TestApi api;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        lambda = api.sdkClient();
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
    }

    private static CreateFunctionResponse create(String name, String handler) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12)
                .role("arn:aws:iam::123456789012:role/lambda").handler(handler)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestApi.zip("index.py", "def handler(e, c): return e\n"))))
                .timeout(10).memorySize(256)
                .environment(e -> e.variables(Map.of("STAGE", "test")))
                .tags(Map.of("team", "core")));
    }

    @Test
    void createGetListUpdateDelete() {
        CreateFunctionResponse created = create("sdk-fn", "index.handler");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:sdk-fn");
        assertThat(created.runtime()).isEqualTo(Runtime.PYTHON3_12);
        assertThat(created.state()).isEqualTo(State.ACTIVE);
        assertThat(created.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(created.architectures()).containsExactly(Architecture.X86_64);
        assertThat(created.environment().variables()).containsEntry("STAGE", "test");
        assertThat(created.ephemeralStorage().size()).isEqualTo(512);
        assertThat(created.lastModified()).isEqualTo("2026-11-22T12:00:00.000+0000");
        assertThat(created.timeout()).isEqualTo(10);
        assertThat(created.memorySize()).isEqualTo(256);
        assertThat(Base64.getDecoder().decode(created.codeSha256())).hasSize(32);

        GetFunctionResponse got = lambda.getFunction(b -> b.functionName("sdk-fn"));
        assertThat(got.configuration().revisionId()).isEqualTo(created.revisionId());
        assertThat(got.code().repositoryType()).isEqualTo("S3");
        assertThat(got.code().location()).startsWith(api.base + "/hearth/v1/code/");
        assertThat(got.tags()).containsEntry("team", "core");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("sdk-fn").qualifier("$LATEST")).functionArn())
                .endsWith(":sdk-fn:$LATEST");

        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("sdk-fn"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("sdk-fn"));

        create("sdk-fn2", "index.handler");
        var page = lambda.listFunctions(b -> b.maxItems(1));
        assertThat(page.functions()).extracting(FunctionConfiguration::functionName).containsExactly("sdk-fn");
        assertThat(page.nextMarker()).isNotNull();
        assertThat(lambda.listFunctionsPaginator(b -> b.maxItems(1)).functions().stream()
                .map(FunctionConfiguration::functionName).toList()).containsExactly("sdk-fn", "sdk-fn2");

        byte[] newZip = TestApi.zip("index.py", "def handler(e, c): return 1\n");
        var code = lambda.updateFunctionCode(b -> b.functionName("sdk-fn").zipFile(SdkBytes.fromByteArray(newZip))
                .revisionId(created.revisionId()));
        assertThat(code.codeSha256()).isEqualTo(FakeControlPlane.codeRef(newZip).sha256Base64());
        var config = lambda.updateFunctionConfiguration(b -> b.functionName("sdk-fn").timeout(99)
                .environment(e -> e.variables(Map.of())));
        assertThat(config.timeout()).isEqualTo(99);
        assertThat(config.revisionId()).isNotEqualTo(code.revisionId());

        lambda.deleteFunction(b -> b.functionName("sdk-fn"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("sdk-fn")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Function not found");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void invokeInAllThreeTypes() {
        create("sdk-echo", "index.handler");
        create("sdk-fail", FakeInvokeService.FAILING_HANDLER);

        InvokeResponse sync = lambda.invoke(b -> b.functionName("sdk-echo").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.payload().asUtf8String()).isEqualTo("{\"n\":1}");
        assertThat(sync.executedVersion()).isEqualTo("$LATEST");
        assertThat(sync.functionError()).isNull();
        assertThat(new String(Base64.getDecoder().decode(sync.logResult()), StandardCharsets.UTF_8))
                .startsWith("START RequestId: " + sync.responseMetadata().requestId());

        InvokeResponse failed = lambda.invoke(b -> b.functionName("sdk-fail"));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("\"errorMessage\":\"boom\"");

        InvokeResponse event = lambda.invoke(b -> b.functionName("sdk-echo").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(event.statusCode()).isEqualTo(202);
        assertThat(api.invoke.queued()).containsExactly(event.responseMetadata().requestId());

        InvokeResponse dry = lambda.invoke(b -> b.functionName("sdk-echo").invocationType(InvocationType.DRY_RUN));
        assertThat(dry.statusCode()).isEqualTo(204);
    }

    @Test
    void versionsAndAliases() {
        CreateFunctionResponse created = create("sdk-ver", "index.handler");

        PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName("sdk-ver").description("first")
                .codeSha256(created.codeSha256()).revisionId(created.revisionId()));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:sdk-ver:1");
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.state()).isEqualTo(State.ACTIVE);
        var v2 = lambda.updateFunctionCode(b -> b.functionName("sdk-ver").publish(true)
                .zipFile(SdkBytes.fromByteArray(TestApi.zip("index.py", "def handler(e, c): return 2\n"))));
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.functionArn()).endsWith(":sdk-ver:2");

        ListVersionsByFunctionResponse versions = lambda.listVersionsByFunction(b -> b.functionName("sdk-ver")
                .maxItems(2));
        assertThat(versions.versions()).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1");
        assertThat(versions.nextMarker()).isEqualTo("1");
        assertThat(lambda.listVersionsByFunctionPaginator(b -> b.functionName("sdk-ver").maxItems(1)).versions()
                .stream().map(FunctionConfiguration::functionArn).toList())
                .containsExactly("arn:aws:lambda:us-east-1:123456789012:function:sdk-ver:$LATEST",
                        "arn:aws:lambda:us-east-1:123456789012:function:sdk-ver:1",
                        "arn:aws:lambda:us-east-1:123456789012:function:sdk-ver:2");

        CreateAliasResponse alias = lambda.createAlias(b -> b.functionName("sdk-ver").name("live").functionVersion("1")
                .description("prod").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1))));
        assertThat(alias.aliasArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:sdk-ver:live");
        assertThat(alias.name()).isEqualTo("live");
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThat(alias.description()).isEqualTo("prod");
        assertThat(alias.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("2", 0.1));
        assertThat(alias.revisionId()).isNotBlank();

        GetAliasResponse got = lambda.getAlias(b -> b.functionName("sdk-ver").name("live"));
        assertThat(got.revisionId()).isEqualTo(alias.revisionId());
        assertThat(got.routingConfig().additionalVersionWeights()).containsEntry("2", 0.1);

        UpdateAliasResponse updated = lambda.updateAlias(b -> b.functionName("sdk-ver").name("live").functionVersion("2")
                .routingConfig(r -> r.additionalVersionWeights(Map.of())).revisionId(alias.revisionId()));
        assertThat(updated.functionVersion()).isEqualTo("2");
        assertThat(updated.description()).isEqualTo("prod");
        assertThat(updated.routingConfig()).isNull();
        assertThat(updated.revisionId()).isNotEqualTo(alias.revisionId());

        lambda.createAlias(b -> b.functionName("sdk-ver").name("old").functionVersion("1"));
        ListAliasesResponse aliases = lambda.listAliases(b -> b.functionName("sdk-ver"));
        assertThat(aliases.aliases()).extracting(AliasConfiguration::name).containsExactly("live", "old");
        assertThat(aliases.nextMarker()).isNull();
        assertThat(lambda.listAliases(b -> b.functionName("sdk-ver").functionVersion("1")).aliases())
                .extracting(AliasConfiguration::name).containsExactly("old");

        GetFunctionResponse byAlias = lambda.getFunction(b -> b.functionName("sdk-ver").qualifier("live"));
        assertThat(byAlias.configuration().version()).isEqualTo("2");
        assertThat(byAlias.configuration().functionArn()).endsWith(":sdk-ver:live");
        assertThat(byAlias.tags()).containsEntry("team", "core");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("sdk-ver:1")).description()).isEqualTo("first");

        InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("sdk-ver").qualifier("live")
                .payload(SdkBytes.fromUtf8String("{\"q\":1}")));
        assertThat(viaAlias.statusCode()).isEqualTo(200);
        assertThat(viaAlias.executedVersion()).isEqualTo("2");
        assertThat(viaAlias.payload().asUtf8String()).isEqualTo("{\"q\":1}");
        assertThat(lambda.invoke(b -> b.functionName("sdk-ver:1")).executedVersion()).isEqualTo("1");

        lambda.deleteAlias(b -> b.functionName("sdk-ver").name("old"));
        lambda.deleteFunction(b -> b.functionName("sdk-ver").qualifier("1"));
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("sdk-ver")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "2");
        assertThat(lambda.listAliases(b -> b.functionName("sdk-ver")).aliases()).hasSize(1);
    }

    @Test
    void versioningErrorsMapToTheirExceptionClasses() {
        create("sdk-verr", "index.handler");
        lambda.publishVersion(b -> b.functionName("sdk-verr"));
        String revision = lambda.createAlias(b -> b.functionName("sdk-verr").name("live").functionVersion("1"))
                .revisionId();

        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("sdk-verr").name("42").functionVersion("1")))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.getMessage()).contains("Value '42' at 'name'"));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("sdk-verr").name("w").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("sdk-verr").name("live").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.getAlias(b -> b.functionName("sdk-verr").name("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("sdk-verr").name("x").functionVersion("9")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.updateAlias(b -> b.functionName("sdk-verr").name("live").description("moved on"));
        assertThatThrownBy(() -> lambda.updateAlias(b -> b.functionName("sdk-verr").name("live").revisionId(revision)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("sdk-verr").qualifier("1")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("sdk-verr").codeSha256("AAAA")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-verr").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void reservedConcurrency() {
        String arn = create("sdk-conc", "index.handler").functionArn();
        lambda.publishVersion(b -> b.functionName("sdk-conc"));
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("sdk-conc")).reservedConcurrentExecutions())
                .isNull();
        assertThat(lambda.getFunction(b -> b.functionName("sdk-conc")).concurrency()).isNull();

        PutFunctionConcurrencyResponse put = lambda.putFunctionConcurrency(b -> b.functionName("sdk-conc")
                .reservedConcurrentExecutions(40));
        assertThat(put.reservedConcurrentExecutions()).isEqualTo(40);
        assertThat(put.responseMetadata().requestId()).isNotBlank();
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("sdk-conc")).reservedConcurrentExecutions())
                .isEqualTo(40);
        assertThat(lambda.getFunction(b -> b.functionName("sdk-conc")).concurrency().reservedConcurrentExecutions())
                .isEqualTo(40);
        assertThat(lambda.getFunction(b -> b.functionName("sdk-conc").qualifier("1")).concurrency()
                .reservedConcurrentExecutions()).isEqualTo(40);
        assertThat(lambda.getAccountSettings(b -> { }).accountLimit().unreservedConcurrentExecutions())
                .isEqualTo(FakeControlPlane.CONCURRENCY - 40);
        assertThat(lambda.putFunctionConcurrency(b -> b.functionName(arn).reservedConcurrentExecutions(0))
                .reservedConcurrentExecutions()).isZero();
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName(arn)).reservedConcurrentExecutions()).isZero();

        var deleted = lambda.deleteFunctionConcurrency(b -> b.functionName("sdk-conc"));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("sdk-conc")).reservedConcurrentExecutions())
                .isNull();
        assertThat(lambda.getFunction(b -> b.functionName("sdk-conc")).concurrency()).isNull();
    }

    @Test
    void reservedConcurrencyErrorsMapToTheirExceptionClasses() {
        create("sdk-cerr", "index.handler");
        lambda.publishVersion(b -> b.functionName("sdk-cerr"));

        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("sdk-cerr")
                .reservedConcurrentExecutions(-1)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Value -1 at 'reservedConcurrentExecutions'");
                });
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("sdk-cerr")))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.getMessage()).contains("Value null at 'reservedConcurrentExecutions'"));
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("sdk-cerr:1")
                .reservedConcurrentExecutions(5))).isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.getFunctionConcurrency(b -> b.functionName("sdk-cerr:1")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.deleteFunctionConcurrency(b -> b.functionName("sdk-cerr:1")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("sdk-cerr")
                .reservedConcurrentExecutions(FakeControlPlane.CONCURRENCY)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.getMessage()).contains("below its minimum value"));
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("nobody")
                .reservedConcurrentExecutions(1))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.getFunctionConcurrency(b -> b.functionName("nobody")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.deleteFunctionConcurrency(b -> b.functionName("nobody")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(api.control.reservedConcurrency("sdk-cerr")).isEmpty();
    }

    @Test
    void tagsAndAccountSettings() {
        String arn = create("sdk-tags", "index.handler").functionArn();

        lambda.tagResource(b -> b.resource(arn).tags(Map.of("a", "1", "b", "2")));
        lambda.untagResource(b -> b.resource(arn).tagKeys(List.of("team", "a")));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).isEqualTo(Map.of("b", "2"));

        var settings = lambda.getAccountSettings(b -> { });
        assertThat(settings.accountLimit().concurrentExecutions()).isEqualTo(FakeControlPlane.CONCURRENCY);
        assertThat(settings.accountLimit().codeSizeZipped()).isEqualTo(52_428_800L);
        assertThat(settings.accountUsage().functionCount()).isEqualTo(1L);
    }

    @Test
    void errorsMapToTheirExceptionClasses() {
        create("sdk-err", "index.handler");

        assertThatThrownBy(() -> create("sdk-err", "index.handler")).isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("sdk-err").timeout(901)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.getMessage()).contains("Value 901 at 'timeout'"));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("sdk-err").revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-err")
                .payload(SdkBytes.fromUtf8String("not json"))))
                .isInstanceOf(InvalidRequestContentException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-err")
                .payload(SdkBytes.fromUtf8String("\"" + "x".repeat(InvokeHandler.SYNC_LIMIT) + "\""))))
                .isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("nobody"))).isInstanceOf(ResourceNotFoundException.class);

        api.invoke.failNext(HearthException.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded.", 3));
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("sdk-err")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo("3");
                    assertThat(e.reason()).isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
                    assertThat(e.statusCode()).isEqualTo(429);
                });

        api.control.failNext(new IllegalStateException("bug"));
        assertThatThrownBy(() -> lambda.listFunctions()).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.statusCode()).isEqualTo(500));
    }
}
