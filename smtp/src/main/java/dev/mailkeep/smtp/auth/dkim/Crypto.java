// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;

/**
 * The signature primitives: RSASSA-PKCS1-v1_5 with SHA-256 over the header data (RFC 6376
 * section 3.3.2), and PureEdDSA Ed25519 over the SHA-256 digest of the header data (RFC 8463
 * section 3).
 */
final class Crypto {
    private Crypto() {}

    static Signature signature(DkimAlgorithm algorithm) throws NoSuchAlgorithmException {
        return Signature.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
    }

    /** What goes into the Signature object for the given header data. */
    static byte[] signedInput(DkimAlgorithm algorithm, byte[] headerData) throws NoSuchAlgorithmException {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? headerData
                : MessageDigest.getInstance("SHA-256").digest(headerData);
    }
}
