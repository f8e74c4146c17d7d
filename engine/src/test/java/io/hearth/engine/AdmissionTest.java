package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static void assertThrottled(Runnable r, String reason) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.extra()).containsEntry("Reason", reason).containsKey("Retry-After");
        });
    }

    @Test
    void refusesAtOnceWhenFullAndAdmitsAgainAfterRelease() {
        var a = new Admission(2);
        var p1 = a.acquire("f");
        a.acquire("g");
        assertThat(a.inUse()).isEqualTo(2);
        assertThrottled(() -> a.acquire("h"), Admission.NODE_LIMIT);
        assertThat(a.tryAcquire("h")).isNull();
        p1.release();
        assertThat(a.tryAcquire("h")).isNotNull();
    }

    @Test
    void aReservationIsItsOwnPoolCarvedOutOfTheNode() {
        var a = new Admission(10);
        a.reserve("hot", 3);
        assertThat(a.unreservedLimit()).isEqualTo(7);
        for (int i = 0; i < 3; i++) a.acquire("hot");
        assertThrottled(() -> a.acquire("hot"), Admission.FUNCTION_LIMIT);
        for (int i = 0; i < 7; i++) a.acquire("other-" + i);   // the others keep their share
        assertThrottled(() -> a.acquire("one-more"), Admission.NODE_LIMIT);
    }

    @Test
    void zeroThrottlesTheFunctionEntirely() {
        var a = new Admission(10);
        a.reserve("off", 0);
        assertThrottled(() -> a.acquire("off"), Admission.FUNCTION_LIMIT);
        a.unreserve("off");
        assertThat(a.tryAcquire("off")).isNotNull();
    }

    @Test
    void theMinimumUnreservedShareIsKept() {
        var a = new Admission(10);
        a.reserve("a", 9);
        assertThatThrownBy(() -> a.reserve("b", 1)).hasMessageContaining("minimum value of [1]");
        a.reserve("a", 5);                          // shrinking gives permits back
        assertThat(a.unreservedLimit()).isEqualTo(5);
        a.restore(Map.of("b", 2));
        assertThat(a.unreservedLimit()).isEqualTo(3);
    }

    @Test
    void changingAReservationWhileInvocationsRunLosesNoPermit() {
        var a = new Admission(10);
        var unreservedPermit = a.acquire("f");     // taken before the reservation
        a.reserve("f", 2);
        var reservedPermit = a.acquire("f");
        unreservedPermit.release();                // goes back to the shared pool
        reservedPermit.release();
        a.unreserve("f");
        for (int i = 0; i < 10; i++) a.acquire("x" + i);
        assertThrottled(() -> a.acquire("y"), Admission.NODE_LIMIT);
    }
}
