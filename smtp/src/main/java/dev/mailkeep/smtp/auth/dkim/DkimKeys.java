// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reading and making DKIM keys: PEM private keys (PKCS#1 "RSA PRIVATE KEY", PKCS#8 "PRIVATE
 * KEY" for RSA and Ed25519) or a bare base64 Ed25519 seed (RFC 8463 A.1 style); generating
 * new keys; and the key record an operator publishes (RFC 6376 section 3.6.1, RFC 8463 section 4).
 */
public final class DkimKeys {
    private DkimKeys() {}

    private static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b,
        0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    /** Reads a PEM private key, or a base64 32-octet Ed25519 seed. */
    public static PrivateKey readPrivateKey(String text) throws IOException {
        String trimmed = text.strip();
        if (!trimmed.startsWith("-----BEGIN")) {
            byte[] seed = Base64.getDecoder().decode(trimmed);
            if (seed.length != 32) {
                throw new IOException("neither PEM nor a 32-octet Ed25519 seed");
            }
            return ed25519FromSeed(seed);
        }
        try (PEMParser parser = new PEMParser(new StringReader(trimmed))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                PrivateKey k = converter.getPrivateKey(info);
                return k.getAlgorithm().equals("Ed25519") || k.getAlgorithm().equals("EdDSA")
                        ? ed25519FromSeed(ed25519Seed(info)) : k;
            }
            throw new IOException("no private key in PEM text");
        }
    }

    private static byte[] ed25519Seed(PrivateKeyInfo info) throws IOException {
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    }

    /** An Ed25519 private key from its 32-octet seed (RFC 8032 section 5.1.5). */
    public static PrivateKey ed25519FromSeed(byte[] seed) {
        byte[] pkcs8 = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, pkcs8, ED25519_PKCS8_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    /** The public half of an RSA (CRT) or Ed25519 private key. */
    public static PublicKey publicKey(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            byte[] seed = Crypto.ed25519Seed(key);
            byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            byte[] spki = new byte[44];
            System.arraycopy(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0,
                    spki, 0, 12);
            System.arraycopy(pub, 0, spki, 12, 32);
            return KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key", e);
        }
    }

    /** The TXT text to publish at {@code <selector>._domainkey.<domain>}, e.g. "v=DKIM1; k=ed25519; p=...". */
    public static String keyRecord(PrivateKey key) {
        PublicKey pub = publicKey(key);
        String k = key.getAlgorithm().equals("RSA") ? "rsa" : "ed25519";
        return "v=DKIM1; k=" + k + "; p=" + Base64.getEncoder().encodeToString(PublicKeys.encode(pub));
    }

    /** A new key pair: RSA of {@code rsaBits} bits, or Ed25519 when {@code rsaBits} is 0. */
    public static KeyPair generate(int rsaBits) {
        try {
            if (rsaBits == 0) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(rsaBits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
