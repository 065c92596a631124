// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.StateListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link StateListener}s and the one thread that calls them: {@link #committed}
 * runs on the writer's thread after a commit and only hands the news over, so a slow listener
 * never holds up the writer, and listeners hear about commits in commit order.
 */
final class StateListeners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateListeners.class);

    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mailkeep-state-listeners");
        thread.setDaemon(true);
        return thread;
    });

    AutoCloseable add(StateListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** Called after a transaction committed, with the types it changed per account number. */
    void committed(Map<Long, Set<DataType>> changed, Set<Long> delivered) {
        if (changed.isEmpty() || listeners.isEmpty()) {
            return;
        }
        try {
            notifier.execute(() -> changed.forEach((account, types) -> notify(
                    new AccountId(Ids.encode(Ids.ACCOUNT, account)), types, delivered.contains(account))));
        } catch (RejectedExecutionException closed) {
            LOG.debug("store closing; commit not announced");
        }
    }

    private void notify(AccountId account, Set<DataType> types, boolean delivered) {
        for (StateListener listener : listeners) {
            try {
                listener.changed(account, types, delivered);
            } catch (RuntimeException e) {
                LOG.warn("a state listener failed for account {}", account, e);
            }
        }
    }

    @Override
    public void close() {
        notifier.shutdown();
    }
}
