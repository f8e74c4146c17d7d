-- Hearth schema 2: the key-value store and idempotent execution (stored answers and decisions).
-- Same conventions as V1: dollar-brace placeholders are filled in per database by io.hearth.store.Dialect,
-- instants are epoch milliseconds (BIGINT), lists are JSON arrays in TEXT.

-- One row per key ever written. A deleted key stays as a tombstone (value NULL) so that its version keeps
-- counting; the primary key serves get, version and the ordered, prefix-ranged list of a namespace.
CREATE TABLE kv_entries (
    namespace  ${name_text} NOT NULL,
    item_key   ${name_text} NOT NULL,
    value      ${bytes},
    version    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (namespace, item_key)
);

-- The answer of a completed idempotent run, replaced when the same record key runs again.
CREATE TABLE idempotency_records (
    function_name    ${name_text} NOT NULL,
    record_key       ${name_text} NOT NULL,
    request_id       TEXT    NOT NULL,
    executed_version TEXT    NOT NULL,
    error_type       TEXT,
    payload          ${bytes} NOT NULL,
    dependencies     TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    expires_at       BIGINT  NOT NULL,
    PRIMARY KEY (function_name, record_key)
);

CREATE INDEX idempotency_records_created ON idempotency_records (function_name, created_at);
CREATE INDEX idempotency_records_expires ON idempotency_records (expires_at);

-- Append-only explanations; no primary key: a retried async event is decided again under its request id.
CREATE TABLE idempotency_decisions (
    request_id       TEXT    NOT NULL,
    function_name    ${name_text} NOT NULL,
    replayed         BOOLEAN NOT NULL,
    prior_request_id TEXT,
    reason           TEXT,
    decided_at       BIGINT  NOT NULL
);

CREATE INDEX idempotency_decisions_function ON idempotency_decisions (function_name, decided_at);
CREATE INDEX idempotency_decisions_request ON idempotency_decisions (request_id);
CREATE INDEX idempotency_decisions_decided_at ON idempotency_decisions (decided_at);
