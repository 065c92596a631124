// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Decodes the p= data of a key record: for k=rsa a SubjectPublicKeyInfo (what RFC 6376 and
 * every signer publish) or a bare PKCS#1 RSAPublicKey; for k=ed25519 the 32-octet public key
 * of RFC 8463 section 4.
 */
final class PublicKeys {
    private PublicKeys() {}

    record Decoded(PublicKey key, int bits) {}

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 key octets. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
        0x00};

    static Decoded decode(String keyType, byte[] der) throws DkimException {
        return switch (keyType) {
            case "rsa" -> rsa(der);
            case "ed25519" -> ed25519(der);
            default -> throw DkimKeyRecord.perm("unknown key type k=" + keyType);
        };
    }

    private static Decoded rsa(byte[] der) throws DkimException {
        KeyFactory f;
        try {
            f = KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException spki) {
            try {
                org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                key = (RSAPublicKey) f.generatePublic(new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent()));
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException pkcs1) {
                throw DkimKeyRecord.perm("p= is not an RSA public key");
            }
        }
        BigInteger modulus = key.getModulus();
        return new Decoded(key, modulus.bitLength());
    }

    private static Decoded ed25519(byte[] raw) throws DkimException {
        if (raw.length != 32) {
            throw DkimKeyRecord.perm("Ed25519 p= must be 32 octets, was " + raw.length);
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            return new Decoded(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)), 256);
        } catch (GeneralSecurityException e) {
            throw DkimKeyRecord.perm("p= is not an Ed25519 public key");
        }
    }

    /** The p= octets for a public key: SubjectPublicKeyInfo for RSA, the raw 32 octets for Ed25519. */
    static byte[] encode(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        }
        return spki;
    }
}
