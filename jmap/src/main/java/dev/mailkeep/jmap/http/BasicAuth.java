// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.model.Account;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic authentication (RFC 7617) against the store's accounts. The credentials are
 * UTF-8; the decoded password is wiped once the store has checked it.
 *
 * <p>Clients send the same credentials with every request, and checking a password hash
 * (Argon2id) costs tens of milliseconds of CPU by design. Credentials that passed are therefore
 * remembered for {@link #REMEMBER} as a keyed digest (HMAC-SHA256 under a per-process random
 * key, never the password), so a burst of requests costs one hash check. Failures are never
 * remembered. A password change takes effect for new credentials at once, and the old
 * password stops working within {@link #REMEMBER}.
 */
final class BasicAuth {
    static final String CHALLENGE = "Basic realm=\"Mailkeep\"";
    static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;

    private record Verified(AccountId account, long expiresAtNanos) {}

    private final MailStore store;
    private final SecretKeySpec digestKey;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;

    BasicAuth(MailStore store, LoginThrottle throttle) {
        this.store = store;
        this.throttle = throttle;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.digestKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** What an Authorization header amounts to. */
    sealed interface Outcome {
        record Authenticated(Account account) implements Outcome {}

        /** Missing, malformed or wrong credentials. */
        record Refused() implements Outcome {}

        /** Too many recent failures for this user or client; no password was checked. */
        record Throttled(long retryAfterSeconds) implements Outcome {}
    }

    /**
     * Checks the Authorization header of a request from {@code client} (its IP address).
     * Remembered credentials are accepted first, so a user whose name is under attack keeps
     * working with a session that already authenticated.
     */
    Outcome authenticate(String authorization, String client) {
        if (authorization == null) {
            return new Outcome.Refused();
        }
        String digest = digest(authorization);
        Verified known = verified.get(digest);
        if (known != null) {
            if (System.nanoTime() - known.expiresAtNanos() < 0) {
                return store.account(known.account()).<Outcome>map(Outcome.Authenticated::new).orElse(new Outcome.Refused());
            }
            verified.remove(digest, known);
        }
        Outcome outcome = check(authorization, client);
        if (outcome instanceof Outcome.Authenticated(Account account)) {
            remember(digest, account);
        }
        return outcome;
    }

    private void remember(String digest, Account account) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(digest, new Verified(account.id(), System.nanoTime() + REMEMBER.toNanos()));
    }

    private String digest(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            return HexFormat.of().formatHex(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private Outcome check(String authorization, String client) {
        if (authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Outcome.Refused();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return new Outcome.Refused();
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon <= 0) {
            Arrays.fill(decoded, (byte) 0);
            return new Outcome.Refused();
        }
        String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
        long retryAfter = throttle.retryAfterSeconds(client, user);
        if (retryAfter > 0) {
            Arrays.fill(decoded, (byte) 0);
            return new Outcome.Throttled(retryAfter);
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded, colon + 1, decoded.length - colon - 1));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        try {
            Optional<Account> account = store.authenticate(user, password);
            if (account.isEmpty()) {
                throttle.failed(client, user);
            }
            return account.<Outcome>map(Outcome.Authenticated::new).orElse(new Outcome.Refused());
        } finally {
            Arrays.fill(decoded, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(password, '\0');
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
