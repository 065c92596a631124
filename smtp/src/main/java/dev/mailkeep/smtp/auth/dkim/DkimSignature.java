// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.util.List;

/**
 * A parsed and checked DKIM-Signature field, RFC 6376 section 3.5.
 *
 * @param signedHeaders the h= names, lower case, in order (over-signed names repeat)
 * @param bodyLength the l= value, or -1
 * @param timestamp the t= value, or -1
 * @param expiration the x= value, or -1
 * @param signature b=, decoded
 * @param bodyHash bh=, decoded
 * @param b64 b= as written, whitespace removed (for header.b, RFC 6008)
 */
record DkimSignature(DkimAlgorithm algorithm, Canonicalization headerCanon, Canonicalization bodyCanon,
                     String domain, String selector, String identity, List<String> signedHeaders,
                     long bodyLength, long timestamp, long expiration, byte[] signature, byte[] bodyHash,
                     String b64) {
    DkimSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }
}
