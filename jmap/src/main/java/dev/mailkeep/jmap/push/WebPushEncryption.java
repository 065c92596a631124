// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188),
 * with the JDK's P-256 ECDH, HMAC-SHA-256 (as HKDF) and AES-128-GCM. Each message gets a fresh
 * application-server key pair and salt; it is one record (RFC 8291 section 4), so a message holds
 * at most {@link #MAX_PLAINTEXT} octets.
 */
final class WebPushEncryption {
    /** The record size announced in the header: the 4096 octets every push service must accept. */
    static final int RECORD_SIZE = 4096;
    private static final int HEADER = 16 + 4 + 1 + 65;
    private static final int TAG = 16;
    /** The longest plaintext one record carries (RFC 8291 section 4: the whole body fits 4096 octets). */
    static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER - TAG - 1;
    private static final ECParameterSpec P256 = p256();
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushEncryption() {}

    /**
     * A subscription's keys (RFC 8620 section 7.2 {@code keys}; RFC 8291 section 2): the user
     * agent's P-256 public key, uncompressed (65 octets), and its 16-octet authentication secret.
     */
    record Keys(byte[] p256dh, byte[] auth) {
        Keys {
            p256dh = p256dh.clone();
            auth = auth.clone();
        }

        /**
         * Reads the keys as a client sends them (URL-safe base64, padding optional).
         *
         * @throws IllegalArgumentException naming the key at fault, as "p256dh: reason"
         */
        static Keys parse(String p256dh, String auth) {
            byte[] point = decode("p256dh", p256dh);
            byte[] secret = decode("auth", auth);
            if (point.length != 65 || point[0] != 4) {
                throw new IllegalArgumentException("p256dh: must be an uncompressed P-256 point (65 octets)");
            }
            publicKey(point);
            if (secret.length != 16) {
                throw new IllegalArgumentException("auth: must be 16 octets");
            }
            return new Keys(point, secret);
        }

        /** The keys in the form {@link #parse} reads. */
        String p256dhText() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(p256dh);
        }

        String authText() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(auth);
        }

        private static byte[] decode(String name, String value) {
            try {
                return Base64.getUrlDecoder().decode(value.replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": must be URL-safe base64");
            }
        }
    }

    /** The body of a push message: the aes128gcm header, then the one encrypted record. */
    static byte[] encrypt(byte[] plaintext, Keys keys) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256, RANDOM);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            return encrypt(plaintext, keys, generator.generateKeyPair(), salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is required of every JDK", e);
        }
    }

    /** As {@link #encrypt(byte[], Keys)} with a given server key pair and salt (RFC 8291 Appendix A). */
    static byte[] encrypt(byte[] plaintext, Keys keys, KeyPair server, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " octets");
        }
        try {
            byte[] serverPublic = uncompressed((ECPublicKey) server.getPublic());
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(server.getPrivate());
            agreement.doPhase(publicKey(keys.p256dh()), true);
            byte[] ecdhSecret = agreement.generateSecret();

            // RFC 8291 section 3.4: the auth secret and both public keys go into the input keying material.
            byte[] prkKey = hmac(keys.auth(), ecdhSecret);
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), keys.p256dh(), serverPublic);
            byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
            // RFC 8188 section 2.2 and 2.3: content-encryption key and nonce from the salt.
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
            byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);

            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            // The last (only) record ends with the delimiter 0x02 and no padding.
            byte[] record = aes.doFinal(concat(plaintext, new byte[] {2}));

            ByteBuffer header = ByteBuffer.allocate(HEADER).put(salt).putInt(RECORD_SIZE)
                    .put((byte) serverPublic.length).put(serverPublic);
            return concat(header.array(), record);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed", e);
        }
    }

    /** The uncompressed encoding (0x04 | x | y) of a P-256 public key. */
    static byte[] uncompressed(ECPublicKey key) {
        ByteBuffer out = ByteBuffer.allocate(65).put((byte) 4);
        out.put(fixed(key.getW().getAffineX())).put(fixed(key.getW().getAffineY()));
        return out.array();
    }

    /**
     * The P-256 public key of an uncompressed point, checked to lie on the curve.
     *
     * @throws IllegalArgumentException "p256dh: ..." when it does not
     */
    static ECPublicKey publicKey(byte[] point) {
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        EllipticCurve curve = P256.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !y.pow(2).mod(p).equals(right)) {
            throw new IllegalArgumentException("p256dh: not a point on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("p256dh: not a P-256 public key", e);
        }
    }

    static ECParameterSpec curve() {
        return P256;
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is required of every JDK", e);
        }
    }
}
