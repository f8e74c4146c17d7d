package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorReportTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 10);
    }

    @Test
    void framesFromTheRuntimeDownAreCutFromTheThrowableAndItsCauses() {
        var cause = new IllegalArgumentException("inner");
        cause.setStackTrace(new StackTraceElement[] {frame("user.Lib", "parse"), frame("io.hearth.runtime.java.HandlerMethod", "event")});
        var top = new IllegalStateException("outer", cause);
        top.setStackTrace(new StackTraceElement[] {frame("user.Handler", "handle"), frame("java.lang.reflect.Method", "invoke"),
                frame("io.hearth.runtime.java.HandlerMethod", "invoke"), frame("io.hearth.runtime.java.Main", "main")});
        ErrorReport r = ErrorReport.of(top);
        assertThat(r.stackTrace()).containsExactly("user.Handler.handle(Handler.java:10)",
                "java.lang.reflect.Method.invoke(Method.java:10)");
        assertThat(r.cause().stackTrace()).containsExactly("user.Lib.parse(Lib.java:10)");
        assertThat(top.getStackTrace()).hasSize(2);                 // cut in place, so the log shows the same
    }

    @Test
    void jsonCarriesMessageTypeTraceAndNestedCauses() {
        var r = new ErrorReport("bad \"input\"", "x.Y", List.of("a.B.c(B.java:1)"),
                new ErrorReport("x.Z", "x.Z", List.of(), null));
        assertThat(new String(r.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"errorMessage\":\"bad \\\"input\\\"\","
                + "\"errorType\":\"x.Y\",\"stackTrace\":[\"a.B.c(B.java:1)\"],\"cause\":{\"errorMessage\":\"x.Z\","
                + "\"errorType\":\"x.Z\",\"stackTrace\":[]}}");
    }

    @Test
    void aThrowableWithoutMessageIsNamedByItsClassAndCauseCyclesEnd() {
        var a = new RuntimeException();
        var b = new RuntimeException("b");
        a.initCause(b);
        b.initCause(a);
        ErrorReport r = ErrorReport.of(a);
        assertThat(r.errorMessage()).isEqualTo("java.lang.RuntimeException");
        assertThat(r.cause().errorMessage()).isEqualTo("b");
        assertThat(r.cause().cause()).isNull();
    }

    @Test
    void theLogTextIsLambdasMessageTypeLineThenTheStackTrace() {
        var t = new IllegalStateException("boom");
        t.setStackTrace(new StackTraceElement[] {frame("user.Handler", "handle")});
        assertThat(ErrorReport.logText("boom", "java.lang.IllegalStateException", t)).startsWith(
                "boom: java.lang.IllegalStateException\njava.lang.IllegalStateException: boom\n\tat user.Handler.handle(Handler.java:10)");
    }
}
