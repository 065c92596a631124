// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.PrivateKey;
import java.util.Locale;
import java.util.Objects;

/**
 * A private key and the d= and s= it signs for. The algorithm follows the key: RSA keys sign
 * rsa-sha256, Ed25519 keys ed25519-sha256.
 */
public record DkimSigningKey(String domain, String selector, PrivateKey key) {
    public DkimSigningKey {
        Objects.requireNonNull(key, "key");
        domain = domain.toLowerCase(Locale.ROOT);
        algorithmOf(key);
    }

    public DkimAlgorithm algorithm() {
        return algorithmOf(key);
    }

    private static DkimAlgorithm algorithmOf(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> DkimAlgorithm.RSA_SHA256;
            case "Ed25519", "EdDSA" -> DkimAlgorithm.ED25519_SHA256;
            default -> throw new IllegalArgumentException("DKIM signs with RSA or Ed25519 keys, not " + key.getAlgorithm());
        };
    }
}
