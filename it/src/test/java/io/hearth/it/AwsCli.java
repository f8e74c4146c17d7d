package io.hearth.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the AWS CLI v2 (Debian's {@code awscli}, /usr/bin/aws) against a node with throwaway
 * credentials. Without it, tests are skipped on a developer machine and fail in CI (CI=true),
 * where .ci/run installs it.
 */
final class AwsCli {
    record Result(int exit, String out, String err) {}

    private final Path aws;
    private final URI endpoint;

    private AwsCli(Path aws, URI endpoint) {
        this.aws = aws;
        this.endpoint = endpoint;
    }

    static AwsCli against(URI endpoint) {
        Optional<Path> found = List.of(Path.of("/usr/bin/aws"), Path.of("/usr/local/bin/aws")).stream()
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("AWS CLI v2 (/usr/bin/aws) missing in CI: .ci/run must install awscli");
            }
            Assumptions.abort("AWS CLI v2 not installed (apt-get install awscli); skipping AWS CLI tests");
        }
        return new AwsCli(found.get(), endpoint);
    }

    Result run(String... args) {
        var cmd = new ArrayList<String>(List.of(aws.toString(), "--endpoint-url", endpoint.toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("aws-out", ".txt");
            Path err = Files.createTempFile("aws-err", ".txt");
            var pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            var env = pb.environment();
            env.put("AWS_ACCESS_KEY_ID", "hearth");
            env.put("AWS_SECRET_ACCESS_KEY", "hearth");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_PAGER", "");
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.put("AWS_MAX_ATTEMPTS", "1");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws timed out: " + cmd);
            }
            var r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
