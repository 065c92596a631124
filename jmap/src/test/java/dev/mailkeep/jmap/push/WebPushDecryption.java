// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user agent's side of RFC 8291 (section 3.4, with RFC 8188 records), written from the RFCs
 * for tests: reads the aes128gcm header, derives the key from the user agent's private key, and
 * decrypts every record.
 */
public final class WebPushDecryption {
    private WebPushDecryption() {}

    /** The plaintext of an aes128gcm body sent to the user agent whose keys are given. */
    public static byte[] decrypt(byte[] body, PrivateKey userAgent, byte[] userAgentPublic, byte[] auth) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] serverPublic = new byte[in.get() & 0xff];
        in.get(serverPublic);

        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(serverPublic, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(serverPublic, 33, 65)));
        var serverKey = KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(point, p256.getParameterSpec(ECParameterSpec.class)));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(userAgent);
        agreement.doPhase(serverKey, true);
        byte[] shared = agreement.generateSecret();

        byte[] prkKey = hmac(auth, shared);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes("WebPush: info\0".getBytes(StandardCharsets.US_ASCII));
        info.writeBytes(userAgentPublic);
        info.writeBytes(serverPublic);
        info.write(1);
        byte[] ikm = hmac(prkKey, info.toByteArray());
        byte[] prk = hmac(salt, ikm);
        byte[] key = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);

        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        for (long sequence = 0; in.hasRemaining(); sequence++) {
            byte[] record = new byte[Math.min(recordSize, in.remaining())];
            in.get(record);
            byte[] recordNonce = nonce.clone();
            for (int i = 0; i < 8; i++) {
                recordNonce[11 - i] ^= (byte) (sequence >>> (8 * i));
            }
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, recordNonce));
            byte[] padded = aes.doFinal(record);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || (padded[end] != 1 && padded[end] != 2)) {
                throw new IllegalArgumentException("no record delimiter");
            }
            plaintext.write(padded, 0, end);
        }
        return plaintext.toByteArray();
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
