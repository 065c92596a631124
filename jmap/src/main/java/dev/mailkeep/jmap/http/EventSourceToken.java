// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import dev.mailkeep.store.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short-lived {@code access_token} in the session's {@code eventSourceUrl}, because a browser's
 * EventSource cannot send an Authorization header (RFC 8620 section 7.3). A token is
 * {@code accountId.expiry.signature}, the signature an HMAC-SHA256 under a key made at server start,
 * so tokens die with the process; it is accepted on the EventSource route only.
 */
final class EventSourceToken {
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;

    EventSourceToken(Clock clock) {
        this(randomKey(), clock);
    }

    private EventSourceToken(SecretKeySpec key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The same key read by another clock (to test expiry). */
    EventSourceToken at(Clock other) {
        return new EventSourceToken(key, other);
    }

    /** A token for the account, valid for {@link #LIFETIME} from now. */
    String issue(AccountId account) {
        String payload = account.value() + "." + clock.instant().plus(LIFETIME).getEpochSecond();
        return payload + "." + BASE64URL.encodeToString(sign(payload));
    }

    /** The account a token was issued for, when its signature holds and it has not expired. */
    Optional<AccountId> verify(String token) {
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(payload.substring(firstDot + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= expiry) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountId(payload.substring(0, firstDot)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKeySpec randomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
