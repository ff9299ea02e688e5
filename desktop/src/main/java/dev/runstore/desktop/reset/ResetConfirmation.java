package dev.runstore.desktop.reset;

import dev.runstore.core.admin.ResetPreview;
import dev.runstore.desktop.format.Counts;
import dev.runstore.desktop.format.Sizes;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The confirmation's state: the preview in words and whether the typed name matches. No scene
 * classes, so it is tested without a toolkit.
 */
public final class ResetConfirmation {
    private final ResetPreview preview;
    private final String name;
    private final StringProperty typed = new SimpleStringProperty("");
    private final BooleanBinding matches;

    /** {@code name} is what the person must type: the database's file name. */
    public ResetConfirmation(ResetPreview preview, String name) {
        this.preview = preview;
        this.name = name;
        this.matches = Bindings.createBooleanBinding(
                () -> typed.get() != null && name.equals(typed.get().strip()), typed);
    }

    public String heading() {
        return "Delete everything in " + name + "?";
    }

    public String location() {
        return preview.location();
    }

    /** "3 tables, 1,234 rows: events (1,200), runs (30), my notes (4)". */
    public String tables() {
        Map<String, Long> tables = preview.tables();
        if (tables.isEmpty()) {
            return "No tables.";
        }
        String each = tables.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " (" + Counts.of(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        return Counts.of(tables.size()) + (tables.size() == 1 ? " table, " : " tables, ") + Counts.of(preview.rows())
                + (preview.rows() == 1 ? " row: " : " rows: ") + each
                + ". Every table, view and trigger is dropped, then runstore's migrations run again.";
    }

    public String payloads() {
        return preview.payloadFolder()
                .map(folder -> preview.payloadFiles() == 0
                        ? "No out-of-line payloads in " + folder + "."
                        : Counts.of(preview.payloadFiles())
                                + (preview.payloadFiles() == 1 ? " payload file" : " payload files") + " ("
                                + Sizes.of(preview.payloadBytes()) + ") in " + folder + " are deleted.")
                .orElse("No out-of-line payload folder.");
    }

    public String backup() {
        return preview.backupFolder()
                .map(folder -> "A backup of everything is written first, to " + folder.resolve(preview.backupName())
                        + " (the time in UTC).")
                .orElse("No backup is written on this engine: take one first (pg_dump).");
    }

    public String prompt() {
        return "Type " + name + " to confirm:";
    }

    public String name() {
        return name;
    }

    public StringProperty typedProperty() {
        return typed;
    }

    /** True only when the typed text is exactly the name: the delete button's gate. */
    public BooleanBinding matchesProperty() {
        return matches;
    }
}
