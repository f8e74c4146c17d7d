package io.hearth.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection inside one transaction of a {@link Database}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
