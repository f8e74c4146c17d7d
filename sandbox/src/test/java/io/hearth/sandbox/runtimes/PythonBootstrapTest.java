package io.hearth.sandbox.runtimes;

import static io.hearth.sandbox.runtimes.BootstrapHarness.WAIT;
import static io.hearth.sandbox.runtimes.BootstrapHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python bootstrap, run by a real python3 against {@link FakeRuntimeApi}. */
class PythonBootstrapTest {
    @TempDir static Path installDir;
    @TempDir Path root;
    private static RuntimeLaunchers launchers;
    private BootstrapHarness rt;

    @BeforeAll
    static void install() {
        launchers = RuntimeLaunchers.install(installDir);
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH: Python runtime tests skipped");
    }

    private BootstrapHarness runtime() throws Exception {
        rt = new BootstrapHarness(launchers, Runtime.PYTHON_3_12, root);
        return rt;
    }

    @AfterEach
    void stop() throws Exception {
        if (rt != null) rt.close();
    }

    @Test
    void returnsTheHandlersResultAsJson() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return {'n': event['n'] + 1, 'ok': True}\n")
                .start("app.handler");
        var post = rt.invoke("{\"n\": 41}");
        assertThat(post.kind()).isEqualTo("response");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(json(post.body())).isEqualTo(json("{\"n\": 42, \"ok\": true}"));
    }

    @Test
    void noneBecomesJsonNull() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    pass\n").start("app.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("null");
    }

    @Test
    void anExceptionIsPostedWithTypeMessageAndUserFramesOnly() throws Exception {
        runtime().file("app.py", """
                def check(n):
                    raise ValueError('bad value %d' % n)

                def handler(event, context):
                    return check(event['n'])
                """).start("app.handler");
        var post = rt.invoke("{\"n\": 7}");
        assertThat(post.kind()).isEqualTo("error");
        assertThat(post.errorType()).isEqualTo("ValueError");
        JsonNode body = json(post.body());
        assertThat(body.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad value 7");
        assertThat(body.get("requestId").asText()).isEqualTo("req-1");
        List<String> trace = strings(body.get("stackTrace"));
        assertThat(trace).hasSize(2);
        assertThat(trace.get(0)).isEqualTo("  File \"" + rt.code.resolve("app.py")
                + "\", line 5, in handler\n    return check(event['n'])\n");
        assertThat(trace.get(1)).contains("line 2, in check\n    raise ValueError('bad value %d' % n)");
        assertThat(rt.process().output()).contains("[ERROR] ValueError: bad value 7\rTraceback (most recent call last):");
    }

    @Test
    void anUnserialisableResultIsAMarshalError() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return {1, 2}\n").start("app.handler");
        var post = rt.invoke("{}");
        assertThat(post.errorType()).isEqualTo("Runtime.MarshalError");
        assertThat(json(post.body()).get("errorMessage").asText())
                .isEqualTo("Unable to marshal response: Object of type set is not JSON serializable");
    }

    @Test
    void anEventThatIsNotJsonIsAnUnmarshalError() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return event\n").start("app.handler");
        var post = rt.invoke("{not json");
        assertThat(post.errorType()).isEqualTo("Runtime.UnmarshalError");
        assertThat(json(post.body()).get("errorMessage").asText()).startsWith("Unable to unmarshal input: Expecting");
    }

    @Test
    void jsonEdgeCasesMatchThePythonJsonModule() throws Exception {
        runtime().file("app.py", """
                import decimal
                def handler(event, context):
                    return {'echo': event, 'dec': decimal.Decimal('2.5'), 'int': decimal.Decimal('12345678901234567890'),
                            'text': 'caf\\u00e9 \\u2603'}
                """).start("app.handler");
        var post = rt.invoke("  {\"a\": [1, 2.5e3, null, true, \"\\u00e9\"], \"b\": {}}  \n");
        JsonNode body = json(post.body());
        assertThat(body.get("echo")).isEqualTo(json("{\"a\": [1, 2500.0, null, true, \"é\"], \"b\": {}}"));
        assertThat(body.get("dec").asDouble()).isEqualTo(2.5);
        assertThat(body.get("int").bigIntegerValue().toString()).isEqualTo("12345678901234567890");
        assertThat(body.get("text").asText()).isEqualTo("café ☃");
        assertThat(post.body()).as("python3.12 answers UTF-8, not \\u escapes").contains("café ☃");
    }

    @Test
    void bytesAreReturnedRaw() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return b'raw\\x00bytes'\n").start("app.handler");
        var post = rt.invoke("{}");
        assertThat(post.body()).isEqualTo("raw\u0000bytes");
        assertThat(post.contentType()).isEqualTo("application/unknown");
    }

    @Test
    void theContextCarriesLambdasFieldsClientContextAndIdentity() throws Exception {
        runtime().file("app.py", """
                import os
                def handler(event, context):
                    cc = context.client_context
                    return {'id': context.aws_request_id, 'name': context.function_name,
                            'version': context.function_version, 'memory': context.memory_limit_in_mb,
                            'arn': context.invoked_function_arn, 'group': context.log_group_name,
                            'stream': context.log_stream_name, 'left': context.get_remaining_time_in_millis(),
                            'custom': cc.custom, 'env': cc.env, 'app': cc.client.app_title,
                            'identity': context.identity.cognito_identity_id,
                            'pool': context.identity.cognito_identity_pool_id,
                            'trace': os.environ.get('_X_AMZN_TRACE_ID')}
                """).start("app.handler");
        var event = FakeRuntimeApi.Event.of("ctx-1", "{}")
                .with("Lambda-Runtime-Client-Context",
                        "{\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"x\"},\"client\":{\"app_title\":\"demo\"}}")
                .with("Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}")
                .with("Lambda-Runtime-Trace-Id", "Root=1-abc;Sampled=0");
        long before = System.currentTimeMillis();
        JsonNode c = json(rt.invoke(event).body());
        assertThat(c.get("id").asText()).isEqualTo("ctx-1");
        assertThat(c.get("name").asText()).isEqualTo("fn");
        assertThat(c.get("version").asText()).isEqualTo("$LATEST");
        assertThat(c.get("memory").isTextual()).as("a string, as awslambdaric gives it").isTrue();
        assertThat(c.get("memory").asText()).isEqualTo("256");
        assertThat(c.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fn");
        assertThat(c.get("group").asText()).isEqualTo("/aws/lambda/fn");
        assertThat(c.get("stream").asText()).isEqualTo("2026/11/22/[$LATEST]0123456789abcdef");
        long deadline = Long.parseLong(event.headers().get("Lambda-Runtime-Deadline-Ms"));
        assertThat(c.get("left").asLong()).isBetween(1L, deadline - before);
        assertThat(c.get("custom")).isEqualTo(json("{\"k\":\"v\"}"));
        assertThat(c.get("env")).isEqualTo(json("{\"platform\":\"x\"}"));
        assertThat(c.get("app").asText()).isEqualTo("demo");
        assertThat(c.get("identity").asText()).isEqualTo("id-1");
        assertThat(c.get("pool").asText()).isEqualTo("pool-1");
        assertThat(c.get("trace").asText()).isEqualTo("Root=1-abc;Sampled=0");
    }

    @Test
    void withoutClientContextItIsNoneAndABadOneIsAnError() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return context.client_context is None\n")
                .start("app.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("true");
        var bad = rt.invoke(FakeRuntimeApi.Event.of("bad-cc", "{}").with("Lambda-Runtime-Client-Context", "{oops"));
        assertThat(bad.errorType()).isEqualTo("Runtime.LambdaContextUnmarshalError");
    }

    @Test
    void oneProcessAndOneConnectionServeManyInvocations() throws Exception {
        runtime().file("app.py", "count = 0\ndef handler(event, context):\n    global count\n    count += 1\n    return count\n")
                .start("app.handler");
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 3; i++) bodies.add(rt.invoke("{}").body());
        assertThat(bodies).containsExactly("1", "2", "3");
        assertThat(rt.api.connections()).isEqualTo(1);
    }

    @Test
    void printedOutputIsInThePipeBeforeTheResponseArrives() throws Exception {
        runtime().file("app.py", """
                import sys
                def handler(event, context):
                    print('printed-' + context.aws_request_id)
                    sys.stderr.write('stderr-' + context.aws_request_id + '\\n')
                    return 1
                """).start("app.handler");
        for (int i = 1; i <= 2; i++) {
            var post = rt.invoke("{}");
            assertThat(post.output()).contains("printed-req-" + i, "stderr-req-" + i);
        }
    }

    @Test
    void theLoggingModuleGetsLambdasRootHandler() throws Exception {
        runtime().file("app.py", """
                import logging
                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                logging.basicConfig(level=logging.DEBUG, format='basicConfig was not a no-op %(message)s')
                def handler(event, context):
                    logger.info('hello %s', 'world')
                    return 1
                """).start("app.handler");
        var post = rt.invoke("{}");
        assertThat(post.output()).containsPattern("\\[INFO\\]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\treq-1\thello world\n");
        assertThat(post.output()).doesNotContain("basicConfig was not a no-op");
    }

    @Test
    void nestedDirectoryAndPackageHandlersResolve() throws Exception {
        runtime().file("dir/sub/mod.py", "def fn(event, context):\n    return 'nested'\n")
                .file("pkg/__init__.py", "")
                .file("pkg/module.py", "from . import helper\ndef fn(event, context):\n    return helper.VALUE\n")
                .file("pkg/helper.py", "VALUE = 'package'\n")
                .start("dir/sub/mod.fn");
        assertThat(rt.invoke("{}").body()).isEqualTo("\"nested\"");
        rt.close();
        rt = new BootstrapHarness(launchers, Runtime.PYTHON_3_12, root);
        rt.start("pkg.module.fn");
        assertThat(rt.invoke("{}").body()).isEqualTo("\"package\"");
    }

    @Test
    void aMissingModuleIsAnInitErrorAndANonZeroExit() throws Exception {
        runtime().start("nowhere.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.ImportModuleError");
        assertThat(json(post.body()).get("errorMessage").asText())
                .isEqualTo("Unable to import module 'nowhere': No module named 'nowhere'");
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(1);
        assertThat(rt.process().output()).contains("[ERROR] Runtime.ImportModuleError: Unable to import module 'nowhere'");
    }

    @Test
    void aMissingFunctionIsHandlerNotFound() throws Exception {
        runtime().file("app.py", "def other(event, context):\n    return 1\n").start("app.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(json(post.body()).get("errorMessage").asText()).isEqualTo("Handler 'handler' missing on module 'app'");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void aSyntaxErrorIsUserCodeSyntaxError() throws Exception {
        runtime().file("app.py", "def handler(event, context)\n    return 1\n").start("app.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(json(post.body()).get("errorMessage").asText()).startsWith("Syntax error in module 'app': ");
        assertThat(strings(json(post.body()).get("stackTrace")).get(0)).contains("app.py\" Line 1");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void anExceptionAtImportIsReportedWithItsOwnType() throws Exception {
        runtime().file("app.py", "raise KeyError('config')\n").start("app.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("KeyError");
        assertThat(strings(json(post.body()).get("stackTrace"))).singleElement().asString().contains("app.py\", line 1");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void malformedHandlerNamesAreRefused() throws Exception {
        runtime().start("nodot");
        assertThat(rt.initError().errorType()).isEqualTo("Runtime.MalformedHandlerName");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void exitsWhenTheRuntimeApiGoesAway() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return 1\n").start("app.handler");
        rt.invoke("{}");
        rt.api.close();
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(1);
        assertThat(rt.process().output()).contains("exiting");
    }

    @Test
    void exitsAtOnceWhenTheRuntimeApiIsNotThere() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return 1\n");
        rt.api.close();
        rt.start("app.handler");
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(1);
        assertThat(rt.process().output()).contains("is not reachable");
    }

    @Test
    void chunkedEventsAndClosedConnectionsAreHandled() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return event\n").start("app.handler");
        rt.api.chunkedNext = true;
        rt.api.closeAfterEachResponse = true;
        String big = "{\"data\": \"" + "x".repeat(200_000) + "\"}";
        assertThat(json(rt.invoke(big).body())).isEqualTo(json(big));
        assertThat(rt.invoke("{\"small\": 1}").body()).isEqualTo("{\"small\": 1}");
        assertThat(rt.api.connections()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aDroppedKeepAliveConnectionIsReopened() throws Exception {
        runtime().file("app.py", "def handler(event, context):\n    return event['i']\n").start("app.handler");
        rt.api.dropAfterPost = true;
        for (int i = 0; i < 3; i++) assertThat(rt.invoke("{\"i\": " + i + "}").body()).isEqualTo(Integer.toString(i));
        assertThat(rt.api.connections()).isGreaterThanOrEqualTo(3);
        assertThat(rt.process().isAlive()).isTrue();
    }

    static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
