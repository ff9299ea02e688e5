package dev.runstore.core.admin;

/** What {@link Ingest#run} wrote: events inserted and skipped (already stored). */
public record IngestResult(String run, long inserted, long skipped) {}
