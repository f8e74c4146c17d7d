package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Published versions, aliases, weighted routing and qualifiers through the AWS SDK v2. */
class VersionsAndAliasesTest {
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

    static SdkBytes code(String answer) {
        return Zips.of(Map.of("app.py", "def handler(e, c):\n    return '" + answer + "'\n"));
    }

    static void create(String name, String answer) {
        hearth.lambda().createFunction(b -> b.functionName(name).runtime("python3.12").handler("app.handler").role("r")
                .code(c -> c.zipFile(code(answer))));
    }

    static String invoke(String fn, String qualifier) {
        var r = hearth.lambda().invoke(b -> b.functionName(fn).qualifier(qualifier).payload(SdkBytes.fromUtf8String("{}")));
        return r.executedVersion() + "=" + r.payload().asUtf8String();
    }

    @Test
    void publishInvokeByQualifierAndList() {
        var lambda = hearth.lambda();
        create("ver", "one");
        var v1 = lambda.publishVersion(b -> b.functionName("ver").description("first"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith(":function:ver:1");
        assertThat(v1.description()).isEqualTo("first");
        lambda.updateFunctionCode(b -> b.functionName("ver").zipFile(code("two")));
        var v2 = lambda.publishVersion(b -> b.functionName("ver"));
        assertThat(v2.version()).isEqualTo("2");
        // nothing changed since 2: publishing again returns 2
        assertThat(lambda.publishVersion(b -> b.functionName("ver")).version()).isEqualTo("2");
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("ver")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");

        assertThat(invoke("ver", "1")).isEqualTo("1=\"one\"");
        assertThat(invoke("ver", "2")).isEqualTo("2=\"two\"");
        assertThat(invoke("ver", null)).isEqualTo("$LATEST=\"two\"");
        assertThat(lambda.invoke(b -> b.functionName("ver:1")).payload().asUtf8String()).isEqualTo("\"one\"");
        assertThat(lambda.getFunction(b -> b.functionName("ver").qualifier("1")).configuration().version()).isEqualTo("1");
        assertThatThrownBy(() -> invoke("ver", "9")).isInstanceOf(ResourceNotFoundException.class);

        // Publish=true on an update publishes at once
        var v3 = lambda.updateFunctionCode(b -> b.functionName("ver").zipFile(code("three")).publish(true));
        assertThat(v3.version()).isEqualTo("3");
        assertThat(invoke("ver", "3")).isEqualTo("3=\"three\"");

        // a stale precondition is refused
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("ver").revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("ver").codeSha256("bm90IHRoZSBzaGE=")))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void aliasesPointAndRouteByWeight() {
        var lambda = hearth.lambda();
        create("al", "one");
        lambda.publishVersion(b -> b.functionName("al"));
        lambda.updateFunctionCode(b -> b.functionName("al").zipFile(code("two")));
        lambda.publishVersion(b -> b.functionName("al"));

        var live = lambda.createAlias(b -> b.functionName("al").name("live").functionVersion("1"));
        assertThat(live.aliasArn()).endsWith(":function:al:live");
        assertThat(invoke("al", "live")).isEqualTo("1=\"one\"");
        assertThat(lambda.getAlias(b -> b.functionName("al").name("live")).functionVersion()).isEqualTo("1");

        var routed = lambda.updateAlias(b -> b.functionName("al").name("live").revisionId(live.revisionId())
                .routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of("2", 0.3)).build()));
        assertThat(routed.routingConfig().additionalVersionWeights()).containsEntry("2", 0.3);
        int toTwo = 0;
        int n = 1000;
        for (int i = 0; i < n; i++) {
            if (invoke("al", "live").startsWith("2=")) toTwo++;
        }
        assertThat(toTwo * 100.0 / n).isBetween(27.0, 33.0);

        // stale revision, alias named like a number, weight > 1, two extra versions, unknown version
        assertThatThrownBy(() -> lambda.updateAlias(b -> b.functionName("al").name("live").functionVersion("2")
                .revisionId(live.revisionId()))).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("al").name("123").functionVersion("1")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("al").name("heavy").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("al").name("many").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("al").name("ghost").functionVersion("7")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("al").name("live").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class);

        // a version an alias uses cannot be deleted; an unused one can
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("al").qualifier("2")))
                .isInstanceOf(ResourceConflictException.class);
        lambda.updateAlias(b -> b.functionName("al").name("live").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of())));
        lambda.deleteFunction(b -> b.functionName("al").qualifier("2"));
        assertThatThrownBy(() -> invoke("al", "2")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.listAliases(b -> b.functionName("al")).aliases()).hasSize(1);
        lambda.deleteAlias(b -> b.functionName("al").name("live"));
        assertThatThrownBy(() -> invoke("al", "live")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("al").qualifier("$LATEST")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void versionsAndAliasesSurviveARestart(@TempDir Path own) {
        try (var node = new RunningHearth(own)) {
            node.lambda().createFunction(b -> b.functionName("durable-v").runtime("python3.12").handler("app.handler")
                    .role("r").code(c -> c.zipFile(code("kept"))).publish(true));
            node.lambda().createAlias(b -> b.functionName("durable-v").name("prod").functionVersion("1"));
            node.restart();
            var r = node.lambda().invoke(b -> b.functionName("durable-v").qualifier("prod"));
            assertThat(r.executedVersion()).isEqualTo("1");
            assertThat(r.payload().asUtf8String()).isEqualTo("\"kept\"");
        }
    }
}
