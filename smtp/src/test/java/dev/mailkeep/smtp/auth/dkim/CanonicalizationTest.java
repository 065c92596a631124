// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The canonicalization examples of RFC 6376 section 3.4.5 and the empty-body rules of 3.4.3/3.4.4. */
class CanonicalizationTest {

    @Test
    void rfc6376Section345Headers() {
        assertEquals("a:X\r\n", Canonicalization.RELAXED.header("A: X\r\n"));
        assertEquals("b:Y Z\r\n", Canonicalization.RELAXED.header("B : Y\t\r\n\tZ  \r\n"));
        assertEquals("B : Y\t\r\n\tZ  \r\n", Canonicalization.SIMPLE.header("B : Y\t\r\n\tZ  \r\n"));
    }

    @Test
    void rfc6376Section345Body() throws Exception {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertBody(" C\r\nD E\r\n", body, Canonicalization.RELAXED);
        assertBody(" C \r\nD \t E\r\n", body, Canonicalization.SIMPLE);
    }

    @Test
    void emptyBodies() throws Exception {
        assertBody("\r\n", "", Canonicalization.SIMPLE);
        assertBody("\r\n", "\r\n\r\n", Canonicalization.SIMPLE);
        assertBody("", "", Canonicalization.RELAXED);
        assertBody("", "\r\n \r\n", Canonicalization.RELAXED);
    }

    @Test
    void missingFinalLineEndIsAdded() throws Exception {
        assertBody("abc\r\n", "abc", Canonicalization.SIMPLE);
        assertBody("a b\r\n", "a  b \t", Canonicalization.RELAXED);
    }

    @Test
    void relaxedBodyEdgeCases() throws Exception {
        assertBody(" lead\r\n", "\t  lead\r\n", Canonicalization.RELAXED);
        assertBody("a\r\n\r\nb\r\n", "a\r\n \t \r\nb\r\n", Canonicalization.RELAXED);
        assertBody("x\ry z\r\n", "x\ry \t z \r\n", Canonicalization.RELAXED);
        assertBody("one two\r\n", "one two", Canonicalization.RELAXED);
    }

    @Test
    void lengthLimitCutsTheCanonicalForm() throws Exception {
        byte[] body = "Hello  world\r\nmore\r\n".getBytes(StandardCharsets.US_ASCII);
        BodyHasher.Result r = BodyHasher.hash(body, 0, body.length, Canonicalization.RELAXED, 5);
        assertArrayEquals(sha256("Hello"), r.hash());
        assertEquals("Hello world\r\nmore\r\n".length(), r.canonicalLength());
    }

    private static void assertBody(String canonical, String body, Canonicalization c) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        BodyHasher.Result r = BodyHasher.hash(b, 0, b.length, c, -1);
        assertArrayEquals(sha256(canonical), r.hash(), () -> "canonical form of '" + body + "'");
        assertEquals(canonical.length(), r.canonicalLength());
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    }
}
