-- Hearth schema 3: the execution role a function was created with (echoed back as given).
ALTER TABLE functions ADD COLUMN role TEXT;
