package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandTest {
    FakeLambdaApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String function(String name, String runtime, int memory, int timeout) {
        return "{\"FunctionName\":\"" + name + "\",\"Runtime\":\"" + runtime + "\",\"MemorySize\":" + memory
                + ",\"Timeout\":" + timeout + ",\"LastModified\":\"2026-11-22T12:00:00.000+0000\"}";
    }

    @Test
    void followsNextMarkerAcrossPages() {
        api.reply(Reply.json(200, "{\"Functions\":[" + function("alpha", "python3.12", 128, 3) + ","
                        + function("beta-long-name", "nodejs20.x", 1024, 30) + "],\"NextMarker\":\"beta/next+1\"}"))
                .reply(Reply.json(200, "{\"Functions\":[" + function("gamma", "provided.al2023", 256, 900)
                        + "],\"NextMarker\":null}"));

        Cli.Result result = Cli.run("ls", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.requests()).extracting(Request::method).containsOnly("GET");
        assertThat(api.requests()).extracting(Request::uri).containsExactly(
                "/2015-03-31/functions", "/2015-03-31/functions?Marker=beta%2Fnext%2B1");
        assertThat(result.out()).isEqualTo("""
                NAME            RUNTIME          MEMORY  TIMEOUT  LAST-MODIFIED
                alpha           python3.12       128     3        2026-11-22T12:00:00.000+0000
                beta-long-name  nodejs20.x       1024    30       2026-11-22T12:00:00.000+0000
                gamma           provided.al2023  256     900      2026-11-22T12:00:00.000+0000
                """);
    }

    @Test
    void emptyListPrintsTheHeader() {
        api.reply(Reply.json(200, "{\"Functions\":[]}"));

        Cli.Result result = Cli.run("ls", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("NAME  RUNTIME  MEMORY  TIMEOUT  LAST-MODIFIED\n");
    }

    @Test
    void repeatedMarkerStopsTheListing() {
        String page = "{\"Functions\":[" + function("a", "python3.12", 128, 3) + "],\"NextMarker\":\"a\"}";
        api.reply(Reply.json(200, page)).reply(Reply.json(200, page));

        Cli.Result result = Cli.run("ls", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("repeated NextMarker 'a'");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void nonJsonAnswerIsAnError() {
        api.reply(new Reply(200, java.util.Map.of(), "<html>proxy</html>"));

        Cli.Result result = Cli.run("ls", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: InvalidResponse: the server's answer is not JSON");
    }
}
