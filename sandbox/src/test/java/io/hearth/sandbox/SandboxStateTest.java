package io.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxStateTest {

    @Test
    void legalPathsAreAllowed() {
        var l = new SandboxLifecycle("sb-1", SandboxState.STARTING);
        l.move(SandboxState.STARTING, SandboxState.INITIALIZING);
        l.move(SandboxState.INITIALIZING, SandboxState.BUSY);
        l.move(SandboxState.BUSY, SandboxState.READY);
        l.move(SandboxState.READY, SandboxState.BUSY);
        l.move(SandboxState.BUSY, SandboxState.DRAINING);
        l.move(SandboxState.DRAINING, SandboxState.STOPPED);
        assertThat(l.current()).isEqualTo(SandboxState.STOPPED);
    }

    @Test
    void illegalTransitionNamesBothStates() {
        var l = new SandboxLifecycle("sb-2", SandboxState.READY);
        assertThatThrownBy(() -> l.move(SandboxState.READY, SandboxState.GENERIC))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("READY").hasMessageContaining("GENERIC");
        assertThatThrownBy(() -> l.move(SandboxState.BUSY, SandboxState.READY))
                .hasMessageContaining("expected BUSY").hasMessageContaining("it is READY");
    }

    @Test
    void stoppedIsFinal() {
        for (SandboxState s : SandboxState.values()) {
            assertThat(SandboxState.STOPPED.canMoveTo(s)).isFalse();
        }
        var l = new SandboxLifecycle("sb-3", SandboxState.STOPPED);
        assertThat(l.tryMove(SandboxState.FAILED)).isFalse();
    }

    @Test
    void anyLiveStateCanFailOrDrain() {
        for (SandboxState s : new SandboxState[] {SandboxState.STARTING, SandboxState.GENERIC,
                SandboxState.INITIALIZING, SandboxState.READY, SandboxState.BUSY}) {
            assertThat(s.canMoveTo(SandboxState.FAILED)).as(s.name()).isTrue();
            assertThat(s.canMoveTo(SandboxState.DRAINING)).as(s.name()).isTrue();
        }
    }
}
