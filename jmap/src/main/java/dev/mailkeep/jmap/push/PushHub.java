// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.DataType;
import dev.mailkeep.store.MailStore;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the store's commits out to push channels (RFC 8620 section 7): each open EventSource
 * connection or push-enabled WebSocket subscribes for one account and some types, and is handed a
 * {@link StateChange} holding only its types whose state moved since it last heard. Sinks are
 * called on the store's notification thread and must not block.
 */
public final class PushHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushHub.class);

    /** Where a subscription's state changes go. */
    public interface Sink {
        void push(StateChange change);

        /** The server is shutting down; no more changes will come. */
        void ended();
    }

    private final MailStore store;
    private final Map<AccountId, List<Subscription>> byAccount = new ConcurrentHashMap<>();
    private final AutoCloseable registration;

    private PushHub(MailStore store) {
        this.store = store;
        this.registration = store.addStateListener(this::changed);
    }

    /** A hub listening to the store's commits until {@link #close()}. */
    public static PushHub listenTo(MailStore store) {
        return new PushHub(store);
    }

    /**
     * Subscribes to changes of {@code types} in the account, from now on. With {@code withPushState}
     * every change carries the account's {@link PushState}.
     */
    public Subscription subscribe(AccountId account, Set<PushType> types, boolean withPushState, Sink sink) {
        Subscription subscription = new Subscription(account, Set.copyOf(types), withPushState, sink);
        byAccount.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(subscription);
        subscription.heardUpTo(currentStates(account, subscription.types));
        return subscription;
    }

    /** The account's push state now (RFC 8887 section 4.3.5.1). */
    public String pushState(AccountId account) {
        return PushState.of(store, account);
    }

    /**
     * What changed in {@code types} since a push state the client reported (RFC 8887 section
     * 4.3.5.2), with the current push state; every type counts as changed when the push state is
     * not one this server issued. EmailDelivery is never reported from a push state.
     */
    public java.util.Optional<StateChange> since(AccountId account, Set<PushType> types, String pushState) {
        Map<DataType, String> then = PushState.decode(pushState);
        Map<PushType, String> changed = new LinkedHashMap<>();
        currentStates(account, types).forEach((type, state) -> {
            if (type != PushType.EMAIL_DELIVERY && !state.equals(then.get(type.dataType()))) {
                changed.put(type, state);
            }
        });
        if (changed.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StateChange(Map.of(account, changed), pushState(account)));
    }

    private Map<PushType, String> currentStates(AccountId account, Set<PushType> types) {
        Map<PushType, String> states = new EnumMap<>(PushType.class);
        for (PushType type : types) {
            states.put(type, store.state(account, type.dataType()).encode());
        }
        return states;
    }

    private void changed(AccountId account, Set<DataType> types, boolean delivered) {
        List<Subscription> subscriptions = byAccount.get(account);
        if (subscriptions == null || subscriptions.isEmpty()) {
            return;
        }
        Map<DataType, String> states = new EnumMap<>(DataType.class);
        String pushState = null;
        for (Subscription subscription : subscriptions) {
            Map<PushType, String> moved = new EnumMap<>(PushType.class);
            for (PushType type : subscription.types) {
                if (type.movedBy(types, delivered)) {
                    moved.put(type, states.computeIfAbsent(type.dataType(), t -> store.state(account, t).encode()));
                }
            }
            moved = subscription.unheard(moved);
            if (moved.isEmpty()) {
                continue;
            }
            if (subscription.withPushState && pushState == null) {
                pushState = pushState(account);
            }
            try {
                subscription.sink.push(new StateChange(Map.of(account, moved), subscription.withPushState ? pushState : null));
            } catch (RuntimeException e) {
                LOG.warn("a push channel failed for account {}", account, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            registration.close();
        } catch (Exception e) {
            LOG.warn("could not stop listening to the store", e);
        }
        byAccount.values().forEach(subscriptions -> subscriptions.forEach(s -> s.sink.ended()));
        byAccount.clear();
    }

    /** One channel's interest; closing it stops the changes. */
    public final class Subscription implements AutoCloseable {
        private final AccountId account;
        private final Set<PushType> types;
        private final boolean withPushState;
        private final Sink sink;
        private final Map<PushType, String> lastHeard = new EnumMap<>(PushType.class);

        private Subscription(AccountId account, Set<PushType> types, boolean withPushState, Sink sink) {
            this.account = account;
            this.types = types;
            this.withPushState = withPushState;
            this.sink = sink;
        }

        private synchronized void heardUpTo(Map<PushType, String> states) {
            states.forEach(lastHeard::putIfAbsent);
        }

        /** The states not yet heard, which now count as heard. */
        private synchronized Map<PushType, String> unheard(Map<PushType, String> states) {
            Map<PushType, String> unheard = new EnumMap<>(PushType.class);
            states.forEach((type, state) -> {
                if (!state.equals(lastHeard.put(type, state))) {
                    unheard.put(type, state);
                }
            });
            return unheard;
        }

        @Override
        public void close() {
            List<Subscription> subscriptions = byAccount.get(account);
            if (subscriptions != null) {
                subscriptions.remove(this);
            }
        }
    }
}
