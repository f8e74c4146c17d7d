package io.hearth.store;

/**
 * Hearth's durable state: functions with their versions, aliases, reserved and provisioned concurrency, the
 * async event queue, invocation logs, the key-value store and what idempotent execution keeps, all in one database
 * (embedded SQLite on a single node, a shared PostgreSQL in a cluster). Obtained from {@link Stores};
 * every method of its parts is thread-safe and runs as one transaction. Failures of the database surface
 * as {@link io.hearth.model.HearthException} with {@link io.hearth.model.ErrorCode#SERVICE}. Instants are
 * stored as epoch milliseconds: anything finer is dropped, so callers use millisecond instants
 * ({@code clock.instant().truncatedTo(ChronoUnit.MILLIS)}) to get back exactly what they stored.
 */
public interface Store extends AutoCloseable {

    FunctionStore functions();

    AliasStore aliases();

    ConcurrencyStore concurrency();

    ProvisionedStore provisioned();

    EventQueue events();

    LogStore logs();

    KvStore kv();

    IdempotencyStore idempotency();

    /** Releases the connections; idempotent. Using the parts afterwards fails with a ServiceException. */
    @Override
    void close();
}
