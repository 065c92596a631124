// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The single-pass body hasher against the earlier line-by-line one ({@link ReferenceBodyHasher}),
 * RFC 6376 sections 3.4.3 and 3.4.4 with l=: the same hash and canonical length for every
 * body, canonicalization, l= and buffer size, including the places the scanner could get
 * wrong: a CRLF or a whitespace run across an eight-octet word or an output buffer boundary,
 * bare CR and LF, l= inside a line or a CRLF, empty bodies and bodies without a final CRLF.
 */
class BodyHasherEquivalenceTest {
    private static final String[] PIECES = {"a", "b", "word", "Z", " ", " ", "  ", "\t", " \t ", "\r\n", "\r\n",
        "\r\n\r\n", "\r", "\n", "\n\r", "\u00e9", "\u0000", "x\r\n", " \r\n", "\t\r\n"};

    @Test
    void randomBodiesHashAsTheReferenceDoes() {
        Random random = new Random(6376);
        for (int n = 0; n < 3000; n++) {
            byte[] body = randomBody(random, n % 50 == 0 ? 12_000 : random.nextInt(200));
            for (Canonicalization c : Canonicalization.values()) {
                BodyHasher.Result whole = ReferenceBodyHasher.hash(body, 0, body.length, c, -1);
                long limit = random.nextInt(4) == 0 ? -1 : random.nextLong(whole.canonicalLength() + 3);
                int bufferSize = random.nextBoolean() ? BodyHasher.BUFFER_SIZE : 1 + random.nextInt(17);
                assertSame(body, 0, body.length, c, limit, bufferSize);
            }
        }
    }

    @Test
    void bodiesInsideALargerArrayStopAtTheirBounds() {
        Random random = new Random(8463);
        for (int n = 0; n < 500; n++) {
            byte[] body = randomBody(random, random.nextInt(100));
            byte[] around = new byte[body.length + 40];
            for (int i = 0; i < around.length; i++) {
                around[i] = (byte) " \t\r\n".charAt(random.nextInt(4));
            }
            int offset = random.nextInt(20);
            System.arraycopy(body, 0, around, offset, body.length);
            for (Canonicalization c : Canonicalization.values()) {
                assertSame(around, offset, offset + body.length, c, -1, BodyHasher.BUFFER_SIZE);
            }
        }
    }

    @Test
    void lineEndsAndWhitespaceRunsAtEveryOffsetOfAWord() {
        String[] events = {"\r\n", "  ", " \t", "\t", " \r\n", "\t \r\n", "\r", "\n", " \r", "\r\r\n"};
        for (String event : events) {
            for (int at = 0; at < 20; at++) {
                String body = "x".repeat(at) + event + "yz".repeat(9) + event + "\r\n";
                byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
                for (Canonicalization c : Canonicalization.values()) {
                    for (int bufferSize = 1; bufferSize <= 12; bufferSize++) {
                        assertSame(b, 0, b.length, c, -1, bufferSize);
                    }
                    for (long limit = 0; limit <= b.length + 2; limit++) {
                        assertSame(b, 0, b.length, c, limit, 5);
                    }
                }
            }
        }
    }

    /**
     * Long runs of ordinary octets between rare events, so most of the body goes through the
     * word-at-a-time copy into the buffer: every buffer size from 1 to 40 and l= anywhere, the
     * canonical stream cut at buffer flushes and at l= in the middle of a copied word.
     */
    @Test
    void longStretchesCopiedAWordAtATime() {
        Random random = new Random(6376_0344);
        String[] rare = {"\r\n", "\r\n\r\n\r\n", "  ", "\t", " \r\n", "\r", "\n", "\u0001", " \u00e9", " "};
        for (int n = 0; n < 400; n++) {
            StringBuilder s = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                for (int k = random.nextInt(60); k > 0; k--) {
                    s.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x80 + random.nextInt(128)));
                }
                s.append(rare[random.nextInt(rare.length)]);
            }
            byte[] b = s.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (Canonicalization c : Canonicalization.values()) {
                long whole = ReferenceBodyHasher.hash(b, 0, b.length, c, -1).canonicalLength();
                for (int bufferSize = 1; bufferSize <= 40; bufferSize += 1 + random.nextInt(3)) {
                    assertSame(b, 0, b.length, c, -1, bufferSize);
                    assertSame(b, 0, b.length, c, random.nextLong(whole + 2), bufferSize);
                }
                assertSame(b, 0, b.length, c, random.nextLong(whole + 2), BodyHasher.BUFFER_SIZE);
            }
        }
    }

    @Test
    void namedEdgeCases() {
        String[] bodies = {"", "\r\n", "\r\n\r\n", " ", "\t", " \r\n \t\r\n", "no final line end", "ends in space ",
            "ends in tab\t", "ends in CR\r", "ends in LF\n", "\r\nleading empty line\r\n", "\n\n", "\r\r",
            "a\r\n\r\n\r\nb\r\n\r\n", "  \t  lead and trail \t \r\n", "x".repeat(8191) + "\r\n" + " ".repeat(9)};
        for (String body : bodies) {
            byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
            for (Canonicalization c : Canonicalization.values()) {
                for (long limit : new long[] {-1, 0, 1, 2, 3, 8192, 8193}) {
                    assertSame(b, 0, b.length, c, limit, BodyHasher.BUFFER_SIZE);
                    assertSame(b, 0, b.length, c, limit, 2);
                }
            }
        }
    }

    private static byte[] randomBody(Random random, int pieces) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertSame(byte[] b, int offset, int end, Canonicalization c, long limit, int bufferSize) {
        BodyHasher.Result expected = ReferenceBodyHasher.hash(b, offset, end, c, limit);
        BodyHasher.Result actual = BodyHasher.hash(b, offset, end, c, limit, bufferSize);
        String what = c + " l=" + limit + " buffer=" + bufferSize + " body="
                + HexFormat.of().formatHex(b, offset, end);
        assertEquals(expected.canonicalLength(), actual.canonicalLength(), what);
        assertArrayEquals(expected.hash(), actual.hash(), what);
    }
}
