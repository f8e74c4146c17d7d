package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hearth invoke --idempotency-key} and how a replayed answer is reported. */
class IdempotentInvokeCommandTest {
    FakeLambdaApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theKeyIsSentAsIdempotencyKey() {
        api.reply(Reply.json(200, "{\"total\":3}"));

        Cli.Result result = Cli.run("invoke", "pricer", "{}", "--idempotency-key", "order-42", "--endpoint",
                api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.only().header("Idempotency-Key")).isEqualTo("order-42");
        assertThat(result.out()).isEqualTo("{\"total\":3}\n");
        assertThat(result.err()).as("a run that was not a replay says nothing more").isEmpty();
    }

    @Test
    void withoutTheOptionNoKeyIsSent() {
        api.reply(Reply.json(200, "{}"));

        Cli.run("invoke", "pricer", "--endpoint", api.endpoint());

        assertThat(api.only().headers()).doesNotContainKey("idempotency-key");
    }

    @Test
    void aReplayIsReportedOnStderr() {
        api.reply(new Reply(200, Map.of("Content-Type", "application/json", "X-Hearth-Idempotent", "replay",
                "X-Hearth-Replay-Of", "0b1c-first"), "{\"total\":3}"));

        Cli.Result result = Cli.run("invoke", "pricer", "{}", "--idempotency-key", "order-42", "--endpoint",
                api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("{\"total\":3}\n");
        assertThat(result.err()).isEqualTo("(replayed 0b1c-first)\n");
    }

    @Test
    void aReplayedFunctionErrorStillExitsOne() {
        api.reply(new Reply(200, Map.of("X-Amz-Function-Error", "Unhandled", "X-Hearth-Idempotent", "replay",
                "X-Hearth-Replay-Of", "r1"), "{\"errorMessage\":\"boom\"}"));

        Cli.Result result = Cli.run("invoke", "pricer", "--idempotency-key", "k", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("(replayed r1)\n");
    }

    @Test
    void anEventInvokeCarriesTheKeyToo() {
        api.reply(new Reply(202, Map.of(), ""));

        Cli.Result result = Cli.run("invoke", "pricer", "--event", "--idempotency-key", "evt-1", "--endpoint",
                api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(api.only().header("Idempotency-Key")).isEqualTo("evt-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "caf\u00e9", "tab\tkey"})
    void badKeysAreRefusedBeforeSending(String key) {
        Cli.Result result = Cli.run("invoke", "pricer", "--idempotency-key", key, "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "error: --idempotency-key must be 1 to 255 visible ASCII characters (no spaces)\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void theLongestKeyIsSentAndALongerOneRefused() {
        api.reply(Reply.json(200, "{}"));

        Cli.Result ok = Cli.run("invoke", "pricer", "--idempotency-key", "k".repeat(255), "--endpoint",
                api.endpoint());
        Cli.Result tooLong = Cli.run("invoke", "pricer", "--idempotency-key", "k".repeat(256), "--endpoint",
                api.endpoint());

        assertThat(ok.exit()).isZero();
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(api.only().header("Idempotency-Key")).hasSize(255);
    }
}
