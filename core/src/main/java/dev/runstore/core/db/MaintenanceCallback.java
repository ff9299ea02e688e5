package dev.runstore.core.db;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work that needs plain JDBC connections of its own: schema migrations (Flyway), backups, resets.
 * The data source is valid only while the callback runs; every connection it opened is closed after.
 *
 * A {@link SQLException} it throws leaves {@code Database.maintenance} as a runstore {@code
 * DbException}.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface MaintenanceCallback<R> {
    R run(DataSource connections) throws SQLException;
}
