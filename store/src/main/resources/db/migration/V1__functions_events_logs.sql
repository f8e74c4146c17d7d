-- Hearth schema 1: functions, the durable async event queue, invocation logs.
-- Runs on SQLite 3.35+ and PostgreSQL 15. The column types written as dollar-brace placeholders are
-- filled in per database by io.hearth.store.Dialect; everything else is the same on both.
-- Instants are epoch milliseconds (BIGINT); maps are JSON objects in TEXT.

CREATE TABLE functions (
    name            ${name_text} NOT NULL PRIMARY KEY,
    version         TEXT    NOT NULL,
    runtime         TEXT    NOT NULL,
    handler         TEXT    NOT NULL,
    timeout_seconds INTEGER NOT NULL,
    memory_mb       INTEGER NOT NULL,
    environment     TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    code_sha256     TEXT    NOT NULL,
    code_size       BIGINT  NOT NULL,
    revision_id     TEXT    NOT NULL,
    last_modified   BIGINT  NOT NULL,
    tags            TEXT    NOT NULL,
    created_at      BIGINT
);

CREATE INDEX functions_code_sha256 ON functions (code_sha256);

CREATE TABLE queued_events (
    request_id     TEXT    NOT NULL PRIMARY KEY,
    function_name  ${name_text} NOT NULL,
    qualifier      TEXT,
    payload        ${bytes} NOT NULL,
    client_context TEXT,
    attempts       INTEGER NOT NULL,
    enqueued_at    BIGINT  NOT NULL,
    not_before     BIGINT  NOT NULL
);

CREATE INDEX queued_events_not_before ON queued_events (not_before);

-- No primary key: a retried async event runs again under the same request id.
CREATE TABLE invocation_logs (
    request_id    TEXT   NOT NULL,
    function_name ${name_text} NOT NULL,
    version       TEXT   NOT NULL,
    started_at    BIGINT NOT NULL,
    text          TEXT   NOT NULL
);

CREATE INDEX invocation_logs_function ON invocation_logs (function_name, started_at);
CREATE INDEX invocation_logs_request ON invocation_logs (request_id);
CREATE INDEX invocation_logs_started_at ON invocation_logs (started_at);
