// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.Locale;

/**
 * The result of verifying one DKIM signature, in the vocabulary of RFC 8601 section 2.7.1:
 * pass; fail (signature or body hash does not verify); neutral (the signature has syntax
 * errors); policy (well-formed, but refused: rsa-sha1 or an RSA key under 1024 bits per
 * RFC 8301, an expired signature); temperror (key lookup failed temporarily); permerror
 * (the key cannot be had: no record, revoked, malformed, or unsuitable).
 */
public enum DkimStatus {
    PASS, FAIL, NEUTRAL, POLICY, TEMPERROR, PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
