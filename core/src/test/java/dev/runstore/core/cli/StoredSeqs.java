package dev.runstore.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a CLI run really stored, read with plain JDBC: the seqs of every event, in order. */
final class StoredSeqs {
    private StoredSeqs() {}

    /** The stored seqs; none when the file does not exist. */
    static List<Long> of(Path db) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        if (!Files.exists(db)) {
            return seqs;
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = plain.createStatement();
                ResultSet rs = sql.executeQuery("SELECT seq FROM events ORDER BY seq")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }
}
