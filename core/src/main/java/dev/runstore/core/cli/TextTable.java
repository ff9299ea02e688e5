package dev.runstore.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns for people: a header, then rows; long cells are cut with an ellipsis. */
final class TextTable {
    private static final int MAX_CELL = 80;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cut(cell == null ? "" : String.valueOf(cell)));
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(header.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        line(out, header, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            text.append(cell);
            if (c < cells.size() - 1) {
                text.append(" ".repeat(widths[c] - width(cell) + 2));
            }
        }
        out.println(text.toString().stripTrailing());
    }

    private static String cut(String text) {
        String oneLine =
                TerminalText.escape(text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
        if (width(oneLine) <= MAX_CELL) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
