// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** RFC 8291 message encryption: the RFC's own example (Appendix A) and a round trip through a user agent's decryption. */
class WebPushEncryptionTest {
    // RFC 8291 Appendix A (the example of section 5).
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6"
            + "TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] b64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    private static KeyPair pair(String publicKey, String privateKey) throws Exception {
        ECPublicKey pub = WebPushEncryption.publicKey(b64(publicKey));
        var priv = KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(new BigInteger(1, b64(privateKey)), WebPushEncryption.curve()));
        return new KeyPair(pub, priv);
    }

    @Test
    void theRfcExampleGivesTheRfcBody() throws Exception {
        WebPushEncryption.Keys keys = WebPushEncryption.Keys.parse(UA_PUBLIC, AUTH);
        byte[] body = WebPushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), keys,
                pair(AS_PUBLIC, AS_PRIVATE), b64(SALT));
        assertEquals(BODY, Base64.getUrlEncoder().withoutPadding().encodeToString(body));
    }

    @Test
    void aUserAgentDecryptsWhatWasSentWithFreshKeysAndSalt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(WebPushEncryption.curve());
        KeyPair userAgent = generator.generateKeyPair();
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        WebPushEncryption.Keys keys = new WebPushEncryption.Keys(
                WebPushEncryption.uncompressed((ECPublicKey) userAgent.getPublic()), auth);
        byte[] message = "{\"@type\":\"StateChange\",\"changed\":{\"A1\":{\"Email\":\"s42\"}}}".getBytes(StandardCharsets.UTF_8);

        byte[] first = WebPushEncryption.encrypt(message, keys);
        byte[] second = WebPushEncryption.encrypt(message, keys);
        assertTrue(!Arrays.equals(first, second), "a fresh salt and server key each time");
        assertEquals(4096, java.nio.ByteBuffer.wrap(first, 16, 4).getInt(), "record size in the header");
        assertArrayEquals(message, WebPushDecryption.decrypt(first, userAgent.getPrivate(), keys.p256dh(), auth));
        assertArrayEquals(message, WebPushDecryption.decrypt(second, userAgent.getPrivate(), keys.p256dh(), auth));

        byte[] tampered = first.clone();
        tampered[tampered.length - 20] ^= 1;
        assertThrows(AEADBadTagException.class,
                () -> WebPushDecryption.decrypt(tampered, userAgent.getPrivate(), keys.p256dh(), auth));
        byte[] otherAuth = auth.clone();
        otherAuth[0] ^= 1;
        assertThrows(AEADBadTagException.class,
                () -> WebPushDecryption.decrypt(first, userAgent.getPrivate(), keys.p256dh(), otherAuth));
    }

    @Test
    void theRfcBodyDecryptsWithTheUserAgentsKey() throws Exception {
        byte[] plaintext = WebPushDecryption.decrypt(b64(BODY), pair(UA_PUBLIC, UA_PRIVATE).getPrivate(),
                b64(UA_PUBLIC), b64(AUTH));
        assertEquals(PLAINTEXT, new String(plaintext, StandardCharsets.UTF_8));
    }

    @Test
    void keysThatAreNotAP256PointAndA16OctetSecretAreRefused() {
        String offCurve = UA_PUBLIC.substring(0, UA_PUBLIC.length() - 2) + "AA";
        assertEquals("p256dh: not a point on the P-256 curve",
                assertThrows(IllegalArgumentException.class, () -> WebPushEncryption.Keys.parse(offCurve, AUTH)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebPushEncryption.Keys.parse(UA_PUBLIC.substring(2), AUTH)).getMessage().startsWith("p256dh:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebPushEncryption.Keys.parse(UA_PUBLIC, "c2hvcnQ")).getMessage().startsWith("auth:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebPushEncryption.Keys.parse("not base64!", AUTH)).getMessage().startsWith("p256dh:"));
        assertThrows(IllegalArgumentException.class, () -> WebPushEncryption.encrypt(
                new byte[WebPushEncryption.MAX_PLAINTEXT + 1], WebPushEncryption.Keys.parse(UA_PUBLIC, AUTH)));
    }
}
