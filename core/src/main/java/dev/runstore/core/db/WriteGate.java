package dev.runstore.core.db;

import java.time.Duration;

/**
 * The turn to write, across processes: taken before a write transaction begins and given back
 * after it ends. SQLite's own lock has no queue (a process that finds it taken sleeps and polls in
 * its busy handler), so runstore processes on one file queue here instead; the busy handler is
 * still underneath for writers that are not runstore's.
 */
interface WriteGate {
    /** One turn; closing it gives the turn back. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    Turn NO_TURN = () -> {};

    /** For engines that queue writers themselves (PostgreSQL's row locks). */
    WriteGate NONE = new WriteGate() {
        @Override
        public Turn enter(Duration timeout, boolean waitThroughInterrupts) {
            return NO_TURN;
        }

        @Override
        public void close() {}
    };

    /**
     * Waits up to {@code timeout} for the turn.
     *
     * @param waitThroughInterrupts a group commit's leader waits for its whole group: an interrupt
     *     of its thread is remembered (the flag is set again on return), not obeyed
     * @throws dev.runstore.core.error.BusyException when the turn did not come in time
     */
    Turn enter(Duration timeout, boolean waitThroughInterrupts);

    /** This database no longer writes: its share of the gate is given up. */
    void close();
}
