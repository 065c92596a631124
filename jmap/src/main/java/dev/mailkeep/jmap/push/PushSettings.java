// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.time.Duration;

/**
 * How PushSubscriptions (RFC 8620 section 7.2) reach out.
 *
 * @param allowPrivateAddresses whether push URLs may resolve to loopback, private, link-local or
 *     other non-public addresses (off by default: a client must not make the server probe its own
 *     network)
 * @param maxExpiry how long a subscription lives at most; a later {@code expires} is clamped to it
 * @param vapid the key that signs push requests and that the session advertises (RFC 9749); null
 *     for none
 */
public record PushSettings(boolean allowPrivateAddresses, Duration maxExpiry, VapidKey vapid) {
    public static final PushSettings DEFAULT = new PushSettings(false, Duration.ofDays(7));

    /** Without VAPID. */
    public PushSettings(boolean allowPrivateAddresses, Duration maxExpiry) {
        this(allowPrivateAddresses, maxExpiry, null);
    }

    public PushSettings {
        if (maxExpiry.isNegative() || maxExpiry.isZero()) {
            throw new IllegalArgumentException("maxExpiry must be positive");
        }
    }
}
