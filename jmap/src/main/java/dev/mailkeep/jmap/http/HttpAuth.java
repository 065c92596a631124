// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.account.LoginThrottle;
import dev.mailkeep.store.model.Account;
import dev.mailkeep.store.model.Credential;
import dev.mailkeep.store.model.Login;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP authentication of JMAP requests: Basic (RFC 7617) with the account's password or one of its
 * app passwords, and Bearer (RFC 6750 section 2.1) with a token issued from the command line. Basic
 * credentials are UTF-8; the decoded password is wiped once the store has checked it. A refused
 * request is challenged for both schemes ({@link #CHALLENGES}).
 *
 * <p>Clients send the same credentials with every request, and checking a password hash
 * (Argon2id) costs tens of milliseconds of CPU by design. Credentials that passed are therefore
 * remembered for {@link #REMEMBER} as a keyed digest (HMAC-SHA256 under a per-process random
 * key, never the password), so a burst of requests costs one hash check. Failures are never
 * remembered. A password change takes effect for new credentials at once, and the old
 * password stops working within {@link #REMEMBER}; a revoked app password stops at once, as a
 * remembered one is looked up again on every use. Bearer tokens are a single keyed lookup and
 * are not remembered, so a revoked token also stops at once.
 */
final class HttpAuth {
    static final List<String> CHALLENGES =
            List.of("Basic realm=\"Mailkeep\"", "Bearer realm=\"Mailkeep\"");
    static final Duration REMEMBER = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;

    private record Verified(AccountId account, String appPassword, long expiresAtNanos) {}

    private final MailStore store;
    private final SecretKeySpec digestKey;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;

    HttpAuth(MailStore store, LoginThrottle throttle) {
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
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).trim(), client);
        }
        String digest = digest(authorization);
        Verified known = verified.get(digest);
        if (known != null) {
            if (System.nanoTime() - known.expiresAtNanos() < 0 && stillValid(known)) {
                return store.account(known.account()).<Outcome>map(Outcome.Authenticated::new).orElse(new Outcome.Refused());
            }
            verified.remove(digest, known);
        }
        return check(authorization, client, digest);
    }

    private boolean stillValid(Verified known) {
        return known.appPassword() == null || store.credentials(known.account(), Credential.Kind.APP_PASSWORD).stream()
                .anyMatch(c -> c.id().equals(known.appPassword()));
    }

    private Outcome bearer(String token, String client) {
        long retryAfter = throttle.retryAfterSeconds(client);
        if (retryAfter > 0) {
            return new Outcome.Throttled(retryAfter);
        }
        Optional<Account> account = store.authenticateBearer(token);
        if (account.isEmpty()) {
            throttle.failed(client);
        }
        return account.<Outcome>map(Outcome.Authenticated::new).orElse(new Outcome.Refused());
    }

    private void remember(String digest, Login login) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        String appPassword = login.appPassword() == null ? null : login.appPassword().id();
        verified.put(digest, new Verified(login.account().id(), appPassword, System.nanoTime() + REMEMBER.toNanos()));
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

    private Outcome check(String authorization, String client, String digest) {
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
            Optional<Login> login = store.login(user, password);
            if (login.isEmpty()) {
                throttle.failed(client, user);
                return new Outcome.Refused();
            }
            remember(digest, login.get());
            return new Outcome.Authenticated(login.get().account());
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
