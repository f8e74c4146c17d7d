package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code hearth why} and {@code hearth idempotency ls|purge} against the fake API. */
class IdempotencyCommandsTest {
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
    void whyPrintsAReplayWithItsTime() {
        api.reply(Reply.json(200, "{\"requestId\":\"r2\",\"replayed\":true,\"priorRequestId\":\"r1\","
                + "\"reason\":null,\"decidedAt\":\"2026-11-22T12:00:05Z\"}"));

        Cli.Result result = Cli.run("why", "pricer", "--request", "r2", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("2026-11-22T12:00:05Z  replayed r1\n");
        Request request = api.only();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri()).isEqualTo("/hearth/v1/functions/pricer/idempotency/decisions/r2");
    }

    @Test
    void whyPrintsWhyARequestRan() {
        api.reply(Reply.json(200, "{\"requestId\":\"r3\",\"replayed\":false,\"priorRequestId\":null,"
                + "\"reason\":\"kv:prices changed 4→5\",\"decidedAt\":\"2026-11-22T12:00:09Z\"}"));

        Cli.Result result = Cli.run("why", "pricer", "--request", "r 3", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("2026-11-22T12:00:09Z  ran: kv:prices changed 4→5\n");
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/pricer/idempotency/decisions/r%203");
    }

    @Test
    void whyOfAnUnknownRequestIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException", "No idempotency decision for request r9"));

        Cli.Result result = Cli.run("why", "pricer", "--request", "r9", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(
                "error: ResourceNotFoundException: No idempotency decision for request r9\n");
    }

    @Test
    void whyNeedsARequestId() {
        Cli.Result result = Cli.run("why", "pricer", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--request=ID'");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void lsPrintsTheRecordsAsATable() {
        api.reply(Reply.json(200, "{\"records\":[{\"recordKey\":\"k2\",\"requestId\":\"r2\",\"executedVersion\":"
                + "\"$LATEST\",\"errorType\":\"ValueError\",\"createdAt\":\"2026-11-22T12:00:02Z\",\"expiresAt\":"
                + "\"2026-11-23T12:00:02Z\",\"dependencies\":[]},{\"recordKey\":\"k1\",\"requestId\":\"r1\","
                + "\"executedVersion\":\"$LATEST\",\"errorType\":null,\"createdAt\":\"2026-11-22T12:00:01Z\","
                + "\"expiresAt\":\"2026-11-23T12:00:01Z\",\"dependencies\":[{\"uri\":\"code:\",\"token\":\"ab\"},"
                + "{\"uri\":\"kv:prices\",\"token\":\"4\"}]}]}"));

        Cli.Result result = Cli.run("idempotency", "ls", "pricer", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/pricer/idempotency/records");
        assertThat(result.out()).isEqualTo(
                "REQUEST-ID  VERSION  ERROR       CREATED               EXPIRES               DEPENDENCIES\n"
                + "r2          $LATEST  ValueError  2026-11-22T12:00:02Z  2026-11-23T12:00:02Z  -\n"
                + "r1          $LATEST  -           2026-11-22T12:00:01Z  2026-11-23T12:00:01Z  code:=ab kv:prices=4\n");
    }

    @Test
    void lsPassesTheLimitAndRefusesABadOne() {
        api.reply(Reply.json(200, "{\"records\":[]}"));

        Cli.Result ok = Cli.run("idempotency", "ls", "pricer", "--limit", "5", "--endpoint", api.endpoint());
        Cli.Result zero = Cli.run("idempotency", "ls", "pricer", "--limit", "0", "--endpoint", api.endpoint());
        Cli.Result word = Cli.run("idempotency", "ls", "pricer", "--limit", "five", "--endpoint", api.endpoint());

        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEqualTo("REQUEST-ID  VERSION  ERROR  CREATED  EXPIRES  DEPENDENCIES\n");
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/functions/pricer/idempotency/records?limit=5");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("error: --limit must be at least 1, was 0\n");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("'five'");
    }

    @Test
    void lsOfAnUnknownFunctionIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException", "Function not found: ghost"));

        Cli.Result result = Cli.run("idempotency", "ls", "ghost", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: ResourceNotFoundException: Function not found: ghost\n");
    }

    @Test
    void purgeDeletesTheRecordsAndSaysHowMany() {
        api.reply(Reply.json(200, "{\"purged\":3}")).reply(Reply.json(200, "{\"purged\":1}"));

        Cli.Result three = Cli.run("idempotency", "purge", "pricer", "--endpoint", api.endpoint());
        Cli.Result one = Cli.run("idempotency", "purge", "pricer", "--endpoint", api.endpoint());

        assertThat(three.exit()).isZero();
        assertThat(three.out()).isEqualTo("purged 3 records of pricer\n");
        assertThat(one.out()).isEqualTo("purged 1 record of pricer\n");
        assertThat(api.requests()).extracting(Request::method).containsExactly("DELETE", "DELETE");
        assertThat(api.requests().get(0).uri()).isEqualTo("/hearth/v1/functions/pricer/idempotency/records");
    }

    @Test
    void idempotencyAloneShowsItsUsage() {
        Cli.Result result = Cli.run("idempotency");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: hearth idempotency").contains("ls").contains("purge");
    }
}
