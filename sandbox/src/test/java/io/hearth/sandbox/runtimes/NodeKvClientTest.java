package io.hearth.sandbox.runtimes;

import static io.hearth.sandbox.runtimes.BootstrapHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.Runtime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code require('hearth')} in a real node handler, through the real Runtime API to a {@link RecordingKv}. */
class NodeKvClientTest {
    @TempDir static Path installDir;
    @TempDir Path root;
    private static RuntimeLaunchers launchers;
    private LiveRuntime rt;

    @BeforeAll
    static void install() {
        launchers = RuntimeLaunchers.install(installDir);
        assumeTrue(launchers.node().isPresent(), "node is not on PATH: Node.js runtime tests skipped");
    }

    private LiveRuntime runtime(boolean withStore) throws Exception {
        rt = new LiveRuntime(launchers, Runtime.NODEJS_20, root, withStore);
        return rt;
    }

    @AfterEach
    void stop() {
        if (rt != null) rt.close();
    }

    private static final String SCENARIO = """
            const out = { v0: await kv.version('cart'), missing: await kv.get('cart', { default: 'none' }) };
            out.put1 = await kv.put('cart', { items: [1, 2], note: 'caf\\u00e9' });
            out.put2 = await kv.put('cart/2', [event.n]);
            out.other = await kv.put('other', true);
            out.shared = await kv.put('cfg', 'x', { namespace: 'shared' });
            out.got = await kv.get('cart');
            out.version = await kv.version('cart');
            out.list = await kv.list('cart');
            out.limited = await kv.list('', { limit: 2 });
            out.deleted = await kv.delete('cart');
            out.after = await kv.get('cart', { default: 'gone' });
            out.vAfter = await kv.version('cart');
            out.sharedGot = await kv.get('cfg', { namespace: 'shared' });
            out.key = await kv.put("a/b c+d?'(\\u2603)", 1);
            out.keyGot = await kv.get("a/b c+d?'(\\u2603)");
            return out;
            """;

    private static final String EXPECTED = """
            {"v0": 0, "missing": "none", "put1": 1, "put2": 1, "other": 1, "shared": 1,
             "got": {"items": [1, 2], "note": "café"}, "version": 1,
             "list": [["cart", {"items": [1, 2], "note": "café"}], ["cart/2", [7]]],
             "limited": [["cart", {"items": [1, 2], "note": "café"}], ["cart/2", [7]]],
             "deleted": 2, "after": "gone", "vAfter": 2, "sharedGot": "x", "key": 1, "keyGot": 1}
            """;

    private void assertScenario(String requestId) throws Exception {
        assertThat(json(rt.result(rt.invoke(requestId, "{\"n\": 7}")))).isEqualTo(json(EXPECTED));
        assertThat(rt.kv.stored("fn:fn", "cart/2")).as("values are stored as JSON text").isEqualTo("[7]");
        assertThat(rt.kv.stored("fn:fn", "a/b c+d?'(☃)")).isEqualTo("1");
        var mine = rt.kv.calls.stream().filter(c -> requestId.equals(c.requestId())).toList();
        assertThat(mine).hasSize(16).allSatisfy(c -> assertThat(c.function()).isEqualTo("fn"));
        assertThat(mine).contains(new RecordingKv.Call("get", "fn", requestId, "shared", "cfg"));
    }

    @Test
    void aCommonJsHandlerPutsGetsListsAndDeletesAttributedToItsInvocation() throws Exception {
        runtime(true).file("index.js", "const { kv } = require('hearth');\n"
                + "exports.handler = async (event) => {\n" + SCENARIO + "};\n").start("index.handler");
        assertScenario("req-1");
        rt.result(rt.invoke("req-2", "{\"n\": 7}"));
        assertThat(rt.kv.calls.getLast().requestId()).as("the next invocation's calls are its own").isEqualTo("req-2");
    }

    @Test
    void anEsModuleHandlerImportsHearth() throws Exception {
        runtime(true).file("index.mjs", "import { kv } from 'hearth';\nimport hearth from 'hearth';\n"
                + "await kv.put('init', { at: 'load' });\n"
                + "export const handler = async (event) => {\n"
                + " if (hearth.kv !== kv) throw new Error('two instances');\n" + SCENARIO + "};\n")
                .start("index.handler");
        assertScenario("req-esm");
        assertThat(rt.kv.calls.getFirst()).as("a call made while loading belongs to no invocation")
                .isEqualTo(new RecordingKv.Call("put", "fn", null, null, "init"));
    }

    @Test
    void aCallbackHandlerIsAnsweredOnceTheEventLoopIsEmptyDespiteTheKeepAliveConnection() throws Exception {
        runtime(true).file("index.js", """
                const { kv } = require('hearth');
                exports.handler = (event, context, callback) => {
                  kv.put('k', event.v).then((version) => callback(null, { version }), callback);
                };
                """).start("index.handler");
        assertThat(rt.result(rt.invoke("req-1", "{\"v\": 1}"))).isEqualTo("{\"version\":1}");
        assertThat(rt.result(rt.invoke("req-2", "{\"v\": 2}"))).isEqualTo("{\"version\":2}");
    }

    @Test
    void listFollowsNextPastPagesOfTombstones() throws Exception {
        runtime(true).file("index.js", """
                const { kv } = require('hearth');
                exports.handler = async () => {
                  for (const k of ['a1', 'a2', 'a3', 'a4', 'b1']) await kv.put(k, k.toUpperCase());
                  await kv.delete('a1');
                  await kv.delete('a2');
                  return { two: await kv.list('a', { limit: 2 }), all: await kv.list(), none: await kv.list('zz') };
                };
                """).start("index.handler");
        assertThat(json(rt.result(rt.invoke("req-1", "{}")))).isEqualTo(json("""
                {"two": [["a3", "A3"], ["a4", "A4"]], "all": [["a3", "A3"], ["a4", "A4"], ["b1", "B1"]], "none": []}
                """));
    }

    @Test
    void storeErrorsRejectAndFailTheInvocation() throws Exception {
        runtime(true).file("index.js", """
                const hearth = require('hearth');
                const { kv, KvError } = hearth;
                exports.handler = async (event) => {
                  switch (event.case) {
                    case 'bad': return kv.get('bad');
                    case 'caught':
                      try { await kv.put('bad', 1); } catch (e) {
                        return { kvError: e instanceof KvError, type: e.errorType, status: e.status, message: e.message };
                      }
                      break;
                    case 'huge': return kv.put('huge', 'x'.repeat(400 * 1024));
                    case 'undefined': return kv.put('u', undefined);
                    case 'key': return kv.get(42);
                    case 'empty-key': return kv.get('');
                    case 'not-json': return kv.get('raw');
                    case 'nul': return kv.get('a\\0b');
                  }
                  return 'unreached';
                };
                """).start("index.handler");
        var bad = rt.error(rt.invoke("req-bad", "{\"case\": \"bad\"}"));
        assertThat(bad.errorType()).isEqualTo("KvError");
        assertThat(json(new String(bad.body(), StandardCharsets.UTF_8)).get("errorMessage").asText())
                .isEqualTo("Key 'bad' is not allowed");
        assertThat(json(rt.result(rt.invoke("req-caught", "{\"case\": \"caught\"}")))).isEqualTo(json("""
                {"kvError": true, "type": "InvalidParameterValueException", "status": 400,
                 "message": "Key 'bad' is not allowed"}"""));
        assertThat(message(rt.invoke("req-huge", "{\"case\": \"huge\"}"))).contains("bytes encoded; the limit is 409600");
        assertThat(rt.kv.calls).noneMatch(c -> c.key().equals("huge"));
        assertThat(message(rt.invoke("req-u", "{\"case\": \"undefined\"}"))).contains("is not JSON serializable");
        assertThat(message(rt.invoke("req-key", "{\"case\": \"key\"}"))).isEqualTo("key must be a string, got number");
        assertThat(message(rt.invoke("req-empty", "{\"case\": \"empty-key\"}"))).contains("missing key");
        rt.kv.put("fn", null, null, "raw", "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(message(rt.invoke("req-raw", "{\"case\": \"not-json\"}"))).contains("the value of 'raw' is not JSON");
        assertThat(message(rt.invoke("req-nul", "{\"case\": \"nul\"}"))).isEqualTo("key must not contain NUL characters");
    }

    @Test
    void withoutAStoreTheClientRejectsWithTheServersRefusal() throws Exception {
        runtime(false).file("index.js", """
                const { kv } = require('hearth');
                exports.handler = async () => kv.get('k').catch((e) => [e.status, e.errorType, e.message]);
                """).start("index.handler");
        assertThat(json(rt.result(rt.invoke("req-1", "{}"))))
                .isEqualTo(json("[501, \"KvNotConfigured\", \"key-value store not configured\"]"));
    }

    private String message(io.hearth.runtimeapi.RuntimeReply reply) {
        return json(new String(rt.error(reply).body(), StandardCharsets.UTF_8)).get("errorMessage").asText();
    }
}
