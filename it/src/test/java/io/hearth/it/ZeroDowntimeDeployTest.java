package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A deploy under steady load: while three clients keep invoking, the code changes. No request
 * fails, none waits on a cold start (no REPORT line carries an Init Duration), and traffic moves
 * to the new code once it is warm.
 */
class ZeroDowntimeDeployTest {

    record Answer(String body, boolean coldStart, boolean failed) {}

    @Test
    void noRequestFailsOrWaitsOnAColdStartBecauseOfADeploy(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data)) {
            var lambda = h.lambda();
            lambda.createFunction(b -> b.functionName("steady").runtime("python3.12").handler("app.handler").role("r")
                    .code(c -> c.zipFile(Zips.of(Map.of("app.py",
                            "import time\ndef handler(e, c):\n    time.sleep(0.005)\n    return 'v1'\n")))));
            var answers = new ConcurrentLinkedQueue<Answer>();
            var stop = new AtomicBoolean();
            var load = new AtomicBoolean();   // record only once every client is warm
            try (var clients = Executors.newFixedThreadPool(3)) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    running.add(clients.submit(() -> {
                        for (int n = 0; n < 5_000 && !stop.get(); n++) {
                            var r = lambda.invoke(b -> b.functionName("steady").logType(LogType.TAIL)
                                    .payload(SdkBytes.fromUtf8String("{}")));
                            String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
                            if (load.get()) {
                                answers.add(new Answer(r.payload().asUtf8String(), log.contains("Init Duration"),
                                        r.functionError() != null));
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(1_500);   // three warm sandboxes of v1
                load.set(true);
                Thread.sleep(500);
                lambda.updateFunctionCode(b -> b.functionName("steady").zipFile(Zips.of(Map.of("app.py",
                        "import time\ndef handler(e, c):\n    time.sleep(0.005)\n    return 'v2'\n"))));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline
                        && answers.stream().filter(a -> a.body().equals("\"v2\"")).count() < 50) {
                    Thread.sleep(100);
                }
                stop.set(true);
                for (var f : running) f.get(30, TimeUnit.SECONDS);
            }
            assertThat(answers).isNotEmpty();
            assertThat(answers).noneMatch(Answer::failed);
            assertThat(answers).noneMatch(Answer::coldStart);
            assertThat(answers).anyMatch(a -> a.body().equals("\"v1\""));
            assertThat(answers.stream().filter(a -> a.body().equals("\"v2\"")).count()).isGreaterThanOrEqualTo(50);
            // once switched, traffic stays on the new code
            var last = new ArrayList<>(answers).subList(Math.max(0, answers.size() - 20), answers.size());
            assertThat(last).allMatch(a -> a.body().equals("\"v2\""));
        }
    }
}
