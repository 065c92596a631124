// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * b= and bh= decoded straight from the folded value ({@link FoldedBase64}) against removing
 * the whitespace, checking the pattern and decoding with the JDK (RFC 6376 section 3.5); and
 * the whole DKIM-Signature reader against the earlier one ({@link ReferenceSignatureParser}):
 * the same signature, or the same status and reason, for random values of every tag it reads.
 */
class SignatureParserEquivalenceTest {

    @Test
    void foldedBase64DecodesAsTheJdkDecodesTheUnfoldedValue() {
        Random random = new Random(6376_35);
        String alphabet = "AQgw+/09azZ=";
        String rare = " \t\r\n=-_.\u00e9\u0100*";
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = n % 100 == 0 ? 300 : random.nextInt(14); i > 0; i--) {
                String from = random.nextInt(6) == 0 ? rare : alphabet;
                s.append(from.charAt(random.nextInt(from.length())));
            }
            if (random.nextInt(3) == 0) {
                s.append("=".repeat(random.nextInt(4)));
            }
            assertSameDecoding(s.toString());
        }
    }

    @Test
    void realValuesFoldedAnywhere() {
        Random random = new Random(8463);
        for (int n = 0; n < 5_000; n++) {
            byte[] octets = new byte[random.nextInt(300)];
            random.nextBytes(octets);
            String encoded = n % 2 == 0 ? Base64.getEncoder().encodeToString(octets)
                    : Base64.getEncoder().withoutPadding().encodeToString(octets);
            StringBuilder folded = new StringBuilder();
            for (char c : encoded.toCharArray()) {
                if (random.nextInt(20) == 0) {
                    folded.append(List.of("\r\n\t", " ", "\t", "\r\n ").get(random.nextInt(4)));
                }
                folded.append(c);
            }
            assertSameDecoding(folded.toString());
            assertArrayEquals(octets, FoldedBase64.decode(folded.toString()).octets());
        }
    }

    @Test
    void randomSignaturesReadAsTheReferenceReadsThem() {
        String[][] tags = {
            {"v=1", "v=1", "v=2", "v= 1", ""},
            {"a=rsa-sha256", "a=ed25519-sha256", "a=rsa-sha1", "a=RSA-SHA256", "a=x", ""},
            {"c=relaxed/relaxed", "c=relaxed", "c=simple/relaxed", "c=RELAXED/Simple", "c=relaxed/", "c=/relaxed",
                "c=a/b/c", "c=relaxed/simple/", "c=/", "c=", ""},
            {"d=example.com", "d=Example.COM.", "d=-bad.example", "d=a..b", ""},
            {"s=sel", "s=sel_1", "s=bad sel", ""},
            {"h=from:to", "h=From : To :subject", "h=from:", "h=from::", "h=:from", "h=from::to", "h=:", "h=::",
                "h=", "h=to", "h=from: :", "h=from:\r\n\tto", "h= from ", "h=FROM", ""},
            {"i=@example.com", "i=joe@sub.example.com", "i=joe@other.example", "i=nobody", ""},
            {"q=dns/txt", "q=dns/txt:other", "q=http", ""},
            {"t=100", "t=abc", "t=1234567890123", ""},
            {"x=200", "x=50", "x=", ""},
            {"l=0", "l=42", "l=-1", ""},
            {"bh=" + b64(32), "bh=" + fold(b64(32)), "bh=" + b64(32).substring(1), "bh=AA=", "bh=", "bh=A", ""},
            {"b=" + b64(64), "b=" + fold(b64(256)), "b=" + b64(64) + "=", "b=Zm9v", "b=Zm8", "b=Zm8=", "b=Z===",
                "b=Zm9v\u00e9", "b=", ""},
        };
        Random random = new Random(6376_611);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder s = new StringBuilder();
            for (String[] choices : tags) {
                String tag = random.nextInt(4) == 0 ? choices[random.nextInt(choices.length)] : choices[0];
                if (!tag.isEmpty()) {
                    s.append(tag).append(random.nextBoolean() ? "; " : ";\r\n\t");
                }
            }
            assertSameSignature(s.toString());
        }
    }

    private static String b64(int octets) {
        byte[] b = new byte[octets];
        new Random(octets).nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String fold(String b64) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 30) {
            s.append("\r\n\t").append(b64, i, Math.min(b64.length(), i + 30));
        }
        return s.toString();
    }

    private static void assertSameDecoding(String value) {
        FoldedBase64 actual = FoldedBase64.decode(value);
        try {
            byte[] expected = ReferenceSignatureParser.base64(value, "b");
            assertArrayEquals(expected, actual == null ? null : actual.octets(), value);
            assertEquals(TagList.removeFws(value), actual.text(), value);
        } catch (DkimException e) {
            assertNull(actual, value);
        }
    }

    private static void assertSameSignature(String value) {
        DkimSignature expected = null;
        DkimSignature actual = null;
        String expectedError = null;
        String actualError = null;
        try {
            expected = ReferenceSignatureParser.parse(value);
        } catch (DkimException e) {
            expectedError = e.status() + " " + e.getMessage();
        }
        try {
            actual = DkimSignatureParser.parse(value);
        } catch (DkimException e) {
            actualError = e.status() + " " + e.getMessage();
        }
        assertEquals(expectedError, actualError, value);
        if (expected != null) {
            assertEquals(describe(expected), describe(actual), value);
            assertArrayEquals(expected.signature(), actual.signature(), value);
            assertArrayEquals(expected.bodyHash(), actual.bodyHash(), value);
        }
    }

    private static String describe(DkimSignature s) {
        return List.of(s.algorithm(), s.headerCanon(), s.bodyCanon(), s.domain(), s.selector(), s.identity(),
                s.signedHeaders(), s.bodyLength(), s.timestamp(), s.expiration(), s.b64()).toString();
    }
}
