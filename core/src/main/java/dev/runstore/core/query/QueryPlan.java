package dev.runstore.core.query;

import java.util.List;
import java.util.Locale;

/** The engine's plan for a query (SQLite's {@code EXPLAIN QUERY PLAN}, PostgreSQL's {@code EXPLAIN}), as a tree. */
public record QueryPlan(List<Node> roots) {
    public QueryPlan {
        roots = List.copyOf(roots);
    }

    /**
     * One step of the plan.
     *
     * @param detail the engine's text, e.g. {@code SEARCH events USING INDEX events_run_seq_idx (run_id=?)}
     * @param usesIndex whether the step reads through an index or the primary key
     * @param scan whether the step reads a whole table (or subquery result) without one
     */
    public record Node(int id, String detail, boolean usesIndex, boolean scan, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        static Node of(int id, String detail, List<Node> children) {
            String upper = detail.toUpperCase(Locale.ROOT);
            boolean index = upper.contains("USING INDEX")
                    || upper.contains("USING COVERING INDEX")
                    || upper.contains("USING INTEGER PRIMARY KEY")
                    || upper.contains("USING PRIMARY KEY")
                    // PostgreSQL: Index Scan, Index Only Scan, Bitmap Index Scan and its Bitmap Heap Scan
                    || upper.contains("INDEX SCAN")
                    || upper.contains("INDEX ONLY SCAN")
                    || upper.contains("BITMAP HEAP SCAN");
            return new Node(id, detail, index, !index && upper.contains("SCAN"), children);
        }
    }
}
