package dev.runstore.desktop.tables;

/** One line of the Tables panel; {@code bytes} is null when SQLite's dbstat is unavailable. */
public record TableRow(String name, long rows, Long bytes) {}
