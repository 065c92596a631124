// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.PushSubscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PushSubscriptions of every user (RFC 8620 section 7.2), kept in the store so they outlive
 * a restart. Each live one has a virtual thread that first POSTs the PushVerification to the URL
 * (again after a restart while it is unverified), then, once the client has set the matching
 * {@code verificationCode}, POSTs each StateChange of its types (encrypted per RFC 8291 when it
 * has keys), merging changes that pile up while a request is in flight, until the subscription is
 * destroyed or expires. An expired subscription is deleted from the store when it is next seen.
 */
public final class PushSubscriptions implements AutoCloseable {
    /** At most this many subscriptions per account. */
    static final int MAX_PER_ACCOUNT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);

    private final MailStore store;
    private final PushHub hub;
    private final PushSettings settings;
    private final PushUrlPolicy policy;
    private final Clock clock;
    private final PushSender sender;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    /** Loads the stored subscriptions of every account and resumes those not expired. */
    public PushSubscriptions(MailStore store, PushHub hub, PushSettings settings, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.settings = settings;
        this.policy = new PushUrlPolicy(settings.allowPrivateAddresses());
        this.clock = clock;
        this.sender = new PushSender(policy, settings.vapid());
        for (Account account : store.accounts()) {
            for (PushSubscription stored : store.pushSubscriptions(account.id())) {
                resume(account.id(), stored);
            }
        }
    }

    /** A subscription as PushSubscription/get shows it (never its url or keys). */
    public record View(String id, String deviceClientId, String verificationCode, Instant expires, Set<PushType> types) {}

    /**
     * Creates and stores a subscription, then starts its verification request.
     *
     * @param keys null for unencrypted messages
     * @param types null for all types
     * @throws IllegalArgumentException naming the property at fault, as "property: reason"
     */
    View create(AccountId account, String deviceClientId, String url, WebPushEncryption.Keys keys, Instant expires,
                Set<PushType> types) {
        URI checked;
        try {
            checked = policy.check(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: " + e.getMessage());
        }
        if (list(account).size() >= MAX_PER_ACCOUNT) {
            throw new IllegalStateException("an account may have at most " + MAX_PER_ACCOUNT + " push subscriptions");
        }
        String id = "P" + HexFormat.of().formatHex(randomBytes(9));
        Entry entry = new Entry(id, account, deviceClientId, checked, keys, HexFormat.of().formatHex(randomBytes(16)),
                clock.instant());
        entry.expires = clamp(expires);
        entry.types = types;
        entry.save();
        start(entry);
        return entry.view();
    }

    /** The account's subscriptions that have not expired, oldest first. */
    public List<View> list(AccountId account) {
        Instant now = clock.instant();
        return byId.values().stream().filter(e -> e.account.equals(account) && e.expires.isAfter(now))
                .sorted(Comparator.comparing(e -> e.created)).map(Entry::view).toList();
    }

    /**
     * Updates a subscription's verificationCode, expires or types (each null to keep it) and
     * stores the result.
     *
     * @return empty when the account has no such subscription
     * @throws IllegalArgumentException "verificationCode: ..." when the code is not the one sent
     */
    public Optional<View> update(AccountId account, String id, String verificationCode, Instant expires,
                                 Optional<Set<PushType>> types) {
        Entry entry = find(account, id);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            if (byId.get(id) != entry) {
                return Optional.empty();
            }
            if (verificationCode != null) {
                if (!MessageDigest.isEqual(verificationCode.getBytes(StandardCharsets.UTF_8),
                        entry.expectedCode.getBytes(StandardCharsets.UTF_8))) {
                    throw new IllegalArgumentException("verificationCode: not the code sent to the url");
                }
                entry.verificationCode = verificationCode;
            }
            if (expires != null) {
                entry.expires = clamp(expires);
            }
            if (types != null) {
                entry.types = types.orElse(null);
                entry.subscribe();
            }
            entry.save();
        }
        return Optional.of(entry.view());
    }

    /** Destroys a subscription; false when the account has no such subscription. */
    public boolean destroy(AccountId account, String id) {
        Entry entry = find(account, id);
        if (entry == null) {
            return false;
        }
        entry.endAndForget();
        return true;
    }

    /** Stops every subscription's thread; the subscriptions stay stored. */
    @Override
    public void close() {
        byId.values().forEach(Entry::end);
        sender.close();
    }

    private void resume(AccountId account, PushSubscription stored) {
        if (!stored.expires().isAfter(clock.instant())) {
            store.deletePushSubscription(account, stored.id());
            return;
        }
        WebPushEncryption.Keys keys;
        URI url;
        try {
            keys = stored.keysP256dh() == null ? null : WebPushEncryption.Keys.parse(stored.keysP256dh(), stored.keysAuth());
            url = new URI(stored.url());
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            LOG.warn("push subscription {}: stored url or keys unusable, dropped: {}", stored.id(), e.getMessage());
            store.deletePushSubscription(account, stored.id());
            return;
        }
        Entry entry = new Entry(stored.id(), account, stored.deviceClientId(), url, keys, stored.expectedCode(),
                stored.created());
        entry.verificationCode = stored.verificationCode();
        entry.expires = stored.expires();
        entry.types = stored.types() == null ? null : PushType.fromNames(stored.types());
        start(entry);
    }

    private void start(Entry entry) {
        byId.put(entry.id, entry);
        entry.subscribe();
        Thread.ofVirtual().name("push-" + entry.id).start(entry::run);
    }

    private Entry find(AccountId account, String id) {
        Entry entry = byId.get(id);
        return entry != null && entry.account.equals(account) && entry.expires.isAfter(clock.instant()) ? entry : null;
    }

    private Instant clamp(Instant expires) {
        Instant latest = clock.instant().plus(settings.maxExpiry());
        return expires == null || expires.isAfter(latest) ? latest : expires;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private final class Entry {
        final String id;
        final AccountId account;
        final String deviceClientId;
        final URI url;
        final WebPushEncryption.Keys keys;
        final String expectedCode;
        final Instant created;
        final PendingChange pending = new PendingChange();
        volatile String verificationCode;
        volatile Instant expires;
        volatile Set<PushType> types;
        private PushHub.Subscription subscription;

        Entry(String id, AccountId account, String deviceClientId, URI url, WebPushEncryption.Keys keys,
              String expectedCode, Instant created) {
            this.id = id;
            this.account = account;
            this.deviceClientId = deviceClientId;
            this.url = url;
            this.keys = keys;
            this.expectedCode = expectedCode;
            this.created = created;
        }

        View view() {
            return new View(id, deviceClientId, verificationCode, expires, types);
        }

        void save() {
            store.putPushSubscription(account, new PushSubscription(id, deviceClientId, url.toString(),
                    keys == null ? null : keys.p256dhText(), keys == null ? null : keys.authText(), expectedCode,
                    verificationCode, expires, types == null ? null : types.stream().sorted().map(PushType::typeName).toList(),
                    created));
        }

        /** (Re)subscribes for the current types; changes are passed on only once verified. */
        synchronized void subscribe() {
            if (subscription != null) {
                subscription.close();
            }
            subscription = hub.subscribe(account, types == null ? EnumSet.allOf(PushType.class) : types, false,
                    new PushHub.Sink() {
                        @Override
                        public void push(StateChange change) {
                            if (verificationCode != null) {
                                pending.push(change);
                            }
                        }

                        @Override
                        public void ended() {
                            pending.ended();
                        }
                    });
        }

        synchronized void end() {
            byId.remove(id, this);
            if (subscription != null) {
                subscription.close();
            }
            pending.ended();
        }

        /** Ends the subscription and deletes it from the store, so no update can store it again. */
        synchronized void endAndForget() {
            end();
            store.deletePushSubscription(account, id);
        }

        void run() {
            try {
                if (verificationCode == null) {
                    ObjectNode verification = JsonNodeFactory.instance.objectNode().put("@type", "PushVerification")
                            .put("pushSubscriptionId", id).put("verificationCode", expectedCode);
                    sender.send(id, url, keys, verification);
                }
                while (!pending.isEnded()) {
                    Optional<StateChange> change = pending.take(Duration.ofMinutes(1));
                    if (!expires.isAfter(clock.instant())) {
                        endAndForget();
                    } else if (change.isPresent()) {
                        sender.send(id, url, keys, change.get().toJson());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.ended();
            } catch (RuntimeException e) {
                LOG.warn("push subscription {} stopped", id, e);
                end();
            }
        }
    }
}
