package io.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void aZombieHasEndedAlthoughTheJdkCallsItAlive() throws Exception {
        // the subshell exits at once; its parent, exec'd into sleep, never reaps it: a zombie
        Process parent = new ProcessBuilder("/bin/sh", "-c", "(exit 0) & exec sleep 30").start();
        try {
            ProcessHandle zombie = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); zombie == null; Thread.sleep(5)) {
                assertThat(System.nanoTime()).as("a zombie child within 10 s").isLessThan(deadline);
                zombie = parent.toHandle().children().filter(ProcStatus::ended).findFirst().orElse(null);
            }
            assertThat(zombie.isAlive()).as("the JDK's view of a zombie").isTrue();
            assertThat(ProcStatus.ended(parent.toHandle())).isFalse();
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ProcStatus.ended(parent.toHandle())).isTrue();
    }
}
