// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.Objects;

/**
 * The result of one DKIM-Signature field. Fields the signature could not even be parsed
 * far enough to give are null.
 *
 * @param domain d=, lower case
 * @param selector s=
 * @param identity i= (or "@" + d= by default)
 * @param algorithm a= as written
 * @param signature b= without whitespace, for header.b (RFC 6008)
 * @param keyBits size of the key that verified or refused it; 0 when unknown
 * @param testing the key record says t=y (RFC 6376 section 3.6.1)
 * @param reason why, in words, e.g. "body hash did not verify"
 */
public record DkimResult(DkimStatus status, String domain, String selector, String identity, String algorithm,
                         String signature, int keyBits, boolean testing, String reason) {
    public DkimResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
