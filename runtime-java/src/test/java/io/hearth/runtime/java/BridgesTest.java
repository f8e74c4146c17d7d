package io.hearth.runtime.java;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generated implementations of core interfaces, and the Proxy fallback. */
class BridgesTest {
    private final Bridges bridges = new Bridges(BridgesTest.class.getClassLoader());

    /** Records calls; answers by method name. */
    private static final class Recorder implements Answers {
        final List<String> calls = new ArrayList<>();
        final Object identity;

        Recorder(Object identity) {
            this.identity = identity;
        }

        @Override
        public Object answer(String method, Object arg) {
            calls.add(method + (arg == null ? "" : "(" + (arg instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : arg) + ")"));
            return switch (method) {
                case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 42;
                case "getIdentity" -> identity;
                case "getClientContext" -> null;
                case "getIdentityId" -> "id-1";
                case "getTenantId" -> "tenant";
                default -> method.startsWith("get") ? method.substring(3) : null;
            };
        }

        @Override
        public String toString() {
            return "recorder";
        }
    }

    @Test
    void aGeneratedContextRoutesEveryMethodWithTypedResults() {
        var cognito = (CognitoIdentity) bridges.implement(CognitoIdentity.class, Set.of(), new Recorder(null));
        var answers = new Recorder(cognito);
        var c = (Context) bridges.implement(Context.class, Set.of("getTenantId"), answers);
        assertThat(Proxy.isProxyClass(c.getClass())).isFalse();
        assertThat(c.getClass().getName()).isEqualTo("io.hearth.runtime.java.bridge.ContextBridge");
        assertThat(c.getAwsRequestId()).isEqualTo("AwsRequestId");
        assertThat(c.getRemainingTimeInMillis()).isEqualTo(42);
        assertThat(c.getIdentity().getIdentityId()).isEqualTo("id-1");
        assertThat(c.getClientContext()).isNull();
        assertThat(c.getTenantId()).isEqualTo("tenant");            // an overridden default
        assertThat(c.getXrayTraceId()).isNull();                     // a default left as the interface's
        assertThat(c.toString()).isEqualTo("recorder");
        var second = (Context) bridges.implement(Context.class, Set.of("getTenantId"), new Recorder(null));
        assertThat(second.getClass()).isSameAs(c.getClass());
        assertThat(second.getIdentity()).isNull();
        assertThat(answers.calls).doesNotContain("getXrayTraceId");
    }

    @Test
    void aGeneratedLoggerKeepsTheInterfacesDefaultMethods() {
        var answers = new Recorder(null);
        var log = (LambdaLogger) bridges.implement(LambdaLogger.class, Set.of(), answers);
        log.log("text");
        log.log("bytes".getBytes(StandardCharsets.UTF_8));
        log.log("levelled", LogLevel.INFO);                          // the default calls log(String)
        assertThat(answers.calls).containsExactly("log(text)", "log(bytes)", "log(levelled)");
    }

    /** Not public: a class in another loader cannot implement it, so the Proxy fallback serves it. */
    interface Hidden {
        String name();

        int count(int n);
    }

    @Test
    void anInterfaceThatCannotBeImplementedByAGeneratedClassFallsBackToAProxy() {
        var h = (Hidden) bridges.implement(Hidden.class, Set.of(), (method, arg) -> method.equals("name") ? "proxied" : 1);
        assertThat(Proxy.isProxyClass(h.getClass())).isTrue();
        assertThat(h.name()).isEqualTo("proxied");
        assertThatThrownBy(() -> h.count(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Public, with a method the generated class cannot route. */
    public interface Awkward {
        String fine();

        String twoArgs(String a, String b);
    }

    @Test
    void methodsThatCannotBeRoutedThrowUnsupportedOperation() {
        var a = (Awkward) bridges.implement(Awkward.class, Set.of(), (method, arg) -> "ok");
        assertThat(Proxy.isProxyClass(a.getClass())).isFalse();
        assertThat(a.fine()).isEqualTo("ok");
        assertThatThrownBy(() -> a.twoArgs("x", "y")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("twoArgs");
    }

    @Test
    void clientContextMapsPassThrough() {
        var cc = (ClientContext) bridges.implement(ClientContext.class, Set.of(),
                (method, arg) -> method.equals("getCustom") ? java.util.Map.of("k", "v") : null);
        assertThat(cc.getCustom()).containsEntry("k", "v");
        assertThat(cc.getClient()).isNull();
    }
}
