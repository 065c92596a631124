// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaslTest {
    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesPlainWithAndWithoutAuthorizationIdentity() {
        Sasl.Credentials plain = Sasl.plain(b64("\0alice@example.org\0pässwörd")).orElseThrow();
        assertEquals("alice@example.org", plain.username());
        assertArrayEquals("pässwörd".toCharArray(), plain.password());
        assertEquals("alice@example.org", Sasl.plain(b64("alice@example.org\0alice@example.org\0pw")).orElseThrow().username());
    }

    @Test
    void refusesMalformedPlainMessages() {
        assertTrue(Sasl.plain(b64("bob@example.org\0alice@example.org\0pw")).isEmpty(), "other authzid");
        assertTrue(Sasl.plain(b64("alice\0pw")).isEmpty(), "one NUL");
        assertTrue(Sasl.plain(b64("\0\0pw")).isEmpty(), "empty authcid");
        assertTrue(Sasl.plain(b64("\0a\0b\0c")).isEmpty(), "three NULs");
        assertTrue(Sasl.plain("%%%").isEmpty(), "not base64");
        assertTrue(Sasl.plain(Base64.getEncoder().encodeToString(new byte[] {0, 'a', 0, (byte) 0xff})).isEmpty(), "not UTF-8");
    }

    @Test
    void decodesLoginResponses() {
        assertArrayEquals("alice".toCharArray(), Sasl.decode(b64("alice")).orElseThrow());
        assertArrayEquals(new char[0], Sasl.decode("=").orElseThrow());
        assertEquals("Username:", new String(Sasl.decode(Sasl.LOGIN_USERNAME_PROMPT).orElseThrow()));
        assertEquals("Password:", new String(Sasl.decode(Sasl.LOGIN_PASSWORD_PROMPT).orElseThrow()));
    }
}
