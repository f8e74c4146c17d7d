package io.hearth.runtime.java;

import fixtures.Handlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Handler resolution by Lambda's rules, in process, against fixture classes on the test class path. */
class HandlerLoaderTest {
    private static final LambdaTypes TYPES = LambdaTypes.load(HandlerLoaderTest.class.getClassLoader());
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private final ContextFactory contexts = new ContextFactory(TYPES, new Environment(Map.of(
            "AWS_LAMBDA_FUNCTION_NAME", "fn", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")), CLOCK);

    private String invoke(String handler, String event) throws Throwable {
        HandlerMethod h = HandlerLoader.load(handler, TYPES);
        var inv = new Invocation("req-1", 1_000_000 + 2_500, "arn", "Root=1", null, null, null, false,
                event.getBytes(StandardCharsets.UTF_8));
        var out = h.invoke(inv.payload(), h.needsContext() ? contexts.create(inv) : null, new ResponseBuffer());
        return new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static String name(Class<?> c) {
        return c.getName();
    }

    @Test
    void overloadsAreRankedLongestFirstWithATrailingContextCountingDouble() throws Throwable {
        assertThat(invoke(name(Handlers.Ranked.class) + "::handle", "\"s\"")).isEqualTo("\"with-context s req-1\"");
        assertThat(invoke(name(Handlers.Streaming.class) + "::handle", "{}")).isEqualTo("stream:{}");
    }

    @Test
    void signaturesLambdaDoesNotAcceptLeaveNoHandler() {
        assertThatThrownBy(() -> HandlerLoader.load(name(Handlers.Odd.class) + "::handle", TYPES))
                .isInstanceOf(UserFault.class)
                .hasMessage("No public method named handle with appropriate method signature found on class "
                        + name(Handlers.Odd.class))
                .extracting(e -> ((UserFault) e).errorType()).isEqualTo(UserFault.HANDLER_NOT_FOUND);
    }

    @Test
    void inheritedMethodsAndStaticMethodsOfUninstantiableClasses() throws Throwable {
        assertThat(invoke(name(Handlers.Child.class) + "::inherited", "[1,2,3]")).isEqualTo("\"sum 6\"");
        assertThat(invoke(name(Handlers.Hidden.class) + "::still", "\"x\"")).isEqualTo("\"static x\"");
        assertThatThrownBy(() -> HandlerLoader.load(name(Handlers.Hidden.class) + "::handle", TYPES))
                .hasMessage("Class " + name(Handlers.Hidden.class) + " has no public zero-argument constructor")
                .extracting(e -> ((UserFault) e).errorType()).isEqualTo("java.lang.Exception");
    }

    @Test
    void requestHandlerTypeArgumentsAreFoundThroughSuperclassesAndInterfaces() throws Throwable {
        assertThat(invoke(name(Handlers.Concrete.class), "{\"x\":1,\"y\":2}")).isEqualTo("\"base got Point[x=1, y=2]\"");
        assertThat(invoke(name(Handlers.ViaInterface.class), "[\"a\",\"b\"]")).isEqualTo("2");
        assertThat(invoke(name(Handlers.Silent.class), "{}")).isEqualTo("null");
        assertThatThrownBy(() -> HandlerLoader.load(name(Handlers.Unbound.class), TYPES))
                .hasMessage("Class " + name(Handlers.Unbound.class) + " does not implement RequestHandler with concrete type parameters");
    }

    @Test
    void contextTimeComesFromTheInjectedClockAndTheLoggerIsAGeneratedBridge() throws Throwable {
        assertThat(invoke(name(Handlers.Remaining.class), "{}")).isEqualTo("\"2500 fn 1024 io.hearth.runtime.java.bridge.LambdaLoggerBridge\"");
    }

    @Test
    void badHandlerStringsAndMissingClasses() {
        assertThatThrownBy(() -> HandlerLoader.load("::m", TYPES)).hasMessage("Invalid handler: `::m'");
        assertThatThrownBy(() -> HandlerLoader.load("", TYPES)).hasMessage("Invalid handler: `'");
        assertThatThrownBy(() -> HandlerLoader.load("no.such.Type::m", TYPES)).hasMessage("Class not found: no.such.Type")
                .extracting(e -> ((UserFault) e).errorType()).isEqualTo("java.lang.ClassNotFoundException");
    }
}
