-- Hearth schema 7: the Hearth settings (the function's hearth:* tags, e.g. idempotency) a version
-- was published with; a version is immutable, its settings too. JSON object, '{}' when none.
ALTER TABLE function_versions ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
