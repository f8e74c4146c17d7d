package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** The Lambda control plane through the AWS SDK for Java v2 against a real node. */
class ControlPlaneSdkTest {
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

    @Test
    void createGetUpdateDeleteRoundTrip() {
        var lambda = hearth.lambda();
        var created = Functions.python(lambda, "cp-roundtrip", 7, Map.of("GREETING", "hi"));
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:cp-roundtrip");
        assertThat(created.state()).isEqualTo(State.ACTIVE);
        assertThat(created.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(created.timeout()).isEqualTo(7);
        assertThat(created.memorySize()).isEqualTo(128);
        assertThat(created.codeSha256()).isNotBlank();
        assertThat(Base64.getDecoder().decode(created.codeSha256())).hasSize(32);
        assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(created.environment().variables()).containsEntry("GREETING", "hi");
        assertThat(created.role()).isEqualTo("arn:aws:iam::123456789012:role/test");

        var got = lambda.getFunction(b -> b.functionName("cp-roundtrip"));
        assertThat(got.configuration().revisionId()).isEqualTo(created.revisionId());
        assertThat(got.code().location()).contains("/hearth/v1/code/");

        // every accepted form of FunctionName
        for (String form : List.of("cp-roundtrip:$LATEST", "123456789012:function:cp-roundtrip",
                "arn:aws:lambda:us-east-1:123456789012:function:cp-roundtrip")) {
            assertThat(lambda.getFunctionConfiguration(b -> b.functionName(form)).functionName()).isEqualTo("cp-roundtrip");
        }

        assertThat(got.configuration().role()).isEqualTo("arn:aws:iam::123456789012:role/test");
        var updated = lambda.updateFunctionConfiguration(b -> b.functionName("cp-roundtrip").memorySize(256)
                .environment(Environment.builder().variables(Map.of("GREETING", "hello")).build()));
        assertThat(updated.memorySize()).isEqualTo(256);
        assertThat(updated.role()).isEqualTo("arn:aws:iam::123456789012:role/test");
        assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());

        var code = lambda.updateFunctionCode(b -> b.functionName("cp-roundtrip")
                .zipFile(Zips.of(Map.of("app.py", "def handler(e, c):\n    return 'v2'\n"))));
        assertThat(code.codeSha256()).isNotEqualTo(created.codeSha256());
        assertThat(code.revisionId()).isNotEqualTo(updated.revisionId());
        assertThat(lambda.invoke(b -> b.functionName("cp-roundtrip")).payload().asUtf8String()).isEqualTo("\"v2\"");

        assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("cp-roundtrip")
                .revisionId(created.revisionId()).zipFile(Zips.of(Map.of("app.py", "x=1")))))
                .isInstanceOf(PreconditionFailedException.class);

        lambda.deleteFunction(b -> b.functionName("cp-roundtrip"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("cp-roundtrip")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("cp-roundtrip")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listPaginatesWithMarker() {
        var lambda = hearth.lambda();
        for (int i = 0; i < 5; i++) Functions.python(lambda, "cp-list-" + i);
        var names = new ArrayList<String>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            var page = lambda.listFunctions(b -> b.maxItems(2).marker(m));
            page.functions().stream().map(FunctionConfiguration::functionName).filter(n -> n.startsWith("cp-list-"))
                    .forEach(names::add);
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 50);
        assertThat(names).containsExactly("cp-list-0", "cp-list-1", "cp-list-2", "cp-list-3", "cp-list-4");
        assertThat(lambda.listFunctionsPaginator(b -> b.maxItems(3)).functions().stream()
                .filter(f -> f.functionName().startsWith("cp-list-")).count()).isEqualTo(5);
    }

    @Test
    void tagsRoundTrip() {
        var lambda = hearth.lambda();
        String arn = Functions.python(lambda, "cp-tags").functionArn();
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("team", "core", "env", "dev")));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsOnly(Map.entry("team", "core"),
                Map.entry("env", "dev"));
        lambda.untagResource(b -> b.resource(arn).tagKeys("env"));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsOnly(Map.entry("team", "core"));
        assertThat(lambda.getFunction(b -> b.functionName("cp-tags")).tags()).containsEntry("team", "core");
    }

    @Test
    void accountSettingsReportLimitsAndUsage() {
        var lambda = hearth.lambda();
        Functions.python(lambda, "cp-account");
        var s = lambda.getAccountSettings();
        assertThat(s.accountLimit().concurrentExecutions()).isEqualTo(16);
        assertThat(s.accountUsage().functionCount()).isGreaterThanOrEqualTo(1);
        assertThat(s.accountUsage().totalCodeSize()).isPositive();
    }

    @Test
    void badInputsGetLambdaErrors() {
        var lambda = hearth.lambda();
        Functions.python(lambda, "cp-exists");
        assertThatThrownBy(() -> Functions.python(lambda, "cp-exists")).isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("cp-exists");
        assertThatThrownBy(() -> Functions.python(lambda, "bad name!")).isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> Functions.python(lambda, "cp-timeout", 901, Map.of()))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("cp-runtime").runtime("cobol85")
                .handler("a.b").role("r").code(FunctionCode.builder().zipFile(Zips.of(Map.of("a.py", ""))).build())))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("runtime");
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("cp-mem").runtime(Runtime.PYTHON3_12)
                .handler("a.b").role("r").memorySize(64)
                .code(FunctionCode.builder().zipFile(Zips.of(Map.of("a.py", ""))).build())))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("cp-zip").runtime(Runtime.PYTHON3_12)
                .handler("a.b").role("r")
                .code(FunctionCode.builder().zipFile(SdkBytes.fromUtf8String("not a zip at all")).build())))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("unzip");
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("cp-slip").runtime(Runtime.PYTHON3_12)
                .handler("a.b").role("r")
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(Zips.raw("../../evil.py", "x=1"))).build())))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("cp-missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("cp-missing");
        assertThatThrownBy(() -> lambda.listFunctions(b -> b.maxItems(0)))
                .isInstanceOf(InvalidParameterValueException.class);
        // nothing half-created by the refusals
        assertThat(lambda.listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName)
                .filter(n -> n.startsWith("cp-") && !n.startsWith("cp-list") && !n.equals("cp-exists")
                        && !n.equals("cp-tags") && !n.equals("cp-account") && !n.equals("cp-roundtrip")))
                .isEmpty();
    }

    @Test
    void functionsSurviveRestart(@TempDir Path own) {
        try (var node = new RunningHearth(own)) {
            var created = Functions.python(node.lambda(), "cp-durable", 5, Map.of("GREETING", "kept"));
            node.restart();
            var got = node.lambda().getFunctionConfiguration(b -> b.functionName("cp-durable"));
            assertThat(got.revisionId()).isEqualTo(created.revisionId());
            assertThat(got.codeSha256()).isEqualTo(created.codeSha256());
            assertThat(got.environment().variables()).containsEntry("GREETING", "kept");
            assertThat(node.lambda().invoke(b -> b.functionName("cp-durable")
                    .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String()).contains("\"kept\"");
        }
    }
}
