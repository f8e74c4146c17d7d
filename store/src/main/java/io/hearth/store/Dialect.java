package io.hearth.store;

import java.util.Map;

/**
 * The databases Hearth runs on and the only two ways their schemas differ, given to the migrations as
 * Flyway placeholders: the type of binary columns ({@code BLOB} / {@code BYTEA}) and the type of name
 * columns, which PostgreSQL must compare by code point ({@code COLLATE "C"}) so that listings are ordered
 * and paged exactly as SQLite's binary collation does. Every query is the same on both.
 */
enum Dialect {
    SQLITE("BLOB", "TEXT"),
    POSTGRESQL("BYTEA", "TEXT COLLATE \"C\"");

    private final String bytesType;
    private final String nameType;

    Dialect(String bytesType, String nameType) {
        this.bytesType = bytesType;
        this.nameType = nameType;
    }

    /** Values for the placeholders of {@code db/migration/*.sql}. */
    Map<String, String> placeholders() {
        return Map.of("bytes", bytesType, "name_text", nameType);
    }
}
