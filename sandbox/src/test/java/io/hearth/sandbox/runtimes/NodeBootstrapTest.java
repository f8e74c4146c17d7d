package io.hearth.sandbox.runtimes;

import static io.hearth.sandbox.runtimes.BootstrapHarness.WAIT;
import static io.hearth.sandbox.runtimes.BootstrapHarness.json;
import static io.hearth.sandbox.runtimes.PythonBootstrapTest.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Node.js bootstrap, run by a real node against {@link FakeRuntimeApi}; skipped without node. */
class NodeBootstrapTest {
    @TempDir static Path installDir;
    @TempDir Path root;
    private static RuntimeLaunchers launchers;
    private BootstrapHarness rt;

    @BeforeAll
    static void install() {
        launchers = RuntimeLaunchers.install(installDir);
        assumeTrue(launchers.node().isPresent(), "node is not on PATH: Node.js runtime tests skipped");
    }

    private BootstrapHarness runtime() throws Exception {
        rt = new BootstrapHarness(launchers, Runtime.NODEJS_20, root);
        return rt;
    }

    @AfterEach
    void stop() throws Exception {
        if (rt != null) rt.close();
    }

    @Test
    void anAsyncHandlersResolvedValueIsTheResponse() throws Exception {
        runtime().file("index.js", "exports.handler = async (event) => ({ n: event.n + 1, ok: true });\n")
                .start("index.handler");
        var post = rt.invoke("{\"n\": 41}");
        assertThat(post.kind()).isEqualTo("response");
        assertThat(post.body()).isEqualTo("{\"n\":42,\"ok\":true}");
    }

    @Test
    void undefinedBecomesJsonNull() throws Exception {
        runtime().file("index.js", "exports.handler = async () => undefined;\n").start("index.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("null");
    }

    @Test
    void callbackStyleWaitsForTheEmptyEventLoopByDefault() throws Exception {
        runtime().file("index.js", """
                exports.handler = (event, context, callback) => {
                  setTimeout(() => console.log('timer-done'), 100);
                  callback(null, { cb: event.v });
                };
                """).start("index.handler");
        var post = rt.invoke("{\"v\": 3}");
        assertThat(post.body()).isEqualTo("{\"cb\":3}");
        assertThat(post.output()).as("Lambda posts after the pending timer ran").contains("timer-done");
    }

    @Test
    void callbackWithoutWaitingPostsAtOnce() throws Exception {
        runtime().file("index.js", """
                exports.handler = (event, context, callback) => {
                  context.callbackWaitsForEmptyEventLoop = false;
                  setTimeout(() => console.log('late-timer'), 3000);
                  setTimeout(() => callback(null, 'quick'), 10);
                };
                """).start("index.handler");
        var post = rt.invoke("{}");
        assertThat(post.body()).isEqualTo("\"quick\"");
        assertThat(post.output()).doesNotContain("late-timer");
    }

    @Test
    void callbackErrorsAndContextFailAreErrors() throws Exception {
        runtime().file("index.js", """
                exports.handler = (event, context, callback) => {
                  if (event.fail) return context.fail(new RangeError('via fail'));
                  callback('plain string error');
                };
                """).start("index.handler");
        var viaString = rt.invoke("{}");
        assertThat(viaString.errorType()).isEqualTo("string");
        assertThat(json(viaString.body()).get("errorMessage").asText()).isEqualTo("plain string error");
        var viaFail = rt.invoke("{\"fail\": true}");
        assertThat(viaFail.errorType()).isEqualTo("RangeError");
    }

    @Test
    void aSyncHandlerThatNeverAnswersYieldsNullOnceTheLoopIsEmpty() throws Exception {
        runtime().file("index.js", "exports.handler = (event) => { setTimeout(() => {}, 20); return 'ignored'; };\n")
                .start("index.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("null");
    }

    @Test
    void anExceptionIsPostedWithNameMessageAndTrace() throws Exception {
        runtime().file("index.js", """
                exports.handler = async (event) => {
                  throw new TypeError('nope ' + event.n);
                };
                """).start("index.handler");
        var post = rt.invoke("{\"n\": 1}");
        assertThat(post.kind()).isEqualTo("error");
        assertThat(post.errorType()).isEqualTo("TypeError");
        JsonNode body = json(post.body());
        assertThat(body.get("errorType").asText()).isEqualTo("TypeError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("nope 1");
        var trace = strings(body.get("trace"));
        assertThat(trace.get(0)).isEqualTo("TypeError: nope 1");
        assertThat(trace.get(1)).contains(rt.code.resolve("index.js") + ":2:");
        assertThat(post.output()).contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\"");
    }

    @Test
    void anUnserialisableResultIsAMarshalError() throws Exception {
        runtime().file("index.js", "exports.handler = async () => { const o = {}; o.self = o; return o; };\n")
                .start("index.handler");
        var post = rt.invoke("{}");
        assertThat(post.errorType()).isEqualTo("Runtime.MarshalError");
        assertThat(json(post.body()).get("errorMessage").asText()).startsWith("Unable to stringify response body: ");
    }

    @Test
    void anEsModuleHandlerLoads() throws Exception {
        runtime().file("app.mjs", "export const handler = async (event) => ({ esm: import.meta.url.endsWith('app.mjs') });\n")
                .start("app.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("{\"esm\":true}");
    }

    @Test
    void typeModulePackagesLoadJsAsEsModulesAndCjsAsCommonJs() throws Exception {
        runtime().file("package.json", "{\"type\": \"module\"}")
                .file("lib/app.js", "export const handler = async () => 'esm-js';\n")
                .file("old.cjs", "module.exports.handler = async () => 'cjs';\n")
                .start("lib/app.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("\"esm-js\"");
        rt.close();
        rt = new BootstrapHarness(launchers, Runtime.NODEJS_20, root);
        rt.start("old.handler");
        assertThat(rt.invoke("{}").body()).isEqualTo("\"cjs\"");
    }

    @Test
    void nestedDirectoryAndNestedPropertyHandlersResolve() throws Exception {
        runtime().file("src/handlers/file.js", "exports.api = { get: async () => 'nested' };\n")
                .start("src/handlers/file.api.get");
        assertThat(rt.invoke("{}").body()).isEqualTo("\"nested\"");
    }

    @Test
    void theContextCarriesLambdasFields() throws Exception {
        runtime().file("index.js", """
                exports.handler = async (event, context) => ({
                  id: context.awsRequestId, name: context.functionName, version: context.functionVersion,
                  memory: context.memoryLimitInMB, arn: context.invokedFunctionArn, group: context.logGroupName,
                  stream: context.logStreamName, left: context.getRemainingTimeInMillis(),
                  cc: context.clientContext, identity: context.identity, waits: context.callbackWaitsForEmptyEventLoop,
                  trace: process.env._X_AMZN_TRACE_ID,
                });
                """).start("index.handler");
        var event = FakeRuntimeApi.Event.of("ctx-1", "{}")
                .with("Lambda-Runtime-Client-Context", "{\"custom\":{\"k\":\"v\"},\"client\":{\"app_title\":\"demo\"}}")
                .with("Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"id-1\"}");
        long before = System.currentTimeMillis();
        JsonNode c = json(rt.invoke(event).body());
        assertThat(c.get("id").asText()).isEqualTo("ctx-1");
        assertThat(c.get("name").asText()).isEqualTo("fn");
        assertThat(c.get("version").asText()).isEqualTo("$LATEST");
        assertThat(c.get("memory").isTextual()).as("a string, as in Lambda").isTrue();
        assertThat(c.get("memory").asText()).isEqualTo("256");
        assertThat(c.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fn");
        assertThat(c.get("group").asText()).isEqualTo("/aws/lambda/fn");
        assertThat(c.get("stream").asText()).isEqualTo("2026/11/22/[$LATEST]0123456789abcdef");
        long deadline = Long.parseLong(event.headers().get("Lambda-Runtime-Deadline-Ms"));
        assertThat(c.get("left").asLong()).isBetween(1L, deadline - before);
        assertThat(c.get("cc")).isEqualTo(json("{\"custom\":{\"k\":\"v\"},\"client\":{\"app_title\":\"demo\"}}"));
        assertThat(c.get("identity")).isEqualTo(json("{\"cognitoIdentityId\":\"id-1\"}"));
        assertThat(c.get("waits").asBoolean()).isTrue();
        assertThat(c.get("trace").asText()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    }

    @Test
    void oneProcessAndOneConnectionServeManyInvocations() throws Exception {
        runtime().file("index.js", "let count = 0;\nexports.handler = async () => ++count;\n").start("index.handler");
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 3; i++) bodies.add(rt.invoke("{}").body());
        assertThat(bodies).containsExactly("1", "2", "3");
        assertThat(rt.api.connections()).isEqualTo(1);
    }

    @Test
    void consoleOutputIsInThePipeBeforeTheResponseArrives() throws Exception {
        runtime().file("index.js", """
                exports.handler = async (event, context) => {
                  console.log('logged', { id: context.awsRequestId });
                  process.stderr.write('raw-stderr-' + context.awsRequestId + '\\n');
                  return 1;
                };
                """).start("index.handler");
        for (int i = 1; i <= 2; i++) {
            var post = rt.invoke("{}");
            assertThat(post.output()).containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\treq-" + i + "\tINFO\tlogged \\{ id: 'req-" + i + "' }\n");
            assertThat(post.output()).contains("raw-stderr-req-" + i);
        }
    }

    @Test
    void anUnhandledRejectionFailsTheInvokeAndEndsTheProcess() throws Exception {
        runtime().file("index.js", """
                exports.handler = (event, context, callback) => {
                  Promise.reject(new Error('forgotten'));
                  setTimeout(() => callback(null, 'too late'), 2000);
                };
                """).start("index.handler");
        var post = rt.invoke("{}");
        assertThat(post.errorType()).isEqualTo("Runtime.UnhandledPromiseRejection");
        assertThat(json(post.body()).get("errorMessage").asText()).isEqualTo("Error: forgotten");
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(128);
    }

    @Test
    void anUncaughtExceptionFailsTheInvokeAndEndsTheProcess() throws Exception {
        runtime().file("index.js", """
                exports.handler = async () => {
                  setTimeout(() => { throw new SyntaxError('thrown in a timer'); }, 5);
                  return new Promise(() => {});
                };
                """).start("index.handler");
        var post = rt.invoke("{}");
        assertThat(post.errorType()).isEqualTo("SyntaxError");
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(129);
    }

    @Test
    void anAsyncHandlerWhosePromiseNeverSettlesFailsWhenTheLoopEmpties() throws Exception {
        runtime().file("index.js", "exports.handler = async () => new Promise(() => {});\n").start("index.handler");
        assertThat(rt.invoke("{}").errorType()).isEqualTo("Runtime.NodeJsExit");
        assertThat(rt.invoke("{}").errorType()).as("the process stays usable").isEqualTo("Runtime.NodeJsExit");
    }

    @Test
    void aMissingModuleIsAnInitErrorAndANonZeroExit() throws Exception {
        runtime().start("nowhere.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.ImportModuleError");
        assertThat(json(post.body()).get("errorMessage").asText()).startsWith("Error: Cannot find module 'nowhere'");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void aMissingExportIsHandlerNotFound() throws Exception {
        runtime().file("index.js", "exports.other = async () => 1;\nexports.notFn = 42;\n").start("index.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(json(post.body()).get("errorMessage").asText()).isEqualTo("index.handler is undefined or not exported");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
        rt.close();
        rt = new BootstrapHarness(launchers, Runtime.NODEJS_20, root);
        rt.start("index.notFn");
        assertThat(json(rt.initError().body()).get("errorMessage").asText()).isEqualTo("index.notFn is not a function");
    }

    @Test
    void malformedHandlerNamesAreRefused() throws Exception {
        runtime().start("nodot");
        assertThat(rt.initError().errorType()).isEqualTo("Runtime.MalformedHandlerName");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
        rt.close();
        rt = new BootstrapHarness(launchers, Runtime.NODEJS_20, root);
        rt.start("../escape.handler");
        assertThat(rt.initError().errorType()).isEqualTo("Runtime.MalformedHandlerName");
    }

    @Test
    void aSyntaxErrorIsUserCodeSyntaxError() throws Exception {
        runtime().file("index.js", "exports.handler = async () => {\n").start("index.handler");
        var post = rt.initError();
        assertThat(post.errorType()).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(json(post.body()).get("errorMessage").asText()).startsWith("SyntaxError: ");
        assertThat(rt.process().awaitExit(WAIT)).isNotZero();
    }

    @Test
    void exitsWhenTheRuntimeApiGoesAway() throws Exception {
        runtime().file("index.js", "exports.handler = async () => 1;\n").start("index.handler");
        rt.invoke("{}");
        rt.api.close();
        assertThat(rt.process().awaitExit(WAIT)).isEqualTo(1);
        assertThat(rt.process().output()).contains("exiting");
    }

    @Test
    void exitsAtOnceWhenTheRuntimeApiIsNotThere() throws Exception {
        runtime().file("index.js", "exports.handler = async () => 1;\n");
        rt.api.close();
        rt.start("index.handler");
        assertThat(rt.process().awaitExit(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(rt.process().output()).contains("is not reachable");
    }

    @Test
    void chunkedEventsAndClosedConnectionsAreHandled() throws Exception {
        runtime().file("index.js", "exports.handler = async (event) => event;\n").start("index.handler");
        rt.api.chunkedNext = true;
        rt.api.closeAfterEachResponse = true;
        String big = "{\"data\":\"" + "x".repeat(200_000) + "\"}";
        assertThat(rt.invoke(big).body()).isEqualTo(big);
        assertThat(rt.invoke("{\"small\":1}").body()).isEqualTo("{\"small\":1}");
        assertThat(rt.api.connections()).isGreaterThanOrEqualTo(4);
    }
    @Test
    void aDroppedKeepAliveConnectionIsReopened() throws Exception {
        runtime().file("index.js", "exports.handler = async (event) => event.i;\n").start("index.handler");
        rt.api.dropAfterPost = true;
        for (int i = 0; i < 3; i++) assertThat(rt.invoke("{\"i\": " + i + "}").body()).isEqualTo(Integer.toString(i));
        assertThat(rt.api.connections()).isGreaterThanOrEqualTo(3);
        assertThat(rt.process().isAlive()).isTrue();
    }
}
