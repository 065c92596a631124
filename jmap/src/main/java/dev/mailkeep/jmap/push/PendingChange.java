// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link PushHub.Sink} for a channel that writes on its own thread (an EventSource connection):
 * changes that arrive while the channel is busy merge into one, so a slow client costs one pending
 * StateChange, never a queue.
 */
public final class PendingChange implements PushHub.Sink {
    private StateChange pending;
    private boolean ended;

    @Override
    public synchronized void push(StateChange change) {
        pending = pending == null ? change : pending.mergedWith(change);
        notifyAll();
    }

    @Override
    public synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /** Whether the server ended the subscription. */
    public synchronized boolean isEnded() {
        return ended;
    }

    /** The pending change, waiting at most {@code timeout} for one; empty on timeout or end. */
    public synchronized Optional<StateChange> take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending == null && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        StateChange change = pending;
        pending = null;
        return Optional.ofNullable(change);
    }
}
