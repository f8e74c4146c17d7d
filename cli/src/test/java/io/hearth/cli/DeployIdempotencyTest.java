package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth deploy}'s idempotency options: the tags they set or remove after the deploy. */
class DeployIdempotencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"FunctionName":"hello","FunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:hello",
             "CodeSha256":"c2hhMjU2","State":"Active","LastUpdateStatus":"Successful"}""";
    private static final String TAGS =
            "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello";

    @TempDir
    Path tmp;
    FakeLambdaApi api;
    String dir;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
        Path d = Files.createDirectory(tmp.resolve("hello"));
        Files.writeString(d.resolve("app.py"), "def handler(event, context):\n    return event\n");
        dir = d.toString();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Cli.Result deploy(String... extra) {
        List<String> args = Stream.concat(Stream.of("deploy", "hello", dir, "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint()), Stream.of(extra)).toList();
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void createThenTagWithEveryOption() throws IOException {
        api.reply(Reply.json(201, CONFIG)).reply(new Reply(204, Map.of(), ""));

        Cli.Result result = deploy("--idempotent", "--idempotency-ttl", "3600", "--depends-on", "kv:prices",
                "--depends-on", "https://example.com/rates.json", "--replay-failures");

        assertThat(result.exit()).as(result.err()).isZero();
        List<Request> requests = api.requests();
        assertThat(requests).extracting(Request::method).containsExactly("POST", "POST");
        assertThat(requests.get(0).uri()).isEqualTo("/2015-03-31/functions");
        assertThat(JSON.readTree(requests.get(0).body()).has("Tags")).isFalse();
        Request tag = requests.get(1);
        assertThat(tag.uri()).isEqualTo(TAGS);
        assertThat(tag.header("Content-Type")).isEqualTo("application/json");
        assertThat(tag.text()).isEqualTo("{\"Tags\":{\"hearth:idempotent\":\"true\",\"hearth:idempotency-ttl\":\"3600\","
                + "\"hearth:depends-on\":\"kv:prices,https://example.com/rates.json\","
                + "\"hearth:replay-failures\":\"true\"}}");
        assertThat(result.out()).startsWith("created hello\n").endsWith("State:       Active\n"
                + "Tagged:      hearth:idempotent=true hearth:idempotency-ttl=3600 "
                + "hearth:depends-on=kv:prices,https://example.com/rates.json hearth:replay-failures=true\n");
    }

    @Test
    void updateThenTagOnlyWhatWasGiven() {
        api.reply(Reply.error(409, "ResourceConflictException", "exists"))
                .reply(Reply.json(200, CONFIG)).reply(Reply.json(200, CONFIG)).reply(new Reply(204, Map.of(), ""));

        Cli.Result result = deploy("--idempotency-ttl", "60");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.requests()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "POST /2015-03-31/functions", "PUT /2015-03-31/functions/hello/code",
                "PUT /2015-03-31/functions/hello/configuration", "POST " + TAGS);
        assertThat(api.requests().get(3).text()).isEqualTo("{\"Tags\":{\"hearth:idempotency-ttl\":\"60\"}}");
        assertThat(result.out()).startsWith("updated hello\n");
    }

    @Test
    void noIdempotentRemovesTheTags() {
        api.reply(Reply.json(201, CONFIG)).reply(new Reply(204, Map.of(), ""));

        Cli.Result result = deploy("--no-idempotent");

        assertThat(result.exit()).as(result.err()).isZero();
        Request untag = api.requests().get(1);
        assertThat(untag.method()).isEqualTo("DELETE");
        assertThat(untag.uri()).isEqualTo(TAGS + "?tagKeys=hearth%3Aidempotent&tagKeys=hearth%3Aidempotency-ttl"
                + "&tagKeys=hearth%3Adepends-on&tagKeys=hearth%3Areplay-failures");
        assertThat(untag.body()).isEmpty();
        assertThat(result.out()).endsWith("Untagged:    hearth:idempotent hearth:idempotency-ttl hearth:depends-on "
                + "hearth:replay-failures\n");
    }

    @Test
    void withoutTheOptionsTagsAreNotTouched() {
        api.reply(Reply.json(201, CONFIG));

        Cli.Result result = deploy();

        assertThat(result.exit()).isZero();
        assertThat(api.only().uri()).isEqualTo("/2015-03-31/functions");
        assertThat(result.out()).doesNotContain("Tagged").doesNotContain("Untagged");
    }

    @Test
    void aRefusedTagIsReportedAfterTheDeploy() {
        api.reply(Reply.json(201, CONFIG))
                .reply(Reply.error(400, "InvalidParameterValueException", "Tag hearth:idempotency-ttl must be"));

        Cli.Result result = deploy("--idempotency-ttl", "99999999999");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).startsWith("created hello\n");
        assertThat(result.err()).isEqualTo("error: InvalidParameterValueException: Tag hearth:idempotency-ttl must be\n");
    }

    @Test
    void anAnswerWithoutAnArnCannotBeTagged() {
        api.reply(Reply.json(201, "{\"FunctionName\":\"hello\"}"));

        Cli.Result result = deploy("--idempotent");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no FunctionArn");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void badCombinationsAndValuesAreRefusedBeforeAnyRequest() {
        Cli.Result both = deploy("--no-idempotent", "--idempotency-ttl", "5");
        Cli.Result zeroTtl = deploy("--idempotent", "--idempotency-ttl", "0");
        Cli.Result wordTtl = deploy("--idempotency-ttl", "soon");
        Cli.Result comma = deploy("--depends-on", "kv:a,kv:b");
        Cli.Result blank = deploy("--depends-on", " ");
        Cli.Result tooLong = deploy("--depends-on", "kv:" + "k".repeat(200), "--depends-on", "kv:" + "k".repeat(60));

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("error: --no-idempotent cannot be combined with --idempotency-ttl, "
                + "--depends-on or --replay-failures\n");
        assertThat(zeroTtl.exit()).isEqualTo(2);
        assertThat(zeroTtl.err()).isEqualTo("error: --idempotency-ttl must be at least 1 second, was 0\n");
        assertThat(wordTtl.exit()).isEqualTo(2);
        assertThat(wordTtl.err()).contains("'soon'");
        assertThat(comma.exit()).isEqualTo(2);
        assertThat(comma.err()).contains("must be one non-empty URI without ','");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("at most 256 characters");
        assertThat(api.requests()).isEmpty();
    }
}
