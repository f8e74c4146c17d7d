package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How much provisioned concurrency fits: the function's reservation, else the node's unreserved share. */
class ProvisionedBudgetTest {

    private static void assertRefused(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(HearthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE)).hasMessageContaining(message);
    }

    @Test
    void theMinimumUnreservedShareIsTenPercentAtLeastOneAsAdmissionKeepsIt() {
        assertThat(ProvisionedBudget.minimumUnreserved(1)).isEqualTo(1);
        assertThat(ProvisionedBudget.minimumUnreserved(10)).isEqualTo(1);
        assertThat(ProvisionedBudget.minimumUnreserved(11)).isEqualTo(2);
        assertThat(ProvisionedBudget.minimumUnreserved(1000)).isEqualTo(100);
    }

    @Test
    void aReservingFunctionProvisionsAtMostItsReservationOverAllItsQualifiers() {
        assertThatCode(() -> ProvisionedBudget.check(5, OptionalInt.of(5), 0, 20, 15, 0)).doesNotThrowAnyException();
        assertThatCode(() -> ProvisionedBudget.check(2, OptionalInt.of(5), 3, 20, 15, 0)).doesNotThrowAnyException();

        assertRefused(() -> ProvisionedBudget.check(6, OptionalInt.of(5), 0, 20, 15, 0),
                "should not be greater than the reservedConcurrentExecution");
        assertRefused(() -> ProvisionedBudget.check(3, OptionalInt.of(5), 3, 20, 15, 0), "6 requested in all, 5");
        assertRefused(() -> ProvisionedBudget.check(1, OptionalInt.of(0), 0, 20, 20, 0), "0 reserved");
    }

    @Test
    void aReservingFunctionIsNotLimitedByTheUnreservedShare() {
        assertThatCode(() -> ProvisionedBudget.check(5, OptionalInt.of(5), 0, 20, 15, 15)).doesNotThrowAnyException();
    }

    @Test
    void otherFunctionsProvisionOutOfTheUnreservedShareLeavingItsMinimum() {
        // limit 20, minimum 2; 5 reserved elsewhere leaves 15, of which 13 may be provisioned
        assertThatCode(() -> ProvisionedBudget.check(13, OptionalInt.empty(), 0, 20, 15, 0)).doesNotThrowAnyException();
        assertThatCode(() -> ProvisionedBudget.check(3, OptionalInt.empty(), 0, 20, 15, 10)).doesNotThrowAnyException();

        assertRefused(() -> ProvisionedBudget.check(14, OptionalInt.empty(), 0, 20, 15, 0),
                "below its minimum value of [2]: at most 13");
        assertRefused(() -> ProvisionedBudget.check(4, OptionalInt.empty(), 0, 20, 15, 10), "at most 3");
        assertRefused(() -> ProvisionedBudget.check(Integer.MAX_VALUE, OptionalInt.empty(), 0, 20, 20, 0),
                "at most 18");
    }
}
