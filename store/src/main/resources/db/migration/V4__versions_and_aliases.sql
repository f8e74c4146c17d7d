-- Hearth schema 4: published function versions and aliases.
-- Same conventions as V1: dollar-brace placeholders are filled in per database by io.hearth.store.Dialect,
-- instants are epoch milliseconds (BIGINT), maps are JSON objects in TEXT.
-- Both tables reference their function and go with it: the store deletes them explicitly in the same
-- transaction as the function, and ON DELETE CASCADE also takes a row that a concurrent writer added meanwhile.

-- An immutable snapshot of a function, with the same columns as the $LATEST one in functions (less tags and
-- created_at). version is the number as text ("1", "2", ...), version_number the same as a number to order by.
CREATE TABLE function_versions (
    name            ${name_text} NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    version         TEXT    NOT NULL,
    version_number  BIGINT  NOT NULL,
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
    role            TEXT,
    PRIMARY KEY (name, version)
);

CREATE INDEX function_versions_number ON function_versions (name, version_number);
CREATE INDEX function_versions_code_sha256 ON function_versions (code_sha256);

-- additional_version_weights: a JSON object of version number to weight ({} when the alias routes to one version).
CREATE TABLE function_aliases (
    function_name              ${name_text} NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    name                       ${name_text} NOT NULL,
    function_version           TEXT NOT NULL,
    description                TEXT NOT NULL,
    additional_version_weights TEXT NOT NULL,
    revision_id                TEXT NOT NULL,
    PRIMARY KEY (function_name, name)
);
