// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

/**
 * The signing algorithms Mailkeep accepts: rsa-sha256 (RFC 6376 section 3.3.2) and
 * ed25519-sha256 (RFC 8463 section 3). rsa-sha1 is refused (RFC 8301 section 3.1).
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The a= value. */
    public String tag() {
        return tag;
    }

    /** The k= value of a matching key record. */
    public String keyType() {
        return keyType;
    }

    static DkimAlgorithm fromTag(String a) {
        for (DkimAlgorithm alg : values()) {
            if (alg.tag.equalsIgnoreCase(a)) {
                return alg;
            }
        }
        return null;
    }
}
