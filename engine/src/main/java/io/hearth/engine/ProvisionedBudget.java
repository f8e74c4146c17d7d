package io.hearth.engine;

import io.hearth.model.HearthException;
import java.util.OptionalInt;

/**
 * Whether a provisioned-concurrency request fits, as Lambda counts it: a function with reserved concurrency
 * provisions out of its reservation (all its versions and aliases together, never more than it reserved); any
 * other function provisions out of the node's unreserved concurrency, which must keep its minimum share
 * ({@link #minimumUnreserved}, the same 10% floor {@link Admission} keeps for reservations).
 *
 * <p>Worked example, node limit 20 (minimum unreserved 2), function {@code a} reserving 5: {@code a} may provision
 * up to 5 over all its qualifiers; the unreserved share is 15, so the functions without reservation may provision
 * 13 between them.
 */
final class ProvisionedBudget {
    private ProvisionedBudget() {}

    /** The unreserved share a node of {@code limit} always keeps: 10% of it, at least 1 (as {@link Admission}). */
    static int minimumUnreserved(int limit) {
        return Math.max(1, (limit + 9) / 10);
    }

    /**
     * Refuses {@code requested} with InvalidParameterValueException unless it fits.
     *
     * @param reserved             the function's reservation, if any
     * @param ofFunctionElsewhere  what the function's other qualifiers already provision
     * @param unreservedLimit      the node's limit less every reservation
     * @param unreservedElsewhere  what every configuration of a function without reservation provisions, this
     *                             one excepted
     */
    static void check(int requested, OptionalInt reserved, int ofFunctionElsewhere, int nodeLimit, int unreservedLimit,
                      int unreservedElsewhere) {
        if (reserved.isPresent()) {
            if ((long) ofFunctionElsewhere + requested > reserved.getAsInt()) {
                throw HearthException.invalid("Requested Provisioned Concurrency should not be greater than the "
                        + "reservedConcurrentExecution for function: " + (ofFunctionElsewhere + (long) requested)
                        + " requested in all, " + reserved.getAsInt() + " reserved.");
            }
            return;
        }
        int minimum = minimumUnreserved(nodeLimit);
        if ((long) unreservedLimit - unreservedElsewhere - requested < minimum) {
            throw HearthException.invalid("Requested Provisioned Concurrency decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + minimum + "]: at most "
                    + Math.max(0, unreservedLimit - unreservedElsewhere - minimum) + " can be provisioned.");
        }
    }
}
