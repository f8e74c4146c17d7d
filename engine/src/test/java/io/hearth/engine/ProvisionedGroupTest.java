package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.engine.ProvisionedConfig.Status;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bookkeeping of one provisioned-concurrency configuration, over plain string handles. */
class ProvisionedGroupTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private final Set<String> dead = new HashSet<>();

    private ProvisionedGroup<String> group(int requested) {
        return new ProvisionedGroup<>("fn", "1", requested, T0, "fn:1:rev");
    }

    private ProvisionedConfig view(ProvisionedGroup<String> g) {
        return g.view(s -> !dead.contains(s));
    }

    @Test
    void inProgressUntilEveryRequestedSandboxLandedThenReady() {
        var g = group(2);
        assertThat(g.missing()).isEqualTo(2);
        var a = g.launching();
        var b = g.launching();
        assertThat(g.missing()).isZero();
        assertThat(view(g)).isEqualTo(new ProvisionedConfig("fn", "1", 2, 0, 0, Status.IN_PROGRESS, null, T0));

        assertThat(g.landed(a, "s1")).isTrue();
        assertThat(g.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(g.landed(b, "s2")).isTrue();

        assertThat(view(g)).isEqualTo(new ProvisionedConfig("fn", "1", 2, 2, 2, Status.READY, null, T0));
        assertThat(g.missing()).isZero();
    }

    @Test
    void aDeadSandboxIsPrunedAndReplacedWhileTheGroupStaysReady() {
        var g = group(2);
        g.landed(g.launching(), "s1");
        g.landed(g.launching(), "s2");
        dead.add("s1");
        assertThat(view(g).available()).isEqualTo(1);

        assertThat(g.prune(s -> !dead.contains(s))).isEqualTo(1);

        assertThat(g.status()).isEqualTo(Status.READY);
        assertThat(g.held()).isEqualTo(1);
        assertThat(g.missing()).isEqualTo(1);
        assertThat(g.landed(g.launching(), "s3")).isTrue();
        assertThat(g.holds("s3")).isTrue();
        assertThat(g.holds("s1")).isFalse();
    }

    @Test
    void aFailedLaunchFailsTheGroupWithItsReasonAndStopsLaunchingUntilPutAgain() {
        var g = group(2);
        var a = g.launching();
        var b = g.launching();
        g.landed(a, "s1");
        g.failed(b, "FUNCTION_ERROR_INIT_FAILURE: boom");

        assertThat(view(g)).isEqualTo(new ProvisionedConfig("fn", "1", 2, 1, 1, Status.FAILED,
                "FUNCTION_ERROR_INIT_FAILURE: boom", T0));
        assertThat(g.missing()).isZero();

        assertThat(g.resize(2, T0.plusSeconds(1))).isEmpty();
        assertThat(view(g).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(view(g).statusReason()).isNull();
        assertThat(g.missing()).isEqualTo(1);
    }

    @Test
    void aSmallerAmountReleasesTheSurplusAndALandingBeyondTheAmountIsRefused() {
        var g = group(3);
        var a = g.launching();
        var b = g.launching();
        var c = g.launching();
        g.landed(a, "s1");
        g.landed(b, "s2");

        assertThat(g.resize(1, T0.plusSeconds(5))).containsExactly("s2");

        assertThat(view(g)).isEqualTo(new ProvisionedConfig("fn", "1", 1, 1, 1, Status.READY, null,
                T0.plusSeconds(5)));
        assertThat(g.landed(c, "s3")).isFalse();
        assertThat(g.starting()).isZero();
    }

    @Test
    void aLargerAmountKeepsLaunchesUnderWayAndAsksOnlyForTheRest() {
        var g = group(1);
        var a = g.launching();

        assertThat(g.resize(3, T0)).isEmpty();
        assertThat(g.missing()).isEqualTo(2);
        assertThat(g.landed(a, "s1")).isTrue();
        assertThat(g.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aRetargetReleasesEverythingHeldAndLaunchesUnderWayLandStale() {
        var g = group(2);
        g.landed(g.launching(), "old1");
        var late = g.launching();

        assertThat(g.retarget("fn:2:rev")).containsExactly("old1");

        assertThat(g.targetKey()).isEqualTo("fn:2:rev");
        assertThat(g.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(g.missing()).isEqualTo(2);
        assertThat(g.landed(late, "old2")).isFalse();
        g.failed(late, "ignored");
        assertThat(g.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void releaseGivesBackEverythingAndLaterLandingsAreStale() {
        var g = group(2);
        g.landed(g.launching(), "s1");
        var late = g.launching();

        assertThat(g.release()).containsExactly("s1");
        assertThat(g.landed(late, "s2")).isFalse();
        assertThat(g.held()).isZero();
    }
}
