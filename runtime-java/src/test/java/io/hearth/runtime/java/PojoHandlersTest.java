package io.hearth.runtime.java;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POJO handlers in a real runtime process: input mapping, output JSON, method selection. */
class PojoHandlersTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bundled();
    }

    private static FakeRuntimeApi.Post invokeOnce(String handler, String event) throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("pojo"), api.environment(task, handler))) {
            String id = api.offer(event);
            FakeRuntimeApi.Post p = api.awaitPost();
            assertThat(p.requestId()).as("stdout: %s stderr: %s", rt.stdout(), rt.stderr()).isEqualTo(id);
            return p;
        }
    }

    @Test
    void requestHandlerOfMapToStringGetsNaturalValuesAndAnswersAJsonString() throws Exception {
        var p = invokeOnce("example.Greeter", "{\"name\":\"Ada\",\"n\":3,\"nested\":{\"a\":[1,2.5]}}");
        assertThat(p.kind()).isEqualTo("response");
        assertThat(p.text()).isEqualTo("\"hello Ada (3 keys, n is Integer, nested {a=[1, 2.5]})\"");
    }

    @Test
    void requestHandlerOfPojoToPojoMapsBeansFieldsAndBigDecimalsAndOmitsNulls() throws Exception {
        var p = invokeOnce("example.Orders", """
                {"id":"o-1","lines":[{"sku":"a","qty":2,"price":1.25},{"sku":"b","qty":1,"price":10}],
                 "discount":0.50,"unknown":{"ignored":true}}""");
        assertThat(p.kind()).isEqualTo("response");
        assertThat(p.text()).isEqualTo("{\"orderId\":\"o-1\",\"total\":12.00,\"itemCount\":3,\"skus\":[\"a\",\"b\"]}");
    }

    @Test
    void staticMethodTakingAndReturningARecord() throws Exception {
        var p = invokeOnce("example.Points::move", "{\"x\":1,\"y\":2,\"label\":\"p\"}");
        assertThat(p.text()).isEqualTo("{\"x\":2,\"y\":4,\"label\":\"P\"}");
    }

    @Test
    void instanceMethodOverloadWithContextWinsAndStringsStayJsonStrings() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("pojo"), api.environment(task, "example.Upper::upper"))) {
            api.offer("\"abc\"");
            assertThat(api.awaitPost().text()).isEqualTo("\"ABC!36\"");
            api.offer("42");                                 // a number reads as its text, as Lambda's does
            assertThat(api.awaitPost().text()).isEqualTo("\"42!36\"");
        }
    }

    @Test
    void aStringHandlerGivenAnObjectFailsWithLambdasParsingErrorAndTheRuntimeGoesOn() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("pojo"), api.environment(task, "example.Upper::upper"))) {
            String id = api.offer("{\"not\":\"a string\"}");
            var p = api.awaitPost();
            assertThat(p.kind()).isEqualTo("error");
            assertThat(p.requestId()).isEqualTo(id);
            assertThat(p.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("java.lang.RuntimeException");
            Map<String, Object> body = p.object();
            assertThat(body).containsEntry("errorMessage", "An error occurred during JSON parsing")
                    .containsEntry("errorType", "java.lang.RuntimeException")
                    .containsEntry("stackTrace", List.of());
            @SuppressWarnings("unchecked")
            var cause = (Map<String, Object>) body.get("cause");
            assertThat(cause).containsEntry("errorType", "java.io.UncheckedIOException");
            assertThat((String) cause.get("errorMessage"))
                    .contains("Cannot deserialize value of type `java.lang.String` from Object value");

            api.offer("{\"broken\":");
            var broken = api.awaitPost();
            assertThat(broken.kind()).isEqualTo("error");
            assertThat(broken.object()).containsEntry("errorMessage", "An error occurred during JSON parsing");

            api.offer("\"still alive\"");
            assertThat(api.awaitPost().text()).isEqualTo("\"STILL ALIVE!36\"");
        }
    }

    @Test
    void methodsWithoutInputWithoutResultAndWithGenericLists() throws Exception {
        assertThat(invokeOnce("example.Plain::nothing", "{}").text()).isEqualTo("\"nothing\"");
        assertThat(invokeOnce("example.Plain::sink", "{\"a\":1}").text()).isEqualTo("null");
        assertThat(invokeOnce("example.Plain::count", "[1,2,3]").text()).isEqualTo("3");
    }
}
