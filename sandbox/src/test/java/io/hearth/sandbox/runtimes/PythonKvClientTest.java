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

/** {@code import hearth} in a real python3 handler, through the real Runtime API to a {@link RecordingKv}. */
class PythonKvClientTest {
    @TempDir static Path installDir;
    @TempDir Path root;
    private static RuntimeLaunchers launchers;
    private LiveRuntime rt;

    @BeforeAll
    static void install() {
        launchers = RuntimeLaunchers.install(installDir);
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH: Python runtime tests skipped");
    }

    private LiveRuntime runtime(boolean withStore) throws Exception {
        rt = new LiveRuntime(launchers, Runtime.PYTHON_3_12, root, withStore);
        return rt;
    }

    @AfterEach
    void stop() {
        if (rt != null) rt.close();
    }

    @Test
    void aHandlerPutsGetsListsAndDeletesAttributedToItsInvocation() throws Exception {
        runtime(true).file("app.py", """
                import hearth
                kv = hearth.kv
                AT_INIT = kv.put('init', {'at': 'import'})

                def handler(event, context):
                    out = {'init': AT_INIT, 'v0': kv.version('cart'), 'missing': kv.get('cart', default='none')}
                    out['put1'] = kv.put('cart', {'items': [1, 2], 'note': 'caf\\u00e9'})
                    out['put2'] = kv.put('cart/2', [event['n']])
                    out['other'] = kv.put('other', True)
                    out['shared'] = kv.put('cfg', 'x', namespace='shared')
                    out['got'] = kv.get('cart')
                    out['version'] = kv.version('cart')
                    out['list'] = kv.list('cart')
                    out['limited'] = kv.list(limit=2)
                    out['deleted'] = kv.delete('cart')
                    out['after'] = kv.get('cart', default='gone')
                    out['vAfter'] = kv.version('cart')
                    out['sharedGot'] = kv.get('cfg', namespace='shared')
                    out['key'] = kv.put('a/b c+d?\\u2603', 1)
                    out['keyGot'] = kv.get('a/b c+d?\\u2603')
                    return out
                """).start("app.handler");
        String body = rt.result(rt.invoke("req-1", "{\"n\": 7}"));
        assertThat(json(body)).isEqualTo(json("""
                {"init": 1, "v0": 0, "missing": "none", "put1": 1, "put2": 1, "other": 1, "shared": 1,
                 "got": {"items": [1, 2], "note": "café"}, "version": 1,
                 "list": [["cart", {"items": [1, 2], "note": "café"}], ["cart/2", [7]]],
                 "limited": [["cart", {"items": [1, 2], "note": "café"}], ["cart/2", [7]]],
                 "deleted": 2, "after": "gone", "vAfter": 2, "sharedGot": "x", "key": 1, "keyGot": 1}
                """));
        assertThat(rt.kv.stored("fn:fn", "cart/2")).as("values are stored as JSON text").isEqualTo("[7]");
        assertThat(rt.kv.stored("shared", "cfg")).isEqualTo("\"x\"");
        assertThat(rt.kv.stored("fn:fn", "a/b c+d?☃")).isEqualTo("1");

        var calls = rt.kv.calls;
        assertThat(calls.getFirst()).isEqualTo(new RecordingKv.Call("put", "fn", null, null, "init"));
        assertThat(calls.subList(1, calls.size())).as("every call in the handler is the invocation's")
                .hasSize(16).allSatisfy(c -> {
                    assertThat(c.function()).isEqualTo("fn");
                    assertThat(c.requestId()).isEqualTo("req-1");
                });
        assertThat(calls).contains(new RecordingKv.Call("get", "fn", "req-1", "shared", "cfg"));

        rt.result(rt.invoke("req-2", "{\"n\": 8}"));
        assertThat(calls.getLast().requestId()).as("the next invocation's calls are its own").isEqualTo("req-2");
    }

    @Test
    void listFollowsNextPastPagesOfTombstones() throws Exception {
        runtime(true).file("app.py", """
                import hearth
                def handler(event, context):
                    for k in ('a1', 'a2', 'a3', 'a4', 'b1'):
                        hearth.kv.put(k, k.upper())
                    hearth.kv.delete('a1')
                    hearth.kv.delete('a2')
                    return {'two': hearth.kv.list('a', limit=2), 'all': hearth.kv.list(), 'none': hearth.kv.list('zz'),
                            'zero': hearth.kv.list(limit=0)}
                """).start("app.handler");
        assertThat(json(rt.result(rt.invoke("req-1", "{}")))).isEqualTo(json("""
                {"two": [["a3", "A3"], ["a4", "A4"]], "all": [["a3", "A3"], ["a4", "A4"], ["b1", "B1"]],
                 "none": [], "zero": []}
                """));
        assertThat(rt.kv.calls.stream().filter(c -> c.op().equals("list") && c.key().equals("a")).count())
                .as("the first page held only tombstones: the client asked for the next").isEqualTo(2);
    }

    @Test
    void storeErrorsAreExceptionsInTheHandlerAndFailTheInvocation() throws Exception {
        runtime(true).file("app.py", """
                import hearth
                def handler(event, context):
                    if event['case'] == 'bad':
                        return hearth.kv.get('bad')
                    if event['case'] == 'caught':
                        try:
                            hearth.kv.put('bad', 1)
                        except hearth.KvError as e:
                            return {'type': e.error_type, 'status': e.status, 'message': str(e)}
                    if event['case'] == 'huge':
                        hearth.kv.put('huge', 'x' * (400 * 1024))
                    if event['case'] == 'server-huge':
                        hearth.MAX_VALUE_BYTES = 10 ** 9
                        try:
                            hearth.kv.put('huge', 'x' * (400 * 1024))
                        except hearth.KvError as e:
                            return {'status': e.status, 'next': hearth.kv.put('small', 1)}
                    if event['case'] == 'unencodable':
                        hearth.kv.put('k', {1, 2})
                    if event['case'] == 'not-json':
                        return hearth.kv.get('raw')
                    if event['case'] == 'nul':
                        return hearth.kv.get('a\\x00b')
                    if event['case'] == 'key':
                        return hearth.kv.delete(42)
                    return 'unreached'
                """).start("app.handler");
        var bad = rt.error(rt.invoke("req-bad", "{\"case\": \"bad\"}"));
        assertThat(bad.errorType()).isEqualTo("KvError");
        assertThat(json(new String(bad.body(), StandardCharsets.UTF_8)).get("errorMessage").asText())
                .isEqualTo("Key 'bad' is not allowed");

        assertThat(json(rt.result(rt.invoke("req-caught", "{\"case\": \"caught\"}")))).isEqualTo(json("""
                {"type": "InvalidParameterValueException", "status": 400, "message": "Key 'bad' is not allowed"}"""));

        var huge = rt.error(rt.invoke("req-huge", "{\"case\": \"huge\"}"));
        assertThat(new String(huge.body(), StandardCharsets.UTF_8)).contains("bytes encoded; the limit is 409600");
        assertThat(rt.kv.calls).as("refused before it was sent").noneMatch(c -> c.key().equals("huge"));

        assertThat(json(rt.result(rt.invoke("req-server-huge", "{\"case\": \"server-huge\"}"))))
                .as("the server's 413 too, and the client reconnects after it")
                .isEqualTo(json("{\"status\": 413, \"next\": 1}"));

        var unencodable = rt.error(rt.invoke("req-set", "{\"case\": \"unencodable\"}"));
        assertThat(new String(unencodable.body(), StandardCharsets.UTF_8)).contains("is not JSON serializable");

        rt.kv.put("fn", null, null, "raw", "not json".getBytes(StandardCharsets.UTF_8));
        var notJson = rt.error(rt.invoke("req-raw", "{\"case\": \"not-json\"}"));
        assertThat(new String(notJson.body(), StandardCharsets.UTF_8)).contains("the value of 'raw' is not JSON");
        assertThat(new String(rt.error(rt.invoke("req-nul", "{\"case\": \"nul\"}")).body(), StandardCharsets.UTF_8))
                .contains("key must not contain NUL characters");
        assertThat(new String(rt.error(rt.invoke("req-key", "{\"case\": \"key\"}")).body(), StandardCharsets.UTF_8))
                .contains("key must be a str, got int");
    }

    @Test
    void withoutAStoreTheClientRaisesTheServersRefusal() throws Exception {
        runtime(false).file("app.py", """
                import hearth
                def handler(event, context):
                    try:
                        hearth.kv.get('k')
                    except hearth.KvError as e:
                        return [e.status, e.error_type, str(e)]
                """).start("app.handler");
        assertThat(json(rt.result(rt.invoke("req-1", "{}"))))
                .isEqualTo(json("[501, \"KvNotConfigured\", \"key-value store not configured\"]"));
    }

    @Test
    void threadsOfAHandlerShareTheClientSafely() throws Exception {
        runtime(true).file("app.py", """
                import threading, hearth
                def handler(event, context):
                    def work(i):
                        for j in range(20):
                            hearth.kv.put('t%d-%d' % (i, j), j)
                    hearth.kv.put('first', 0)
                    sock = hearth.kv._conn.sock
                    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
                    for t in threads: t.start()
                    for t in threads: t.join()
                    return [len(hearth.kv.list('t')), hearth.kv._conn.sock is sock]
                """).start("app.handler");
        assertThat(rt.result(rt.invoke("req-1", "{}"))).as("one keep-alive connection throughout")
                .isEqualTo("[80, true]");
        assertThat(rt.kv.calls).hasSize(82).allSatisfy(c -> assertThat(c.requestId()).isEqualTo("req-1"));
    }

    @Test
    void aModuleOfTheFunctionsOwnNamedHearthWins() throws Exception {
        runtime(true).file("hearth.py", "kv = 'mine'\n")
                .file("app.py", "import hearth\ndef handler(event, context):\n    return hearth.kv\n")
                .start("app.handler");
        assertThat(rt.result(rt.invoke("req-1", "{}"))).isEqualTo("\"mine\"");
    }
}
