-- Hearth schema 8: provisioned concurrency, at most one configuration per function and qualifier (a published
-- version number or an alias name; never $LATEST) - PutProvisionedConcurrencyConfig.
-- Same conventions as V1: dollar-brace placeholders are filled in per database by io.hearth.store.Dialect,
-- instants are epoch milliseconds (BIGINT).
-- A configuration goes with its function through ON DELETE CASCADE. One that outlives its version or alias
-- (deleted by the control plane) is the engine's to delete: the qualifier is not a foreign key, as it names
-- either a version or an alias.
CREATE TABLE provisioned_concurrency (
    function_name ${name_text} NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    qualifier     ${name_text} NOT NULL,
    requested     INTEGER NOT NULL CHECK (requested >= 1),
    last_modified BIGINT  NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
