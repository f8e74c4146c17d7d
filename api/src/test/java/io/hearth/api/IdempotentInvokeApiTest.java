package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.InvocationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invoke's {@code Idempotency-Key} header and the headers of a replayed answer, through real HTTP. */
class IdempotentInvokeApiTest {
    private static final String INVOKE = "/2015-03-31/functions/echo/invocations";
    private static final String KEY = "Idempotency-Key";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        api.create("echo");
    }

    @Test
    void theKeyIsHandedInwardForSyncAndEventInvokes() {
        api.post(INVOKE, "{}", KEY, "order-42");
        assertThat(api.invoke.lastCommand().idempotencyKey()).isEqualTo("order-42");

        api.post(INVOKE, "{}", KEY, "evt-1", "X-Amz-Invocation-Type", "Event");
        assertThat(api.invoke.lastCommand().type()).isEqualTo(InvocationType.EVENT);
        assertThat(api.invoke.lastCommand().idempotencyKey()).isEqualTo("evt-1");

        api.post("/2014-11-13/functions/echo/invoke-async/", "{}", KEY, "legacy-1");
        assertThat(api.invoke.lastCommand().idempotencyKey()).isEqualTo("legacy-1");

        api.post(INVOKE, "{}", KEY, "dry", "X-Amz-Invocation-Type", "DryRun");
        assertThat(api.invoke.lastCommand().type()).isEqualTo(InvocationType.DRY_RUN);
        assertThat(api.invoke.lastCommand().idempotencyKey()).as("a dry run runs nothing").isNull();

        api.post(INVOKE, "{}");
        assertThat(api.invoke.lastCommand().idempotencyKey()).isNull();
    }

    @Test
    void theKeyAlsoTravelsWhenTheBodyIsReadOnAnotherThread() {
        String json = "[" + "1,".repeat(50_000) + "1]";
        TestApi.Reply r = api.send("POST", INVOKE, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))), KEY, "chunked");

        assertThat(r.status()).isEqualTo(200);
        assertThat(api.invoke.lastCommand().idempotencyKey()).isEqualTo("chunked");
    }

    @Test
    void aReplayedAnswerSaysSoAndNamesTheRunItReplays() {
        TestApi.Reply first = api.post(INVOKE, "{\"n\":1}", KEY, "k1");
        TestApi.Reply second = api.post(INVOKE, "{\"n\":1}", KEY, "k1");

        assertThat(first.optionalHeader("X-Hearth-Idempotent")).isEmpty();
        assertThat(first.optionalHeader("X-Hearth-Replay-Of")).isEmpty();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text()).isEqualTo("{\"n\":1}");
        assertThat(second.header("X-Hearth-Idempotent")).isEqualTo("replay");
        assertThat(second.header("X-Hearth-Replay-Of")).isEqualTo(first.header("x-amzn-RequestId"));
        assertThat(second.header("x-amzn-RequestId")).isNotEqualTo(first.header("x-amzn-RequestId"));
        assertThat(second.header("X-Amz-Executed-Version")).isEqualTo("$LATEST");
    }

    @Test
    void theLongestKeyAndEveryVisibleCharacterAreAccepted() {
        StringBuilder all = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) all.append(c);

        assertThat(api.post(INVOKE, "{}", KEY, "k".repeat(255)).status()).isEqualTo(200);
        assertThat(api.post(INVOKE, "{}", KEY, "!").status()).isEqualTo(200);
        assertThat(api.post(INVOKE, "{}", KEY, all.toString()).status()).isEqualTo(200);
        assertThat(api.invoke.lastCommand().idempotencyKey()).isEqualTo(all.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\there", "caf\u00e9"})
    void keysWithInvisibleOrNonAsciiCharactersAreRefused(String key) throws IOException {
        RawReply r = raw("POST " + INVOKE + " HTTP/1.1\r\nHost: x\r\n" + KEY + ": " + key
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.text()).contains("InvalidParameterValueException").contains("Idempotency-Key must be 1 to 255");
        assertThat(api.invoke.commands()).isEmpty();
    }

    @Test
    void emptyOrTooLongKeysAreRefused() throws IOException {
        RawReply empty = raw("POST " + INVOKE + " HTTP/1.1\r\nHost: x\r\n" + KEY
                + ":\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.text()).contains("got 0 characters");
        assertError(api.post(INVOKE, "{}", KEY, "k".repeat(256)), 400, "InvalidParameterValueException",
                "Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces); got 256 characters");
        assertError(api.post(INVOKE, "{}", KEY, "a b", "X-Amz-Invocation-Type", "Event"), 400,
                "InvalidParameterValueException", "Idempotency-Key");
        assertError(api.post("/2014-11-13/functions/echo/invoke-async/", "{}", KEY, "k".repeat(256)), 400,
                "InvalidParameterValueException", "Idempotency-Key");
        assertThat(api.invoke.commands()).isEmpty();
        assertThat(api.invoke.queued()).isEmpty();
    }

    /** A raw HTTP/1.1 answer: status and the whole text. */
    private record RawReply(int status, String text) {}

    /** Sends bytes the JDK client would refuse to send (raw header octets), answered on a closed connection. */
    private static RawReply raw(String request) throws IOException {
        try (Socket socket = new Socket(api.base.getHost(), api.base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RawReply(Integer.parseInt(text.substring(9, 12)), text);
        }
    }
}
