// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code max} requests in progress per user (RFC 8620 section 2, maxConcurrentRequests).
 * A request beyond it is refused at once rather than queued.
 */
final class ConcurrencyLimit {
    /** A slot held while one request runs; closing it frees the slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int max;
    private final ConcurrentHashMap<String, Semaphore> perUser = new ConcurrentHashMap<>();

    ConcurrencyLimit(int max) {
        this.max = max;
    }

    Optional<Permit> tryAcquire(String user) {
        Semaphore slots = perUser.computeIfAbsent(user, u -> new Semaphore(max));
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(slots::release);
    }
}
