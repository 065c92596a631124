// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signature primitives: RSASSA-PKCS1-v1_5 with SHA-256 over the header data (RFC 6376
 * section 3.3.2, JCA), and PureEdDSA Ed25519 over the SHA-256 digest of the header data
 * (RFC 8463 section 3, Bouncy Castle's Ed25519, several times faster than the JDK's).
 */
final class Crypto {
    private Crypto() {}

    static boolean verify(DkimAlgorithm algorithm, PublicKey key, byte[] headerData, byte[] signature) {
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                Signature v = Signature.getInstance("SHA256withRSA");
                v.initVerify(key);
                v.update(headerData);
                return v.verify(signature);
            }
            byte[] spki = key.getEncoded();
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(spki, spki.length - Ed25519PublicKeyParameters.KEY_SIZE));
            byte[] digest = sha256(headerData);
            v.update(digest, 0, digest.length);
            return signature.length == Ed25519PublicKeyParameters.KEY_SIZE * 2 && v.verifySignature(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] sign(DkimAlgorithm algorithm, PrivateKey key, byte[] headerData) throws GeneralSecurityException {
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(headerData);
            return s.sign();
        }
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, new Ed25519PrivateKeyParameters(ed25519Seed(key), 0));
        byte[] digest = sha256(headerData);
        s.update(digest, 0, digest.length);
        return s.generateSignature();
    }

    /** The 32-octet seed of an Ed25519 private key (RFC 8032 section 5.1.5). */
    static byte[] ed25519Seed(PrivateKey key) {
        if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
            return ed.getBytes().get();
        }
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, 16, 48);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
