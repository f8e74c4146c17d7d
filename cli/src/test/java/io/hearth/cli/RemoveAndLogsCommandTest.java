package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoveAndLogsCommandTest {
    private static final String LOG = "START RequestId: r1 Version: $LATEST\nhi\nEND RequestId: r1\n";

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
    void rmDeletesTheFunction() {
        api.reply(new Reply(204, Map.of(), ""));

        Cli.Result result = Cli.run("rm", "hello", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        Request request = api.only();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.uri()).isEqualTo("/2015-03-31/functions/hello");
        assertThat(result.out()).isEqualTo("deleted hello\n");
    }

    @Test
    void rmOfAnUnknownFunctionIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException", "Function not found: hello"));

        Cli.Result result = Cli.run("rm", "hello", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: ResourceNotFoundException: Function not found: hello\n");
    }

    @Test
    void logsPrintsRecentLogsText() {
        api.reply(new Reply(200, Map.of("Content-Type", "text/plain; charset=utf-8"), LOG));

        Cli.Result result = Cli.run("logs", "hello", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().method()).isEqualTo("GET");
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/hello/logs");
        assertThat(result.out()).isEqualTo(LOG);
    }

    @Test
    void logsPassesTheLimit() {
        api.reply(new Reply(200, Map.of("Content-Type", "text/plain"), "x"));

        Cli.Result result = Cli.run("logs", "hello", "--limit", "5", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/hello/logs?limit=5");
        assertThat(result.out()).isEqualTo("x\n");
    }

    @Test
    void logsOfOneRequest() {
        api.reply(new Reply(200, Map.of("Content-Type", "text/plain"), LOG));

        Cli.Result result = Cli.run("logs", "hello", "--request", "8f0c-11", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/hello/logs/8f0c-11");
        assertThat(result.out()).isEqualTo(LOG);
    }

    @Test
    void jsonLogEntriesArePrintedAsTheirText() {
        api.reply(Reply.json(200, "{\"logs\":[{\"requestId\":\"r2\",\"text\":\"second\"},"
                + "{\"requestId\":\"r1\",\"text\":\"first\\n\"}]}"))
                .reply(Reply.json(200, "{\"requestId\":\"r1\",\"text\":\"one\"}"));

        Cli.Result list = Cli.run("logs", "hello", "--endpoint", api.endpoint());
        Cli.Result one = Cli.run("logs", "hello", "--request", "r1", "--endpoint", api.endpoint());

        assertThat(list.exit()).isZero();
        assertThat(list.out()).as("oldest first").isEqualTo("first\nsecond\n");
        assertThat(one.out()).isEqualTo("one\n");
    }

    @Test
    void unexpectedJsonIsAnError() {
        api.reply(Reply.json(200, "{\"entries\":[]}")).reply(Reply.json(200, "{\"logs\":"));

        Cli.Result shape = Cli.run("logs", "hello", "--endpoint", api.endpoint());
        Cli.Result truncated = Cli.run("logs", "hello", "--endpoint", api.endpoint());

        assertThat(shape.exit()).isEqualTo(2);
        assertThat(shape.err()).startsWith("error: InvalidResponse: expected {\"logs\":[…]}");
        assertThat(truncated.exit()).isEqualTo(2);
        assertThat(truncated.err()).contains("{\"logs\":");
    }

    @Test
    void badLimitIsRefused() {
        Cli.Result zero = Cli.run("logs", "hello", "--limit", "0", "--endpoint", api.endpoint());
        Cli.Result both = Cli.run("logs", "hello", "--limit", "2", "--request", "r", "--endpoint", api.endpoint());

        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("error: --limit must be at least 1, was 0\n");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void unknownRequestIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException", "No log for request r9"));

        Cli.Result result = Cli.run("logs", "hello", "--request", "r9", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: ResourceNotFoundException: No log for request r9\n");
    }
}
