package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One handover's bookkeeping, over string handles named "KEY#n" and a fake idle pool. */
class HandoverTest {
    /** An idle pool keyed by the handle's prefix before '#'; records what was offered. */
    static final class FakePool implements Handover.Pool<String> {
        final Map<String, Deque<String>> idle = new HashMap<>();
        final List<String> offered = new ArrayList<>();
        final Set<String> dead = new HashSet<>();

        void idle(String... handles) {
            for (String h : handles) idle.computeIfAbsent(key(h), k -> new ArrayDeque<>()).addFirst(h);
        }

        static String key(String handle) {
            return handle.substring(0, handle.indexOf('#'));
        }

        @Override
        public String take(String key) {
            Deque<String> d = idle.get(key);
            return d == null ? null : d.pollFirst();
        }

        @Override
        public void offer(String s) {
            offered.add(s);
            if (!dead.contains(s)) idle(s);
        }

        @Override
        public boolean ready(String s) {
            return !dead.contains(s);
        }
    }

    private final FakePool pool = new FakePool();

    private Handover<String> handover(long toWarm) {
        return new Handover<>("v2", List.of("v1", "v0"), toWarm, pool);
    }

    @Test
    void whileWarmingAnIdleOldSandboxStandsInAndReadyNewOnesAreHeldBack() {
        pool.idle("v1#1", "v0#1");
        var h = handover(2);
        assertThat(h.fallback()).isEqualTo("v1#1");   // already while preparing: the registry may have switched
        h.warming();
        h.ready("v2#1");
        assertThat(pool.take("v2")).isNull();          // held back until every new sandbox is ready
        assertThat(h.fallback()).isEqualTo("v0#1");    // sources in order
        assertThat(h.serves("v1")).isTrue();
        assertThat(h.serves("v2")).isFalse();
    }

    @Test
    void withNoOldSandboxIdleAReadyNewOneBeatsAColdStart() {
        var h = handover(2);
        h.warming();
        assertThat(h.fallback()).isNull();
        h.ready("v2#1");
        pool.dead.add("v2#1");
        h.ready("v2#2");
        assertThat(h.fallback()).isEqualTo("v2#2");   // a dead held one is skipped
        assertThat(h.fallback()).isNull();
    }

    @Test
    void theSwitchPoolsEveryNewSandboxAtOnceAndTheOldOnesStopStandingIn() {
        pool.idle("v1#1");
        var h = handover(2);
        h.warming();
        h.ready("v2#1");
        h.ready("v2#2");
        h.switchOver();
        assertThat(pool.offered).containsExactly("v2#1", "v2#2");
        assertThat(h.state()).isEqualTo(Handover.State.SWITCHED);
        assertThat(h.live()).isFalse();
        assertThat(h.serves("v1")).isFalse();
        assertThat(h.fallback()).startsWith("v2#");   // never the old code after the switch
        assertThat(h.fallback()).startsWith("v2#");
        assertThat(h.fallback()).isNull();
        assertThat(pool.take("v1")).isEqualTo("v1#1");   // untouched: what happens to them is the caller's choice
    }

    @Test
    void aSandboxReadyAfterTheSwitchGoesStraightToThePool() {
        var h = handover(1);
        h.warming();
        h.switchOver();
        h.ready("v2#late");
        assertThat(pool.take("v2")).isEqualTo("v2#late");
    }

    @Test
    void anAbandonedHandoverServesNothing() {
        pool.idle("v1#1");
        var h = handover(1);
        h.abandon();
        assertThat(h.fallback()).isNull();
        assertThat(h.serves("v1")).isFalse();
        assertThat(pool.take("v1")).isEqualTo("v1#1");
    }

    @Test
    void illegalTransitionsAreRefusedNamingBothStates() {
        var h = handover(1);
        assertThatThrownBy(h::switchOver).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SWITCHED").hasMessageContaining("PREPARING");
        h.warming();
        assertThatThrownBy(h::abandon).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ABANDONED").hasMessageContaining("WARMING");
        assertThatThrownBy(h::warming).isInstanceOf(IllegalStateException.class);
        h.switchOver();
        assertThatThrownBy(h::switchOver).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> handover(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handover<>("v1", List.of("v1"), 1, pool))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
