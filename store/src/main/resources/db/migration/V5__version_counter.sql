-- Hearth schema 5: the highest version number a function ever published, so a number is never
-- reused after its version is deleted (as Lambda). Existing functions start from what they have.
ALTER TABLE functions ADD COLUMN last_version BIGINT NOT NULL DEFAULT 0;
UPDATE functions SET last_version = COALESCE(
    (SELECT MAX(v.version_number) FROM function_versions v WHERE v.name = functions.name), 0);
