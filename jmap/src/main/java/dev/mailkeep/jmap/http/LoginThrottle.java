// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits failed logins per user name and per client address within a fixed window, so a
 * password cannot be guessed quickly and failed guesses cannot make the server run Argon2id
 * without end. While a key is over its limit, its logins are refused without a password check.
 */
final class LoginThrottle {
    static final int MAX_FAILURES_PER_USER = 10;
    static final int MAX_FAILURES_PER_CLIENT = 30;
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startNanos, int failures) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Seconds until this user may try again from this client; 0 when a try is allowed now. */
    long retryAfterSeconds(String client, String user) {
        long now = nanoClock.getAsLong();
        return Math.max(wait(userKey(user), MAX_FAILURES_PER_USER, now), wait(clientKey(client), MAX_FAILURES_PER_CLIENT, now));
    }

    void failed(String client, String user) {
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> expired(w, now));
        }
        count(userKey(user), now);
        count(clientKey(client), now);
    }

    private void count(String key, long now) {
        windows.compute(key, (k, w) -> w == null || expired(w, now) ? new Window(now, 1) : new Window(w.startNanos(), w.failures() + 1));
    }

    private long wait(String key, int max, long now) {
        Window window = windows.get(key);
        if (window == null || expired(window, now) || window.failures() < max) {
            return 0;
        }
        long remaining = window.startNanos() + WINDOW.toNanos() - now;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    private static boolean expired(Window window, long now) {
        return now - window.startNanos() >= WINDOW.toNanos();
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }
}
