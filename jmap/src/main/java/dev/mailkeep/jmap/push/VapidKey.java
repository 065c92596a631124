// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's VAPID identity (RFC 8292) for Web Push: a P-256 key pair whose public half the
 * session advertises as {@code applicationServerKey} (RFC 9749, capability
 * {@code urn:ietf:params:jmap:webpush-vapid}) so a client can bind its push subscription to this
 * server, and which signs the {@code Authorization: vapid t=..., k=...} header of every push
 * request. Push services that require VAPID (FCM for subscriptions made with an
 * applicationServerKey) refuse pushes without it.
 */
public final class VapidKey {
    /** RFC 8292 section 2: exp at most 24 hours ahead; 12 hours leaves room for clock skew. */
    static final Duration VALIDITY = Duration.ofHours(12);
    /** A token is reused for an audience until this much of its validity is left. */
    private static final Duration RENEW_BEFORE = Duration.ofHours(6);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String subject;
    private final String publicKey;
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String header, Instant expires) {}

    /**
     * @param keys a P-256 key pair
     * @param subject the contact the push service may use (RFC 8292 section 2.1), a
     *     {@code mailto:} or {@code https:} URI
     */
    public VapidKey(KeyPair keys, String subject) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.subject = Objects.requireNonNull(subject, "subject");
        if (!(keys.getPublic() instanceof ECPublicKey pub) || !(keys.getPrivate() instanceof ECPrivateKey)
                || pub.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("a VAPID key is a P-256 (secp256r1) key pair");
        }
        String lower = subject.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("mailto:") && !lower.startsWith("https:")) {
            throw new IllegalArgumentException("the VAPID subject is a mailto: or https: URI: " + subject);
        }
        this.publicKey = BASE64URL.encodeToString(WebPushEncryption.uncompressed(pub));
    }

    /** A new random P-256 key pair. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(WebPushEncryption.curve());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generation in this JDK", e);
        }
    }

    /** The public key, uncompressed and base64url without padding (RFC 8292 section 3.2). */
    public String applicationServerKey() {
        return publicKey;
    }

    /**
     * The {@code Authorization} header value for a push request to {@code target}: a JWT (ES256)
     * whose audience is the push service's origin, signed fresh when the last one for that
     * origin is closer than six hours to its expiry.
     */
    String authorization(URI target, Instant now) {
        String audience = origin(target);
        Token token = tokens.compute(audience, (aud, old) ->
                old != null && old.expires().minus(RENEW_BEFORE).isAfter(now) ? old : sign(aud, now));
        return token.header();
    }

    private Token sign(String audience, Instant now) {
        Instant expires = now.plus(VALIDITY);
        String header = BASE64URL.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = BASE64URL.encodeToString(("{\"aud\":\"" + json(audience) + "\",\"exp\":" + expires.getEpochSecond()
                + ",\"sub\":\"" + json(subject) + "\"}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            // RFC 7518 section 3.4: ES256 signatures are R and S as 32 octets each, not DER.
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + BASE64URL.encodeToString(ecdsa.sign());
            return new Token("vapid t=" + jwt + ", k=" + publicKey, expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    /** RFC 6454 serialization of the URI's origin: scheme, host and a non-default port. */
    static String origin(URI target) {
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String host = target.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
