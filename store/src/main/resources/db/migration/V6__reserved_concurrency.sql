-- Hearth schema 6: reserved concurrency, one reservation at most per function (PutFunctionConcurrency).
-- Same conventions as V1: dollar-brace placeholders are filled in per database by io.hearth.store.Dialect.
-- The reservation goes with its function: the store deletes it explicitly in the same transaction as the
-- function, and ON DELETE CASCADE also takes a row that a concurrent writer added meanwhile.
CREATE TABLE function_concurrency (
    function_name ${name_text} NOT NULL PRIMARY KEY REFERENCES functions (name) ON DELETE CASCADE,
    reserved      INTEGER NOT NULL CHECK (reserved >= 0)
);
