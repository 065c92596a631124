// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.account;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits failed logins per user name and per client address within a fixed window, so a
 * password cannot be guessed quickly and failed guesses cannot make the server run Argon2id
 * without end. While a key is over its limit, its logins are refused without a password check.
 * A failed bearer token counts against the client address only, as it names no user.
 *
 * <p>One instance serves every protocol that checks passwords (JMAP over HTTP and SMTP AUTH), so
 * guesses cannot move to the protocol that was not counting. Clients are keyed by IP address
 * (IPv6 with or without brackets alike), users by name without case.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startNanos, int failures) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final LoginLimits limits;
    private final long windowNanos;

    public LoginThrottle(LoginLimits limits) {
        this(limits, System::nanoTime);
    }

    public LoginThrottle(LoginLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.windowNanos = limits.window().toNanos();
    }

    /** Seconds until this user may try again from this client; 0 when a try is allowed now. */
    public long retryAfterSeconds(String client, String user) {
        long now = nanoClock.getAsLong();
        return Math.max(wait(userKey(user), limits.maxFailuresPerUser(), now), retryAfterSeconds(client, now));
    }

    /** Seconds until this client may try again whatever the user; 0 when a try is allowed now. */
    public long retryAfterSeconds(String client) {
        return retryAfterSeconds(client, nanoClock.getAsLong());
    }

    private long retryAfterSeconds(String client, long now) {
        return wait(clientKey(client), limits.maxFailuresPerClient(), now);
    }

    public void failed(String client, String user) {
        long now = prune();
        count(userKey(user), now);
        count(clientKey(client), now);
    }

    /** A failure that names no user, such as an unknown bearer token. */
    public void failed(String client) {
        count(clientKey(client), prune());
    }

    private long prune() {
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> expired(w, now));
        }
        return now;
    }

    private void count(String key, long now) {
        windows.compute(key, (k, w) -> w == null || expired(w, now) ? new Window(now, 1) : new Window(w.startNanos(), w.failures() + 1));
    }

    private long wait(String key, int max, long now) {
        Window window = windows.get(key);
        if (window == null || expired(window, now) || window.failures() < max) {
            return 0;
        }
        long remaining = window.startNanos() + windowNanos - now;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() >= windowNanos;
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        boolean bracketed = client.length() > 1 && client.charAt(0) == '[' && client.charAt(client.length() - 1) == ']';
        return "client:" + (bracketed ? client.substring(1, client.length() - 1) : client);
    }
}
