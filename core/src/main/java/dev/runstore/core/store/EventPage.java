package dev.runstore.core.store;

import java.util.List;

/**
 * One page of a run's events, newest first, with the counts read in the same read transaction as
 * the page, so the count shown beside a list always describes that list's moment.
 *
 * @param events at most the page size, newest first
 * @param runTotal every event of the run, whatever the filter
 * @param matching events of the run that pass the filter; a lower bound when {@code matchingExact}
 *     is false (counting stopped at its time budget)
 * @param hasOlder whether events older than the last one on the page pass the filter
 * @param hasNewer whether events newer than the first one on the page pass the filter
 */
public record EventPage(
        List<Event> events, long runTotal, long matching, boolean matchingExact, boolean hasOlder, boolean hasNewer) {
    public EventPage {
        events = List.copyOf(events);
    }

    /** Where a page is, relative to the whole filtered run or to an event of the page shown. */
    public enum Go {
        /** The newest events. */
        NEWEST,
        /** The events just older than the anchor (the last event of the page shown). */
        OLDER,
        /** The events just newer than the anchor (the first event of the page shown). */
        NEWER,
        /** The oldest events (the run's first event is the page's last). */
        OLDEST
    }
}
