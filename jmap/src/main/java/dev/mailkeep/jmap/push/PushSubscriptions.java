// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.store.AccountId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The PushSubscriptions of every user (RFC 8620 section 7.2), kept in memory (a restart forgets
 * them; clients re-create a subscription when theirs is gone). Each has a virtual thread that
 * first POSTs the PushVerification to the URL, then, once the client has set the matching
 * {@code verificationCode}, POSTs each StateChange of its types, merging changes that pile up
 * while a request is in flight, until the subscription is destroyed or expires.
 */
public final class PushSubscriptions implements AutoCloseable {
    /** At most this many subscriptions per account. */
    static final int MAX_PER_ACCOUNT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PushHub hub;
    private final PushSettings settings;
    private final PushUrlPolicy policy;
    private final Clock clock;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    public PushSubscriptions(PushHub hub, PushSettings settings, Clock clock) {
        this.hub = hub;
        this.settings = settings;
        this.policy = new PushUrlPolicy(settings.allowPrivateAddresses());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A subscription as PushSubscription/get shows it (never its url or keys). */
    public record View(String id, String deviceClientId, String verificationCode, Instant expires, Set<PushType> types) {}

    /**
     * Creates a subscription and starts its verification request.
     *
     * @param types null for all types
     * @throws IllegalArgumentException naming the property at fault, as "property: reason"
     */
    public View create(AccountId account, String deviceClientId, String url, Instant expires, Set<PushType> types) {
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
        Entry entry = new Entry(id, account, deviceClientId, checked, HexFormat.of().formatHex(randomBytes(16)));
        entry.expires = clamp(expires);
        entry.types = types;
        byId.put(id, entry);
        entry.subscribe();
        Thread.ofVirtual().name("push-" + id).start(entry::run);
        return entry.view();
    }

    /** The account's subscriptions that have not expired, oldest first. */
    public List<View> list(AccountId account) {
        Instant now = clock.instant();
        return byId.values().stream().filter(e -> e.account.equals(account) && e.expires.isAfter(now))
                .sorted(Comparator.comparing(e -> e.created)).map(Entry::view).toList();
    }

    /**
     * Updates a subscription's verificationCode, expires or types (each null to keep it).
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
        return Optional.of(entry.view());
    }

    /** Destroys a subscription; false when the account has no such subscription. */
    public boolean destroy(AccountId account, String id) {
        Entry entry = find(account, id);
        if (entry == null) {
            return false;
        }
        entry.end();
        return true;
    }

    @Override
    public void close() {
        byId.values().forEach(Entry::end);
        http.close();
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
        final String expectedCode;
        final Instant created = clock.instant();
        final PendingChange pending = new PendingChange();
        volatile String verificationCode;
        volatile Instant expires;
        volatile Set<PushType> types;
        private PushHub.Subscription subscription;

        Entry(String id, AccountId account, String deviceClientId, URI url, String expectedCode) {
            this.id = id;
            this.account = account;
            this.deviceClientId = deviceClientId;
            this.url = url;
            this.expectedCode = expectedCode;
        }

        View view() {
            return new View(id, deviceClientId, verificationCode, expires, types);
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

        void run() {
            ObjectNode verification = JsonNodeFactory.instance.objectNode().put("@type", "PushVerification")
                    .put("pushSubscriptionId", id).put("verificationCode", expectedCode);
            post(verification);
            try {
                while (!pending.isEnded()) {
                    Optional<StateChange> change = pending.take(Duration.ofMinutes(1));
                    if (!expires.isAfter(clock.instant())) {
                        end();
                    } else if (change.isPresent()) {
                        post(change.get().toJson());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void post(ObjectNode body) {
            try {
                URI target = policy.check(url.toString());
                HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("TTL", "86400")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 != 2) {
                    LOG.info("push subscription {}: {} answered {}", id, url.getHost(), response.statusCode());
                }
            } catch (IllegalArgumentException e) {
                LOG.info("push subscription {}: not sent: {}", id, e.getMessage());
            } catch (java.io.IOException e) {
                LOG.info("push subscription {}: {} unreachable: {}", id, url.getHost(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.ended();
            }
        }
    }
}
