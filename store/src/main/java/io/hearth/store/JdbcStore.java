package io.hearth.store;

import java.time.Clock;

/** The {@link Store} over one {@link Database}; its parts share the database's pools. */
final class JdbcStore implements Store {
    private final Database db;
    private final FunctionStore functions;
    private final AliasStore aliases;
    private final ConcurrencyStore concurrency;
    private final ProvisionedStore provisioned;
    private final EventQueue events;
    private final LogStore logs;
    private final KvStore kv;
    private final IdempotencyStore idempotency;

    /** {@code clock} stamps what the store itself dates (key-value {@code updatedAt}). */
    JdbcStore(Database db, Clock clock) {
        this.db = db;
        this.functions = new JdbcFunctionStore(db);
        this.aliases = new JdbcAliasStore(db);
        this.concurrency = new JdbcConcurrencyStore(db);
        this.provisioned = new JdbcProvisionedStore(db);
        this.events = new JdbcEventQueue(db);
        this.logs = new JdbcLogStore(db);
        this.kv = new JdbcKvStore(db, clock);
        this.idempotency = new JdbcIdempotencyStore(db);
    }

    @Override
    public FunctionStore functions() {
        return functions;
    }

    @Override
    public AliasStore aliases() {
        return aliases;
    }

    @Override
    public ConcurrencyStore concurrency() {
        return concurrency;
    }

    @Override
    public ProvisionedStore provisioned() {
        return provisioned;
    }

    @Override
    public EventQueue events() {
        return events;
    }

    @Override
    public LogStore logs() {
        return logs;
    }

    @Override
    public KvStore kv() {
        return kv;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public void close() {
        db.close();
    }
}
