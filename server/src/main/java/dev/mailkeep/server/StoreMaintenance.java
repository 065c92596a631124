// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import dev.mailkeep.store.MailStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's housekeeping while the server runs: every hour, uploads older than an hour that no
 * email adopted are forgotten (RFC 8620 section 6.1 asks to keep them at least that long) and
 * unreferenced blob files are deleted; every day, change-log entries older than the retention
 * are trimmed (clients older than that get {@code cannotCalculateChanges} and resynchronise).
 */
final class StoreMaintenance implements AutoCloseable {
    static final Duration UPLOAD_LIFETIME = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    private final MailStore store;
    private final Duration changeRetention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mailkeep-maintenance").factory());

    private StoreMaintenance(MailStore store, Duration changeRetention, Clock clock) {
        this.store = store;
        this.changeRetention = changeRetention;
        this.clock = clock;
    }

    static StoreMaintenance start(MailStore store, Duration changeRetention) {
        StoreMaintenance maintenance = new StoreMaintenance(store, changeRetention, Clock.systemUTC());
        maintenance.timer.scheduleWithFixedDelay(maintenance::sweep, 10, 3600, TimeUnit.SECONDS);
        maintenance.timer.scheduleWithFixedDelay(maintenance::trim, 60, 86_400, TimeUnit.SECONDS);
        return maintenance;
    }

    void sweep() {
        try {
            long deleted = store.sweepBlobs(clock.instant().minus(UPLOAD_LIFETIME), UPLOAD_LIFETIME);
            if (deleted > 0) {
                log.info("blob sweep deleted {} unreferenced file(s)", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("blob sweep failed; retrying in an hour", e);
        }
    }

    void trim() {
        try {
            long removed = store.trimChanges(clock.instant().minus(changeRetention));
            if (removed > 0) {
                log.info("trimmed {} change-log entries older than {} days", removed, changeRetention.toDays());
            }
        } catch (RuntimeException e) {
            log.warn("change-log trim failed; retrying tomorrow", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
