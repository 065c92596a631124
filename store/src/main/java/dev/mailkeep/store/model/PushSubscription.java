// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A JMAP PushSubscription (RFC 8620 section 7.2) as the store keeps it for its user.
 *
 * @param id the server-assigned id, unique within the account
 * @param url where StateChanges are POSTed
 * @param keysP256dh the client's P-256 public key for RFC 8291 encryption, URL-safe base64; null
 *     when the subscription has no keys (then {@code keysAuth} is null too)
 * @param keysAuth the client's authentication secret for RFC 8291, URL-safe base64, or null
 * @param expectedCode the verification code sent to the url
 * @param verificationCode the code the client set; null until then (no StateChange is sent before)
 * @param expires when the subscription ends
 * @param types the type names asked for; null for all types
 * @param created when it was created (listing order)
 */
public record PushSubscription(String id, String deviceClientId, String url, String keysP256dh, String keysAuth,
        String expectedCode, String verificationCode, Instant expires, List<String> types, Instant created) {
    public PushSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceClientId, "deviceClientId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expectedCode, "expectedCode");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(created, "created");
        if ((keysP256dh == null) != (keysAuth == null)) {
            throw new IllegalArgumentException("keys are p256dh and auth together, or neither");
        }
        types = types == null ? null : List.copyOf(types);
    }
}
